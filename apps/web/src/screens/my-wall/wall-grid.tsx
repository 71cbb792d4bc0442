import { thresholdBreached, tileScope } from '@contracts';
import { WallTileCard } from '../../components/wall-tile';
import { OpenAlerts } from '../wall/open-alerts';
import { TileControls } from './tile-controls';
import type { MyWall } from './use-my-wall';
import { keyOf, titleOf } from './wall-names';

const SEAT_KINDS = new Set(['activity', 'network', 'partner', 'site', 'campaign']);

/** The wall's tiles in order, each with its live figures, activity and breached thresholds. */
export function WallGrid({ wall, arranging }: { wall: MyWall; arranging: boolean }) {
  const { tiles, names, live, activity, edit } = wall;
  return (
    <div className="wall-grid" data-testid="wall-grid">
      {tiles.map((tile, index) => {
        const target = tileScope(tile);
        const view = target ? (activity[keyOf(target)] ?? null) : null;
        const title = titleOf(tile, names);
        return (
          <WallTileCard
            key={tile.id}
            tile={tile}
            title={title}
            live={target ? (live.snapshots[keyOf(target)]?.totals ?? null) : null}
            activity={SEAT_KINDS.has(tile.kind) ? view : null}
            breached={
              view ? (tile.thresholds ?? []).filter((threshold) => thresholdBreached(threshold, view)) : []
            }
            controls={
              arranging ? (
                <TileControls
                  tile={tile}
                  title={title}
                  first={index === 0}
                  last={index === tiles.length - 1}
                  onMove={(by) => edit.move(index, by)}
                  onPatch={(change) => edit.patch(tile.id, change)}
                  onRemove={() => edit.remove(tile.id)}
                />
              ) : null
            }
          >
            {tile.kind === 'alerts' && (
              <OpenAlerts sites={new Map((names?.sites ?? []).map((site) => [site.id, site]))} />
            )}
          </WallTileCard>
        );
      })}
    </div>
  );
}
