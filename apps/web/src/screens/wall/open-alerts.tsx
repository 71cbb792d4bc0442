import { useState } from 'react';
import type { AlertEvent, Page, SiteView } from '@contracts';
import { ScreenError, Unavailable } from '../../components/states';
import { useLiveEvent } from '../../live/live';
import { api } from '../../lib/api';
import { dateTime } from '../../lib/figures';
import { useResource } from '../../lib/use-resource';

/** Open alerts: the api's list, then `alert.opened` / `alert.resolved` as they happen; the newest `shown`. */
export function OpenAlerts({ sites, shown = 12 }: { sites: Map<string, SiteView>; shown?: number }) {
  const alerts = useResource(() => api<Page<AlertEvent>>('/alerts?status=open&limit=50'), []);
  // live changes are kept apart from the loaded list, so one arriving before the list is not lost
  const [opened, setOpened] = useState<AlertEvent[]>([]);
  const [resolved, setResolved] = useState<Set<string>>(new Set());
  useLiveEvent('alert.opened', (alert) => setOpened((current) => [alert, ...current]));
  useLiveEvent('alert.resolved', (alert) => setResolved((current) => new Set(current).add(alert.id)));

  const loaded = alerts.data?.items ?? [];
  const known = new Set(loaded.map((alert) => alert.id));
  const fresh = opened.filter((alert) => !known.has(alert.id));
  const items = [...fresh, ...loaded].filter((alert) => !resolved.has(alert.id));
  const total = alerts.data
    ? alerts.data.total + fresh.length - (loaded.length + fresh.length - items.length)
    : null;
  return (
    <section className="tile side-tile" aria-labelledby="alerts-title" data-testid="alerts">
      <h2 id="alerts-title">
        Open alerts <span className="muted">({total ?? '…'})</span>
      </h2>
      {alerts.unavailable ? (
        <Unavailable what="Alerts" />
      ) : alerts.error ? (
        <ScreenError error={alerts.error} />
      ) : items.length === 0 ? (
        <p className="muted">{alerts.loading ? 'Loading…' : 'No open alert.'}</p>
      ) : (
        <ul>
          {items.slice(0, shown).map((alert) => (
            <li key={alert.id} className="alert-item" data-testid="alert">
              <strong>{alert.message}</strong>
              <div className="muted">
                {alert.siteId ? (sites.get(alert.siteId)?.name ?? 'a site') : 'network'} · {alert.kind} ·
                since {dateTime(alert.openedAt)}
              </div>
            </li>
          ))}
          {items.length > shown && (
            <li className="muted" data-testid="alerts-more">
              and {items.length - shown} more
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
