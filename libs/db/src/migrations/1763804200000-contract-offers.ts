import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lawful basis of a current contract, checked at lease: a campaign declares the contract
 * offers its product relates to (`campaign.contract_offers`, none by default: such a campaign calls
 * consenting consumers only), and a contact may carry its contract's last day in force
 * (`contract_ends_on`, from the contacts CSV's optional `contract_end`), staged like its other fields.
 */
export class ContractOffers1763804200000 implements MigrationInterface {
  name = 'ContractOffers1763804200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE campaign ADD COLUMN contract_offers text[] NOT NULL DEFAULT '{}'`);
    await db.query(`ALTER TABLE contact ADD COLUMN contract_ends_on date`);
    await db.query(`ALTER TABLE contact_import_row ADD COLUMN contract_ends_on date`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE contact_import_row DROP COLUMN contract_ends_on`);
    await db.query(`ALTER TABLE contact DROP COLUMN contract_ends_on`);
    await db.query(`ALTER TABLE campaign DROP COLUMN contract_offers`);
  }
}
