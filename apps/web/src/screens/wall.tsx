import { useLayoutEffect, useMemo, useState } from 'react';
import type { HeadcountReport, LiveSubscription, PartnerView, SiteLive, SiteView } from '@contracts';
import { KeyFigures, StateBar, StateLegend } from '../components/figures';
import { ScreenError } from '../components/states';
import { useLiveEvent, useLiveScopes } from '../live/live';
import { allPages, api, query } from '../lib/api';
import { clockTime, sumFigures } from '../lib/figures';
import { type SessionUser, useSession } from '../lib/session';
import { useResource } from '../lib/use-resource';
import { ActiveCampaigns } from './wall-campaigns';
import { OpenAlerts } from './wall-alerts';

/** Wide screens (a wall) open in the wall-screen layout. */
const WALL_SCREEN = '(min-width: 1800px)';
/** the wall-screen layout's type, in px of the root font size: as big as fits, never below the smallest */
const WALL_TYPE = { smallest: 11, largest: 44 };
/** open alerts listed in the wall-screen layout (the rest counted) */
const WALL_ALERTS = 4;

/**
 * The wall-screen layout fills the screen without scrolling: the largest root font size at which
 * the page still fits the window (every size in the stylesheet is in rem), found again whenever
 * the window or the sites change, and smaller as soon as new content (an alert) overflows.
 */
function useFitToScreen(active: boolean, content: unknown[]) {
  useLayoutEffect(() => {
    const root = document.documentElement;
    if (!active) return;
    const fits = (size: number) => {
      root.style.fontSize = `${size}px`;
      if (root.scrollHeight > window.innerHeight || root.scrollWidth > window.innerWidth) return false;
      // and no figure wider than its column
      return [...document.querySelectorAll('.wall .key-figures > div')].every(
        (cell) => cell.scrollWidth <= cell.clientWidth,
      );
    };
    const fit = () => {
      let [low, high] = [WALL_TYPE.smallest, WALL_TYPE.largest];
      while (high - low > 0.25) {
        const middle = (low + high) / 2;
        if (fits(middle)) low = middle;
        else high = middle;
      }
      root.style.fontSize = `${low}px`;
    };
    fit();
    // an alert opening, a figure growing a digit: shrink as soon as the page no longer fits
    let frame = 0;
    const observer = new MutationObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (root.scrollHeight > window.innerHeight || root.scrollWidth > window.innerWidth) fit();
      });
    });
    observer.observe(document.querySelector('[data-testid="wall"]') ?? document.body, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    window.addEventListener('resize', fit);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', fit);
      root.style.fontSize = '';
    };
  }, [active, ...content]);
}

/** What the caller may watch: the network, its own partner, or the sites it is scoped to. */
function subscriptionsFor(user: SessionUser): LiveSubscription[] {
  if (user.partnerId) return [{ scope: 'partner', id: user.partnerId }];
  if (user.siteIds?.length) return user.siteIds.map((id) => ({ scope: 'site', id }));
  return [{ scope: 'network' }];
}

/**
 * The supervisor wall: the network, each partner and each site with seats by state, occupancy,
 * staffed vs installed seats and headcount, updated live over the socket; active campaigns
 * and open alerts beside them. Built to be read from across the room.
 */
