import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Test-and-learn a manager can trust: each campaign says how much evidence moves its split
 * (reached contacts per site, confidence) and what the test cell is judged on (conversion or sales
 * per euro); a test ends with a recorded winner; every recomputed split is kept as share history
 * (the trajectory the console charts).
 */
export class TestAndLearn1763802100000 implements MigrationInterface {
  name = 'TestAndLearn1763802100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE campaign
        ADD COLUMN test_min_reached integer NOT NULL DEFAULT 50 CHECK (test_min_reached >= 0),
        ADD COLUMN test_confidence numeric(4, 3) NOT NULL DEFAULT 0.95
          CHECK (test_confidence >= 0.5 AND test_confidence < 1),
        ADD COLUMN test_objective text NOT NULL DEFAULT 'conversion'
          CHECK (test_objective IN ('conversion', 'sales_per_euro')),
        ADD COLUMN test_ended_at timestamptz,
        ADD COLUMN test_winner_site_id uuid REFERENCES site (id)`);
    await db.query(`ALTER TABLE campaign_site ADD COLUMN joined_at timestamptz NOT NULL DEFAULT now()`);
    await db.query(`
      CREATE TABLE campaign_share_history (
        campaign_id uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
        site_id uuid NOT NULL REFERENCES site (id),
        at timestamptz NOT NULL,
        share numeric(8, 7) NOT NULL,
        probability_best numeric(8, 7),
        reached integer NOT NULL,
        sales integer NOT NULL,
        PRIMARY KEY (campaign_id, at, site_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE campaign_share_history`);
    await db.query(`ALTER TABLE campaign_site DROP COLUMN joined_at`);
    await db.query(`
      ALTER TABLE campaign
        DROP COLUMN test_min_reached, DROP COLUMN test_confidence, DROP COLUMN test_objective,
        DROP COLUMN test_ended_at, DROP COLUMN test_winner_site_id`);
  }
}
