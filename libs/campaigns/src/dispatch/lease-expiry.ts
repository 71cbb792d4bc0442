import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '#core';

export interface ExpiryResult {
  leases: number;
  contacts: number;
}

/**
 * The `campaigns.expire-leases` job: leases past their expiry give their unreported contacts
 * back to the pool and release the consumers, in one transaction. Running it twice is harmless
 * (a lease expires once; reported contacts are not touched).
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
             RETURNING id),
           returned AS (
             UPDATE contact c SET status = 'pending', lease_id = NULL
               FROM expired e WHERE c.lease_id = e.id AND c.status = 'leased'
             RETURNING c.campaign_id, c.site_id, c.phone, e.id AS lease_id),
           released AS (
             UPDATE consumer p SET leased_until = NULL, lease_id = NULL
               FROM returned r WHERE p.phone = r.phone AND p.lease_id = r.lease_id)
           SELECT (SELECT count(*) FROM expired)::int AS leases, r.campaign_id, r.site_id, count(r.*)::int AS contacts
             FROM (SELECT 1) one LEFT JOIN returned r ON true
            GROUP BY r.campaign_id, r.site_id`,
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
