import type { SiteView } from '@contracts';
import { ScreenError } from '../../components/states';
import { useMissingReports } from './use-portal';

/** The site's reports the api is still waiting for. */
export function MissingReports({ site }: { site: SiteView }) {
  const missing = useMissingReports(site);
  return (
    <section className="panel" aria-labelledby="missing-title" data-testid="missing">
      <h2 id="missing-title">Missing reports</h2>
      {missing.error ? (
        <ScreenError error={missing.error} />
      ) : missing.data?.items.length ? (
        <ul>
          {missing.data.items.map((alert) => (
            <li key={alert.id} className="alert-item" data-testid="missing-report">
              {alert.message}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{missing.loading ? 'Loading…' : 'Nothing missing: every report is in.'}</p>
      )}
    </section>
  );
}
