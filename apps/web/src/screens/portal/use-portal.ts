import type { AlertEvent, Page, SiteView, StaffingReportView } from '@contracts';
import { useLiveEvent } from '../../live/live';
import { allPages, api, query } from '../../lib/api';
import { useLocation } from '../../lib/router';
import { useResource } from '../../lib/use-resource';

/** The caller's sites and the one chosen (`?site=`, else the first active one). */
export function usePortalSites() {
  const sites = useResource(() => allPages<SiteView>('/sites'), []);
  const requested = useLocation().search.get('site');
  const active = (sites.data ?? []).filter((site) => site.status === 'active');
  const siteId = requested ?? active[0]?.id ?? null;
  return { sites, requested, site: sites.data?.find((candidate) => candidate.id === siteId) };
}

/** A site's latest reports, reloaded when one arrives. */
export function useReportHistory(site: SiteView) {
  const history = useResource(
    () => api<Page<StaffingReportView>>(`/staffing-reports${query({ siteId: site.id, limit: 20 })}`),
    [site.id],
  );
  useLiveEvent('staffing.report', (event) => event.siteId === site.id && history.reload());
  return history;
}

/** A site's open missing-report alerts, kept current. */
export function useMissingReports(site: SiteView) {
  const missing = useResource(
    () =>
      api<Page<AlertEvent>>(
        `/alerts${query({ status: 'open', kind: 'staffing.missing_report', siteId: site.id, limit: 50 })}`,
      ),
    [site.id],
  );
  useLiveEvent('alert.opened', (alert) => alert.siteId === site.id && missing.reload());
  useLiveEvent('alert.resolved', (alert) => alert.siteId === site.id && missing.reload());
  return missing;
}
