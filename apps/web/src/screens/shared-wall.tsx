import { useEffect, useState } from 'react';
import type { SharedWallView } from '@contracts';
import { WallTileCard } from '../components/wall-tile';

const REFRESH_MS = 5_000;
const KIND_TITLES = {
  network: 'Network',
  partner: 'Partner',
  site: 'Site',
  campaign: 'Campaign',
  alerts: 'Open alerts',
  activity: 'Activity',
} as const;

/**
 * A wall shown read-only on a screen in the room, from a share link (`/shared-wall#token`): no
 * sign-in, the token reads that one wall, refreshed every few seconds; a revoked link says so.
 */
export function SharedWallScreen() {
  const [view, setView] = useState<SharedWallView | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    const token = location.hash.slice(1);
    let timer: number | undefined;
    let stopped = false;
    const load = async () => {
      try {
        const response = await fetch('/api/v1/walls/shared', { headers: { 'x-wall-token': token } });
        const body = await response.json();
        if (stopped) return;
        if (response.ok) {
          setView(body as SharedWallView);
          setRefused(null);
        } else if (response.status === 401) {
          setRefused(body?.error?.message ?? 'This wall link is not valid.');
          setView(null);
          return; // a revoked link stays revoked: stop asking
        }
      } catch {
        // offline for a moment: the next round tries again
      }
      if (!stopped) timer = window.setTimeout(load, REFRESH_MS);
    };
    void load();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, []);

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
    <main className={`shared-wall my-wall screen-${view?.screen ?? '1080p'}`} data-testid="shared-wall">
      <div className="wall-grid" data-testid="wall-grid">
        {(view?.tiles ?? []).map((tile) => (
          <WallTileCard
            key={tile.id}
            tile={tile}
            title={tile.title ?? KIND_TITLES[tile.kind]}
            live={tile.live ?? null}
            activity={tile.activity}
            breached={tile.breached}
          >
            {tile.alerts && (
              <ul className="shared-alerts">
                {tile.alerts.length === 0 && <li className="muted">No open alert.</li>}
                {tile.alerts.map((alert) => (
                  <li key={alert.id} className="alert-item" data-testid="alert">
                    <strong>{alert.message}</strong>
                  </li>
                ))}
              </ul>
            )}
          </WallTileCard>
        ))}
      </div>
      <p className="muted updated">
        {view ? `updated ${new Date(view.at).toLocaleTimeString('en-GB')}` : 'Loading…'}
      </p>
    </main>
  );
}
