import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The opposition list's refreshes: each upload of the Bloctel list (suppressions with source
 * `bloctel`) is recorded with when, how many numbers and how many new, so the console shows the
 * list's age and a launch with a list older than 30 days asks for a confirmation.
 */
export class OppositionListRefresh1763803210000 implements MigrationInterface {
  name = 'OppositionListRefresh1763803210000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE opposition_list_refresh (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        refreshed_at timestamptz NOT NULL,
        source text NOT NULL,
        numbers integer NOT NULL,
        added integer NOT NULL,
        refreshed_by text
      )`);
    await db.query(`CREATE INDEX opposition_list_refresh_at_idx ON opposition_list_refresh (refreshed_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE opposition_list_refresh`);
  }
}
