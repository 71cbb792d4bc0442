import type { EntityManager } from 'typeorm';

export interface ReleasedAssignment {
  campaignId: string;
  siteId: string;
  contacts: number;
}

/**
 * Contacts a site no longer holds (given back by an expired lease, or queued again after a
 * retry outcome) stop counting against its share of their campaign. One statement for all
 * (campaign, site) pairs; each pair appears once.
 */
export async function releaseAssignments(
  manager: EntityManager,
  released: readonly ReleasedAssignment[],
): Promise<void> {
  if (!released.length) return;
  await manager.query(
    `UPDATE campaign_site cs SET assigned = greatest(0, cs.assigned - r.contacts)
       FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS r(campaign_id, site_id, contacts)
      WHERE cs.campaign_id = r.campaign_id AND cs.site_id = r.site_id`,
    [
      released.map((row) => row.campaignId),
      released.map((row) => row.siteId),
      released.map((row) => row.contacts),
    ],
  );
}
