import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The supervisor's wall (libs/wallboard): seat-minutes by site and campaign (what handle time and
 * trends are computed from; campaign_id is the nil uuid for seats working on no campaign), one
 * arranged wall per user, and read-only share tokens of a wall (only their hash is kept). Attempts
 * are read by call time over the last hours: an index on attempted_at.
 */
export class Wallboard1763803600000 implements MigrationInterface {
  name = 'Wallboard1763803600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE activity_seat_minute (
        site_id uuid NOT NULL,
        campaign_id uuid NOT NULL,
        minute timestamptz NOT NULL,
        on_call integer NOT NULL,
        wrap_up integer NOT NULL,
        available integer NOT NULL,
        staffed integer NOT NULL,
        PRIMARY KEY (minute, site_id, campaign_id)
      )`);
    await db.query(`CREATE INDEX contact_attempt_attempted_idx ON contact_attempt (attempted_at)`);
    await db.query(`
      CREATE TABLE wall (
        user_id uuid PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
        layout jsonb NOT NULL,
        partner_id uuid,
        site_ids uuid[],
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE wall_share (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES wall (user_id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        label text NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX wall_share_user_idx ON wall_share (user_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE wall_share`);
    await db.query(`DROP TABLE wall`);
    await db.query(`DROP INDEX contact_attempt_attempted_idx`);
    await db.query(`DROP TABLE activity_seat_minute`);
  }
}
