import type { HeadcountReport, LiveSubscription, PartnerView, SiteLive } from '@contracts';
import { api, query } from '../../lib/api';
import type { SessionUser } from '../../lib/session';

/** What the caller may watch: the network, its own partner, or the sites it is scoped to. */
export function subscriptionsFor(user: SessionUser): LiveSubscription[] {
  if (user.partnerId) return [{ scope: 'partner', id: user.partnerId }];
  if (user.siteIds?.length) return user.siteIds.map((id) => ({ scope: 'site', id }));
  return [{ scope: 'network' }];
}

export interface PartnerGroup {
  partner: Pick<PartnerView, 'id' | 'name'>;
  sites: SiteLive[];
}

/** The sites under their partners, partners by name. */
export function groupByPartner(sites: SiteLive[], partners: PartnerView[]): PartnerGroup[] {
  const names = new Map(partners.map((partner) => [partner.id, partner.name]));
  const groups = new Map<string, SiteLive[]>();
  for (const site of sites) groups.set(site.partnerId, [...(groups.get(site.partnerId) ?? []), site]);
  return [...groups.entries()]
    .map(([id, partnerSites]) => ({ partner: { id, name: names.get(id) ?? 'Partner' }, sites: partnerSites }))
    .sort((a, b) => a.partner.name.localeCompare(b.partner.name));
}

/** Each site's last reported headcount (this month or last), from the headcount series. */
export async function latestHeadcounts(): Promise<Map<string, number>> {
  const now = new Date();
  const month = (offset: number) =>
    new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1)).toISOString().slice(0, 7);
  const report = await api<HeadcountReport>(
    `/headcount${query({ groupBy: 'site', from: month(-1), to: month(0) })}`,
  );
  const latest = new Map<string, number>();
  for (const series of report.series) {
    const point = series.points.findLast((candidate) => candidate.headcount !== null);
    if (point?.headcount != null) latest.set(series.key, point.headcount);
  }
  return latest;
}
