import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every call recorded, none moved in time: an attempt says whether it was reported after its
 * lease expired (`late`), whether it was made outside the consumer's calling window
 * (`outside_window`: the rule it broke), and whether its contact had been withdrawn from the lease
 * meanwhile (`withdrawn`: a refusal reported by another dialer). A lease item withdrawn that way
 * keeps when. `compliance_incident` records each call the rules did not allow, for its partner
 * and site, traceable to the attempt.
 */
export class AttemptFlags1763802226000 implements MigrationInterface {
  name = 'AttemptFlags1763802226000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE contact_attempt ADD COLUMN late boolean NOT NULL DEFAULT false,
        ADD COLUMN outside_window text,
        ADD COLUMN withdrawn boolean NOT NULL DEFAULT false`);
    await db.query(`ALTER TABLE contact_lease_item ADD COLUMN withdrawn_at timestamptz`);
    await db.query(`
      CREATE TABLE compliance_incident (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        partner_id uuid NOT NULL,
        site_id uuid NOT NULL,
        campaign_id uuid NOT NULL,
        attempt_id uuid NOT NULL REFERENCES contact_attempt (id) ON DELETE CASCADE,
        occurred_at timestamptz NOT NULL,
        detected_at timestamptz NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query(
      `CREATE INDEX compliance_incident_partner_idx ON compliance_incident (partner_id, occurred_at)`,
    );
    await db.query(`CREATE INDEX compliance_incident_attempt_idx ON compliance_incident (attempt_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE compliance_incident`);
    await db.query(`ALTER TABLE contact_lease_item DROP COLUMN withdrawn_at`);
    await db.query(
      `ALTER TABLE contact_attempt DROP COLUMN late, DROP COLUMN outside_window, DROP COLUMN withdrawn`,
    );
  }
}
