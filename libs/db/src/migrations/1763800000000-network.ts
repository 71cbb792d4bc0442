import { MigrationInterface, QueryRunner } from 'typeorm';

export class Network1763800000000 implements MigrationInterface {
  name = 'Network1763800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);
    await db.query(`
      CREATE TABLE partner (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('in_house', 'outsourcer')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX partner_name_key ON partner (lower(name))`);
    await db.query(`
      CREATE TABLE site (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partner (id),
        name text NOT NULL,
        city text NOT NULL,
        country char(2) NOT NULL,
        time_zone text NOT NULL,
        installed_seats integer NOT NULL CHECK (installed_seats >= 0),
        status text NOT NULL CHECK (status IN ('planned', 'active', 'closed')),
        opened_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX site_partner_name_key ON site (partner_id, lower(name))`);
    await db.query(`CREATE INDEX site_country_idx ON site (country)`);
    await db.query(`
      CREATE TABLE seat (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES site (id),
        label text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX seat_site_label_key ON seat (site_id, label)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE seat`);
    await db.query(`DROP TABLE site`);
    await db.query(`DROP TABLE partner`);
  }
}
