import { MigrationInterface, QueryRunner } from 'typeorm';

const REASONS = ['break', 'lunch', 'training', 'briefing', 'coaching', 'technical'];

/** Seat pause reasons: on the saved seat state, and counted per reason in the minute history. */
export class PauseReasons1763801900000 implements MigrationInterface {
  name = 'PauseReasons1763801900000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE live_seat_state ADD COLUMN pause_reason text
         CHECK (pause_reason IN (${REASONS.map((reason) => `'${reason}'`).join(', ')}))`,
    );
    await db.query(
      `ALTER TABLE live_site_minute ${REASONS.map(
        (reason) => `ADD COLUMN paused_${reason} integer NOT NULL DEFAULT 0`,
      ).join(', ')}`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE live_site_minute ${REASONS.map((reason) => `DROP COLUMN paused_${reason}`).join(', ')}`,
    );
    await db.query(`ALTER TABLE live_seat_state DROP COLUMN pause_reason`);
  }
}
