import type { SiteView } from '@contracts';
import { ScreenError } from '../../components/states';
import { ApiError, api } from '../../lib/api';
import { navigate } from '../../lib/router';
import { useResource } from '../../lib/use-resource';
import { SitePortal } from './site-portal';
import { usePortalSites } from './use-portal';
import { Choice, optionsOf } from '../../components/choice';

/**
 * The partner portal: a partner's own sites only. Submit a staffing report by form (errors
 * shown against each field) or as a CSV file (errors listed by line), see the report history
 * and the reports that are missing.
 */
export function PortalScreen() {
  const { sites, requested, site } = usePortalSites();
  return (
    <div data-testid="portal">
      <header className="screen-head">
        <h1>Staffing reports</h1>
        {sites.data && (
          <label className="inline">
            Site
            <Choice
              value={site ? site.id : ''}
              options={optionsOf(sites.data, site ? undefined : '—')}
              onChange={(id) => navigate(`/portal?site=${id}`)}
              data-testid="site-select"
            />
          </label>
        )}
      </header>
      {sites.error && <ScreenError error={sites.error} />}
      {requested && sites.data && !site ? (
        <RequestedSite id={requested} />
      ) : site ? (
        <SitePortal key={site.id} site={site} />
      ) : sites.data ? (
        <p className="muted">No active site to report for.</p>
      ) : null}
    </div>
  );
}

/** A site id that is not among the caller's sites: the api says whether it exists for them. */
function RequestedSite({ id }: { id: string }) {
  const site = useResource(() => api<SiteView>(`/sites/${encodeURIComponent(id)}`), [id]);
  if (site.loading) return <p className="muted">Loading…</p>;
  if (site.error)
    return (
      <p className="error" role="alert" data-testid="site-not-found">
        {site.error instanceof ApiError && site.error.status === 404
          ? 'No such site among yours.'
          : site.error.message}
      </p>
    );
  return <SitePortal site={site.data!} />;
}