export function WallScreen() {
  const { user } = useSession();
  const subscriptions = useMemo(() => subscriptionsFor(user!), [user]);
  const live = useLiveScopes(subscriptions);
  const network = useResource(
    () => Promise.all([allPages<SiteView>('/sites'), allPages<PartnerView>('/partners')]),
    [],
  );
  const baseline = useResource(latestHeadcounts, []);
  const [headcounts, setHeadcounts] = useState<Record<string, number>>({});
  const [wallMode, setWallMode] = useState(() => window.matchMedia(WALL_SCREEN).matches);

  useFitToScreen(wallMode, [live.sites.length, network.data]);

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
  const byPartner = groupByPartner(sites, partners);
  const totals = sumFigures(sites);
  // a partner's own name heads the page and its partner tile: the totals tile is "All your sites"
  const scopeLabel = user!.partnerId || user!.siteIds?.length ? 'All your sites' : 'Network';

  return (
    <div className={`wall ${wallMode ? 'wall-mode' : ''}`} data-testid="wall">
      <header className="screen-head">
        <h1>{user!.partnerId ? `${partners[0]?.name ?? 'Your sites'}: live seats` : 'Supervisor wall'}</h1>
        <span className="muted" data-testid="updated-at">
          {live.updatedAt ? `updated ${clockTime(live.updatedAt)}` : 'waiting for live figures…'}
        </span>
        <button
          type="button"
          className="ghost"
          aria-pressed={wallMode}
          onClick={() => setWallMode(!wallMode)}
        >
          {wallMode ? 'Laptop layout' : 'Wall-screen layout'}
        </button>
      </header>
      {network.error && <ScreenError error={network.error} />}
      {live.errors.map((error) => (
        <p key={error.code + error.message} className="error" role="alert">
          Live figures refused: {error.message}
        </p>
      ))}

      <section className="tile network-tile" aria-labelledby="network-title" data-testid="network-tile">
        <h2 id="network-title">{scopeLabel}</h2>
        <KeyFigures figures={totals} />
        <StateBar counts={totals.counts} seats={totals.seats} />
        <StateLegend counts={totals.counts} />
      </section>

      <div className="wall-body">
        <div className="partners">
          {byPartner.map(({ partner, sites: partnerSites }) => (
            <section
              key={partner.id}
              className="tile partner-tile"
              aria-labelledby={`partner-${partner.id}`}
              data-testid="partner-tile"
            >
              <PartnerHead partner={partner} sites={partnerSites} />
              <ul className="site-tiles">
                {partnerSites.map((site) => (
                  <SiteTile key={site.siteId} site={site} view={sitesById.get(site.siteId)} />
                ))}
              </ul>
            </section>
          ))}
          {!live.sites.length && !live.errors.length && <p className="muted">Loading live figures…</p>}
        </div>
        <aside className="wall-side">
          {user!.role !== 'partner' && <ActiveCampaigns />}
          <OpenAlerts sites={sitesById} shown={wallMode ? WALL_ALERTS : undefined} />
        </aside>
      </div>
    </div>
  );
}

function PartnerHead({ partner, sites }: { partner: Pick<PartnerView, 'id' | 'name'>; sites: SiteLive[] }) {
  const figures = sumFigures(sites);
  return (
    <>
      <h2 id={`partner-${partner.id}`}>{partner.name}</h2>
      <KeyFigures figures={figures} />
      <StateBar counts={figures.counts} seats={figures.seats} />
    </>
  );
}

function SiteTile({ site, view }: { site: SiteLive; view?: SiteView }) {
  return (
    <li className="tile site-tile" data-testid="site-tile" data-site-id={site.siteId} aria-label={site.name}>
      <h3>{site.name}</h3>
      {view && (
        <p className="muted place">
          {view.city}, {view.country} · {view.onshore ? 'onshore' : 'offshore'}
        </p>
      )}
      <KeyFigures figures={site} />
      <StateBar counts={site.counts} seats={site.seats} />
    </li>
  );
}

function groupByPartner(sites: SiteLive[], partners: PartnerView[]) {
  const names = new Map(partners.map((partner) => [partner.id, partner.name]));
  const groups = new Map<string, SiteLive[]>();
  for (const site of sites) groups.set(site.partnerId, [...(groups.get(site.partnerId) ?? []), site]);
  return [...groups.entries()]
    .map(([id, partnerSites]) => ({ partner: { id, name: names.get(id) ?? 'Partner' }, sites: partnerSites }))
    .sort((a, b) => a.partner.name.localeCompare(b.partner.name));
}

/** Each site's last reported headcount (this month or last), from the headcount series. */
async function latestHeadcounts(): Promise<Map<string, number>> {
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
