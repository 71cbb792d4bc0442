import { MigrationInterface, QueryRunner } from 'typeorm';

/** Capacity planning: inbound queues, how each is split across sites today, and their 30-minute volumes. */
export class Planning1763802000000 implements MigrationInterface {
  name = 'Planning1763802000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE planning_queue (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        aht_seconds double precision NOT NULL CHECK (aht_seconds > 0),
        patience_seconds double precision CHECK (patience_seconds > 0),
        target_kind text NOT NULL CHECK (target_kind IN ('service_level', 'asa', 'abandonment')),
        target_seconds double precision CHECK (target_seconds >= 0),
        target_level double precision CHECK (target_level > 0 AND target_level < 1),
        target_rate double precision CHECK (target_rate > 0 AND target_rate < 1),
        max_occupancy double precision NOT NULL CHECK (max_occupancy > 0 AND max_occupancy <= 1),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE planning_queue_site (
        queue_id uuid NOT NULL REFERENCES planning_queue (id) ON DELETE CASCADE,
        site_id uuid NOT NULL,
        share double precision NOT NULL CHECK (share > 0 AND share <= 1),
        PRIMARY KEY (queue_id, site_id)
      )`);
    await db.query(`
      CREATE TABLE planning_volume (
        queue_id uuid NOT NULL REFERENCES planning_queue (id) ON DELETE CASCADE,
        interval_start timestamptz NOT NULL,
        calls integer NOT NULL CHECK (calls >= 0),
        PRIMARY KEY (queue_id, interval_start)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE planning_volume`);
    await db.query(`DROP TABLE planning_queue_site`);
    await db.query(`DROP TABLE planning_queue`);
  }
}
