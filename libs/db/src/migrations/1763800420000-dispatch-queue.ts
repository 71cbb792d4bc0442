import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dispatch state out of the contact row (measured by `npm run bench:campaign`). Leasing used to
 * update every leased contact: `status` sat in the pending index's predicate and `lease_id` had
 * an index, so each update wrote a new heap tuple and three index entries. Now:
 * - `contact_queue` holds the contacts that may be leased, in the order leases take them; a lease
 *   deletes its rows, a contact given back (expiry, a retry outcome) is queued again;
 * - `contact_lease_item` records what each lease took (append-only); a contact is out on a lease
 *   while its lease is open and no attempt is reported for it;
 * - contact keeps what the import gave and what outcomes decide: `status` is pending (still to
 *   call, queued or out on a lease), done or suppressed.
 * A partial index on suppressed consumers lets an import merge find them without reading every
 * consumer; lease-time updates of consumer stay heap-only (they touch no indexed column).
 * Like contact, these tables have no foreign keys: a lease writes a thousand rows at a time.
 */
export class DispatchQueue1763800420000 implements MigrationInterface {
  name = 'DispatchQueue1763800420000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE contact_queue (
        campaign_id uuid NOT NULL,
        contact_id uuid NOT NULL,
        phone text NOT NULL,
        PRIMARY KEY (campaign_id, contact_id)
      )`);
    await db.query(`
      CREATE TABLE contact_lease_item (
        lease_id uuid NOT NULL,
        contact_id uuid NOT NULL,
        campaign_id uuid NOT NULL,
        phone text NOT NULL,
        PRIMARY KEY (lease_id, contact_id)
      )`);
    await db.query(`
      INSERT INTO contact_queue (campaign_id, contact_id, phone)
      SELECT campaign_id, id, phone FROM contact WHERE status = 'pending' ORDER BY campaign_id, id`);
    await db.query(`
      INSERT INTO contact_lease_item (lease_id, contact_id, campaign_id, phone)
      SELECT lease_id, id, campaign_id, phone FROM contact WHERE status = 'leased'`);
    await db.query(`UPDATE contact SET status = 'pending' WHERE status = 'leased'`);
    await db.query(`DROP INDEX contact_pending_idx`);
    await db.query(`DROP INDEX contact_lease_idx`);
    await db.query(`ALTER TABLE contact DROP COLUMN lease_id, DROP COLUMN site_id, DROP COLUMN leased_at`);
    await db.query(`ALTER TABLE contact DROP CONSTRAINT contact_status_check`);
    await db.query(
      `ALTER TABLE contact ADD CONSTRAINT contact_status_check CHECK (status IN ('pending', 'done', 'suppressed'))`,
    );
    await db.query(
      `CREATE INDEX consumer_do_not_call_idx ON consumer (phone) WHERE do_not_call_at IS NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX consumer_do_not_call_idx`);
    await db.query(`ALTER TABLE contact DROP CONSTRAINT contact_status_check`);
    await db.query(
      `ALTER TABLE contact ADD CONSTRAINT contact_status_check CHECK (status IN ('pending', 'leased', 'done', 'suppressed'))`,
    );
    await db.query(
      `ALTER TABLE contact ADD COLUMN lease_id uuid, ADD COLUMN site_id uuid, ADD COLUMN leased_at timestamptz`,
    );
    await db.query(`
      UPDATE contact c SET status = 'leased', lease_id = l.id, site_id = l.site_id, leased_at = l.leased_at
        FROM contact_lease_item i JOIN contact_lease l ON l.id = i.lease_id AND l.status = 'open'
       WHERE c.id = i.contact_id AND c.status = 'pending'
         AND NOT EXISTS (SELECT FROM contact_attempt a WHERE a.lease_id = i.lease_id AND a.contact_id = i.contact_id)`);
    await db.query(`CREATE INDEX contact_lease_idx ON contact (lease_id) WHERE lease_id IS NOT NULL`);
    await db.query(`CREATE INDEX contact_pending_idx ON contact (campaign_id, id) WHERE status = 'pending'`);
    await db.query(`DROP TABLE contact_lease_item`);
    await db.query(`DROP TABLE contact_queue`);
  }
}
