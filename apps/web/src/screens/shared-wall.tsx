import { useEffect, useMemo, useState } from 'react';
import {
  type ActivityView,
  type AlertEvent,
  type LiveSubscription,
  type SharedWallView,
  thresholdBreached,
  tileScope,
} from '@contracts';
import { ConnectionBadge } from '../components/connection-badge';
import { WallTileCard } from '../components/wall-tile';
import { useConnectionState, useLiveEvent, useLiveScopes, WallLinkLiveProvider } from '../live/live';

const KIND_TITLES = {
  network: 'Network',
  partner: 'Partner',
  site: 'Site',
  campaign: 'Campaign',
  alerts: 'Open alerts',
  activity: 'Activity',
} as const;
const keyOf = (scope: { scope: string; id?: string | null }) => `${scope.scope}:${scope.id ?? ''}`;

/**
 * A wall shown read-only on a screen in the room, from a share link (`/shared-wall#token`): no
 * sign-in. The wall is read once (and again after a reconnect, for what the socket missed), then
 * kept current over the `/live` socket opened with the wall token, which follows only that wall's
 * tiles; a revoked link closes the socket and the screen says so.
 */
export function SharedWallScreen() {
  const token = useMemo(() => location.hash.slice(1), []);
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    document.title = 'Wall · Plateau';
  }, []);
  if (refused)
    return (
      <main className="shared-wall" data-testid="shared-refused">
        <h1>Wall link revoked</h1>
        <p role="alert">{refused}</p>
      </main>
    );
  return (
    <WallLinkLiveProvider wallToken={token}>
      <SharedWall token={token} onRefused={setRefused} />
    </WallLinkLiveProvider>
  );
}

/** The wall as the link reads it now: null when the link is refused (with the server's message). */
async function readWall(token: string): Promise<{ view: SharedWallView } | { refused: string } | null> {
  const response = await fetch('/api/v1/walls/shared', { headers: { 'x-wall-token': token } });
  const body = await response.json();
  if (response.ok) return { view: body as SharedWallView };
  if (response.status === 401) return { refused: body?.error?.message ?? 'This wall link is not valid.' };
  return null;
}

function SharedWall({ token, onRefused }: { token: string; onRefused(message: string): void }) {
  const { state } = useConnectionState();
  const [view, setView] = useState<SharedWallView | null>(null);
  const [activity, setActivity] = useState<Record<string, ActivityView>>({});
  const [alerts, setAlerts] = useState<AlertEvent[]>([]);

  // read at first, on each (re)connect, and when the socket is refused (the link may be revoked)
  useEffect(() => {
    if (state === 'reconnecting') return;
    let stopped = false;
    readWall(token).then(
      (result) => {
        if (stopped || !result) return;
        if ('refused' in result) return onRefused(result.refused);
        setView(result.view);
        setActivity((held) => {
          const next = { ...held };
          for (const tile of result.view.tiles)
            if (tile.activity && !((next[keyOf(tile.activity)]?.at ?? '') > tile.activity.at))
              next[keyOf(tile.activity)] = tile.activity;
          return next;
        });
        setAlerts(result.view.tiles.find((tile) => tile.alerts)?.alerts ?? []);
      },
      () => undefined, // offline for a moment: the next reconnect reads again
    );
    return () => {
      stopped = true;
    };
  }, [state, token, onRefused]);

  const tiles = view?.tiles ?? [];
  const scopes = useMemo(() => {
    const unique = new Map<string, LiveSubscription>();
    for (const tile of tiles) {
      const target = tileScope(tile);
      if (target)
        unique.set(
          keyOf(target),
          target.id ? { scope: target.scope, id: target.id } : { scope: target.scope },
        );
    }
    return [...unique.values()];
  }, [tiles]);
  const live = useLiveScopes(scopes);
  useLiveEvent('activity.changed', (next) =>
    setActivity((held) =>
      (held[keyOf(next)]?.at ?? '') > next.at ? held : { ...held, [keyOf(next)]: next },
    ),
  );
  useLiveEvent('alert.opened', (alert) =>
    setAlerts((held) => [alert, ...held.filter((other) => other.id !== alert.id)]),
  );
  useLiveEvent('alert.resolved', (alert) =>
    setAlerts((held) => held.filter((other) => other.id !== alert.id)),
  );

  const updated = [
    view?.at,
    live.updatedAt?.toISOString(),
    ...Object.values(activity).map((entry) => entry.at),
  ]
    .filter((at): at is string => !!at)
    .sort()
    .at(-1);
  return (
    <main className={`shared-wall my-wall screen-${view?.screen ?? '1080p'}`} data-testid="shared-wall">
      <div className="wall-grid" data-testid="wall-grid">
        {tiles.map((tile) => {
          const target = tileScope(tile);
          const shown = target ? (activity[keyOf(target)] ?? tile.activity) : null;
          return (
            <WallTileCard
              key={tile.id}
              tile={tile}
              title={tile.title ?? KIND_TITLES[tile.kind]}
              live={target ? (live.snapshots[keyOf(target)]?.totals ?? tile.live ?? null) : null}
              activity={shown}
              breached={
                shown
                  ? (tile.thresholds ?? []).filter((threshold) => thresholdBreached(threshold, shown))
                  : []
              }
            >
              {tile.alerts && (
                <ul className="shared-alerts">
                  {alerts.length === 0 && <li className="muted">No open alert.</li>}
                  {alerts.map((alert) => (
                    <li key={alert.id} className="alert-item" data-testid="alert">
                      <strong>{alert.message}</strong>
                    </li>
                  ))}
                </ul>
              )}
            </WallTileCard>
          );
        })}
      </div>
      <p className="muted updated">
        <ConnectionBadge />{' '}
        {updated ? `updated ${new Date(updated).toLocaleTimeString('en-GB')}` : 'Loading…'}
      </p>
    </main>
  );
}
