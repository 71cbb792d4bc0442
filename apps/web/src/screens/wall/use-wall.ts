import { useMemo, useState } from 'react';
import type { PartnerView, SiteView } from '@contracts';
import { useLiveEvent, useLiveScopes } from '../../live/live';
import { allPages } from '../../lib/api';
import { sumFigures } from '../../lib/figures';
import { useSession } from '../../lib/session';
import { useResource } from '../../lib/use-resource';
import { groupByPartner, latestHeadcounts, subscriptionsFor } from './wall-figures';

/**
 * The live figures of what the caller may watch, each site with its newest headcount, grouped
 * under partners, with the scope's totals.
 */
export function useWall() {
  const { user } = useSession();
  const subscriptions = useMemo(() => subscriptionsFor(user!), [user]);
  const live = useLiveScopes(subscriptions);
  const network = useResource(
    () => Promise.all([allPages<SiteView>('/sites'), allPages<PartnerView>('/partners')]),
    [],
  );
  const baseline = useResource(latestHeadcounts, []);
  const [headcounts, setHeadcounts] = useState<Record<string, number>>({});
  useLiveEvent('headcount.changed', (event) =>
    setHeadcounts((current) => ({ ...current, [event.siteId]: event.headcount })),
  );

  const [siteViews, partners] = network.data ?? [[], []];
  const sitesById = useMemo(() => new Map(siteViews.map((site) => [site.id, site])), [siteViews]);
  const sites = live.sites
    .map((site) => ({
      ...site,
      // newest first: a report announced live, the live store's figure, the last report on file
      headcount: headcounts[site.siteId] ?? site.headcount ?? baseline.data?.get(site.siteId) ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const scoped = !!(user!.partnerId || user!.siteIds?.length);

  return {
    live,
    network,
    sitesById,
    byPartner: groupByPartner(sites, partners),
    totals: sumFigures(sites),
    // a partner's own name heads the page and its partner tile: the totals tile is "All your sites"
    scopeLabel: scoped ? 'All your sites' : 'Network',
    title: user!.partnerId ? `${partners[0]?.name ?? 'Your sites'}: live seats` : 'Supervisor wall',
    showCampaigns: user!.role !== 'partner',
  };
}
