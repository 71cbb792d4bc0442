import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '#core';

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
      const rows: Array<{
        leases: number;
        campaign_id: string | null;
        site_id: string | null;
        contacts: number;
      }> = await manager.query(
        `WITH expired AS (
             UPDATE contact_lease SET status = 'expired'
              WHERE id IN (SELECT id FROM contact_lease WHERE status = 'open' AND expires_at <= $1 FOR UPDATE SKIP LOCKED)
             RETURNING id, site_id),
           unreported AS (
             SELECT i.lease_id, i.contact_id, i.campaign_id, i.phone, e.site_id
               FROM expired e JOIN contact_lease_item i ON i.lease_id = e.id
              WHERE NOT EXISTS (SELECT FROM contact_attempt a WHERE a.lease_id = i.lease_id AND a.contact_id = i.contact_id)),
           requeued AS (
             INSERT INTO contact_queue (campaign_id, contact_id, phone)
             SELECT u.campaign_id, u.contact_id, u.phone FROM unreported u
               JOIN contact c ON c.id = u.contact_id AND c.status = 'pending'
             ON CONFLICT DO NOTHING),
           released AS (
             UPDATE consumer p SET leased_until = NULL, lease_id = NULL
               FROM unreported u WHERE p.phone = u.phone AND p.lease_id = u.lease_id)
           SELECT (SELECT count(*) FROM expired)::int AS leases, u.campaign_id, u.site_id, count(u.*)::int AS contacts
             FROM (SELECT 1) one LEFT JOIN unreported u ON true
            GROUP BY u.campaign_id, u.site_id`,
        [at],
      );
      let contacts = 0;
      for (const row of rows) {
        if (!row.campaign_id) continue;
        contacts += row.contacts;
        await manager.query(
          `UPDATE campaign_site SET assigned = greatest(0, assigned - $3) WHERE campaign_id = $1 AND site_id = $2`,
          [row.campaign_id, row.site_id, row.contacts],
        );
      }
      return { leases: rows[0]?.leases ?? 0, contacts };
    });
  }
}
