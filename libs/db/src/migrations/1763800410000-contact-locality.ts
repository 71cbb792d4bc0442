import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contacts laid out for bulk work (measured by `npm run bench:campaign`):
 * - ids are time-ordered UUIDs (version 7: 48 bits of epoch milliseconds, then random bits), so a
 *   merge appends to the right edge of the id indexes instead of writing all over them, and a
 *   lease, which picks pending contacts in id order, reads a few neighbouring pages of contacts
 *   (and, as imports insert in phone order, of consumers) instead of one page per contact;
 * - one unique index on (phone, campaign_id) both merges duplicates (ON CONFLICT infers it from
 *   the column set) and finds a number's contacts in every campaign, where there were two;
 * - staged rows no longer check a foreign key per row: the staging transaction writes the import
 *   row first, and the merge job deletes its staged rows.
 */
export class ContactLocality1763800410000 implements MigrationInterface {
  name = 'ContactLocality1763800410000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION uuid_v7() RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT encode(
          set_bit(set_bit(
            overlay(uuid_send(gen_random_uuid())
                    PLACING substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
                    FROM 1 FOR 6),
            52, 1), 53, 1),
          'hex')::uuid
      $$`);
    await db.query(`ALTER TABLE contact ALTER COLUMN id SET DEFAULT uuid_v7()`);
    await db.query(`CREATE UNIQUE INDEX contact_phone_campaign_key ON contact (phone, campaign_id)`);
    await db.query(`DROP INDEX contact_campaign_phone_key`);
    await db.query(`DROP INDEX contact_phone_idx`);
    await db.query(`ALTER TABLE contact_import_row DROP CONSTRAINT contact_import_row_import_id_fkey`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE contact_import_row ADD CONSTRAINT contact_import_row_import_id_fkey
        FOREIGN KEY (import_id) REFERENCES contact_import (id) ON DELETE CASCADE`);
    await db.query(`CREATE INDEX contact_phone_idx ON contact (phone)`);
    await db.query(`CREATE UNIQUE INDEX contact_campaign_phone_key ON contact (campaign_id, phone)`);
    await db.query(`DROP INDEX contact_phone_campaign_key`);
    await db.query(`ALTER TABLE contact ALTER COLUMN id SET DEFAULT gen_random_uuid()`);
    await db.query(`DROP FUNCTION uuid_v7()`);
  }
}
