import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '#core';
import { releaseAssignments } from './site-assignments.js';

export interface ExpiryResult {
  leases: number;
  contacts: number;
}

/**
 * The `campaigns.expire-leases` job: leases past their expiry queue their unreported contacts
 * again (unless suppressed meanwhile) and release the consumers, in one transaction. Running it
 * twice is harmless (a lease expires once; reported contacts are not touched).
 */
@Injectable()
export class LeaseExpiry {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async expire(at: Date = this.clock.now()): Promise<ExpiryResult> {
    return this.dataSource.transaction(async (manager) => {
      // TypeORM answers an UPDATE ... RETURNING with [rows, affected]
      const [expired]: [Array<{ id: string }>, number] = await manager.query(
        `UPDATE contact_lease SET status = 'expired'
          WHERE id IN (SELECT id FROM contact_lease WHERE status = 'open' AND expires_at <= $1 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
        [at],
      );
      if (!expired.length) return { leases: 0, contacts: 0 };
      // a separate statement: its snapshot sees every report that committed before these leases were locked
      const rows: Array<{ campaign_id: string; site_id: string; contacts: number }> = await manager.query(
        `WITH unreported AS (
             SELECT i.lease_id, i.contact_id, i.campaign_id, i.phone, l.site_id
               FROM contact_lease l JOIN contact_lease_item i ON i.lease_id = l.id
              WHERE l.id = ANY($1)
                AND NOT EXISTS (SELECT FROM contact_attempt a WHERE a.lease_id = i.lease_id AND a.contact_id = i.contact_id)),
           requeued AS (
             INSERT INTO contact_queue (campaign_id, contact_id, phone)
             SELECT u.campaign_id, u.contact_id, u.phone FROM unreported u
               JOIN contact c ON c.id = u.contact_id AND c.status = 'pending'
             ON CONFLICT DO NOTHING),
           released AS (
             UPDATE consumer p SET leased_until = NULL, lease_id = NULL
               FROM unreported u WHERE p.phone = u.phone AND p.lease_id = u.lease_id)
           SELECT campaign_id, site_id, count(*)::int AS contacts FROM unreported GROUP BY campaign_id, site_id`,
        [expired.map((lease) => lease.id)],
      );
      await releaseAssignments(
        manager,
        rows.map((row) => ({ campaignId: row.campaign_id, siteId: row.site_id, contacts: row.contacts })),
      );
      return { leases: expired.length, contacts: rows.reduce((sum, row) => sum + row.contacts, 0) };
    });
  }
}
