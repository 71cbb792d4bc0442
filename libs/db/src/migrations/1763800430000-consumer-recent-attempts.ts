import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each consumer keeps the times of its 4 most recent attempts (any partner, any campaign), written
 * by the outcome that records each attempt. The lease checks "fewer than 4 attempts in 30 days"
 * on the consumer row it locks, so the check sees every attempt committed before the lock
 * (PostgreSQL re-checks a locked row's conditions on its newest version; a count over
 * contact_attempt was read from the statement's older snapshot). It also spares the lease one
 * index probe per contact.
 */
export class ConsumerRecentAttempts1763800430000 implements MigrationInterface {
  name = 'ConsumerRecentAttempts1763800430000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE consumer ADD COLUMN recent_attempts timestamptz[] NOT NULL DEFAULT '{}'`);
    await db.query(`
      UPDATE consumer p SET recent_attempts = recent.times
        FROM (SELECT phone, array_agg(attempted_at ORDER BY attempted_at) AS times
                FROM (SELECT phone, attempted_at,
                             row_number() OVER (PARTITION BY phone ORDER BY attempted_at DESC) AS newest
                        FROM contact_attempt) ranked
               WHERE newest <= 4
               GROUP BY phone) recent
       WHERE p.phone = recent.phone`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE consumer DROP COLUMN recent_attempts`);
  }
}
