import { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1763800200000 implements MigrationInterface {
  name = 'Alerts1763800200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        site_id uuid REFERENCES site (id),
        partner_id uuid REFERENCES partner (id),
        dedupe_key text NOT NULL,
        message text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        opened_at timestamptz NOT NULL,
        resolved_at timestamptz
      )`);
    await db.query(
      `CREATE UNIQUE INDEX alert_open_key ON alert (kind, dedupe_key) WHERE resolved_at IS NULL`,
    );
    await db.query(`CREATE INDEX alert_opened_at_idx ON alert (opened_at DESC)`);
    await db.query(`CREATE INDEX alert_site_idx ON alert (site_id)`);
    await db.query(`CREATE INDEX alert_partner_idx ON alert (partner_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE alert`);
  }
}
