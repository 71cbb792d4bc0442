import { MigrationInterface, QueryRunner } from 'typeorm';

/** Stored answers keep their exact text (jsonb reorders keys, so a replay would differ byte-wise). */
export class IdempotencyJson1763800210001 implements MigrationInterface {
  name = 'IdempotencyJson1763800210001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE idempotency_record ALTER COLUMN body TYPE json USING body::json`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE idempotency_record ALTER COLUMN body TYPE jsonb USING body::jsonb`);
  }
}
