import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The compliance report and the caller number of each call: an attempt keeps the number the
 * dialer presented (as reported, null when not reported) and whether it lay in the ARCEP ranges
 * for the consumer's territory. The report reads attempts by period through the wallboard's index
 * on attempted_at, and incidents through one on their time.
 */
export class ComplianceReport1763803200000 implements MigrationInterface {
  name = 'ComplianceReport1763803200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE contact_attempt ADD COLUMN caller_number text, ADD COLUMN caller_number_lawful boolean`,
    );
    await db.query(`CREATE INDEX compliance_incident_occurred_idx ON compliance_incident (occurred_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX compliance_incident_occurred_idx`);
    await db.query(`ALTER TABLE contact_attempt DROP COLUMN caller_number, DROP COLUMN caller_number_lawful`);
  }
}
