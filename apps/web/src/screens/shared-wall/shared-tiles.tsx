import { thresholdBreached, tileScope } from '@contracts';
import { WallTileCard } from '../../components/wall-tile';
import { keyOf } from '../../lib/wall-scopes';
import type { SharedWall } from './use-shared-wall';

const KIND_TITLES = {
  network: 'Network',
  partner: 'Partner',
  site: 'Site',
  campaign: 'Campaign',
  alerts: 'Open alerts',
  activity: 'Activity',
} as const;

/** The shared wall's tiles, each with its newest figures (the socket's, else the wall's read). */
export function SharedTiles({ wall }: { wall: SharedWall }) {
  const { tiles, live, activity, alerts } = wall;
  return (
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
              shown ? (tile.thresholds ?? []).filter((threshold) => thresholdBreached(threshold, shown)) : []
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
  );
}
