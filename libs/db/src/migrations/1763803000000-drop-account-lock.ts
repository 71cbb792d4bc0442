import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in attempts are limited per (email, address) pair with an exponential delay, outside the
 * database (the attempt limiter, Redis or memory), so that nobody can lock another person's
 * account: the per-account counter and lock of app_user were never read or written again. They go.
 */
export class DropAccountLock1763803000000 implements MigrationInterface {
  name = 'DropAccountLock1763803000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE app_user DROP COLUMN failed_logins, DROP COLUMN locked_until`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE app_user ADD COLUMN failed_logins integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz`,
    );
  }
}
