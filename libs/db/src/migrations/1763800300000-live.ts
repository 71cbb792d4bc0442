import { MigrationInterface, QueryRunner } from 'typeorm';

export class Live1763800300000 implements MigrationInterface {
  name = 'Live1763800300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE live_site_minute (
        site_id uuid NOT NULL REFERENCES site (id),
        minute timestamptz NOT NULL,
        seats integer NOT NULL,
        offline integer NOT NULL,
        available integer NOT NULL,
        on_call integer NOT NULL,
        wrap_up integer NOT NULL,
        paused integer NOT NULL,
        staffed integer NOT NULL,
        occupancy numeric(5, 4),
        PRIMARY KEY (site_id, minute)
      )`);
    await db.query(`
      CREATE TABLE live_seat_state (
        seat_id uuid PRIMARY KEY REFERENCES seat (id),
        site_id uuid NOT NULL REFERENCES site (id),
        state text NOT NULL CHECK (state IN ('offline', 'available', 'on_call', 'wrap_up', 'paused')),
        campaign_id uuid,
        at timestamptz NOT NULL,
        since timestamptz NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX live_seat_state_site_idx ON live_seat_state (site_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE live_seat_state`);
    await db.query(`DROP TABLE live_site_minute`);
  }
}
