import { type TileSize, TILE_SIZES, type WallTile } from '@contracts';
import { ThresholdEditor } from './threshold-editor';

/** While arranging: move, size and remove a tile, and set its thresholds. */
export function TileControls({
  tile,
  title,
  first,
  last,
  onMove,
  onPatch,
  onRemove,
}: {
  tile: WallTile;
  title: string;
  first: boolean;
  last: boolean;
  onMove(by: number): void;
  onPatch(change: Partial<WallTile>): void;
  onRemove(): void;
}) {
  return (
    <div className="tile-controls" data-testid="tile-controls">
      <div className="wall-row">
        <button
          type="button"
          className="ghost"
          disabled={first}
          onClick={() => onMove(-1)}
          aria-label={`Move ${title} earlier`}
        >
          ←
        </button>
        <button
          type="button"
          className="ghost"
          disabled={last}
          onClick={() => onMove(1)}
          aria-label={`Move ${title} later`}
        >
          →
        </button>
        <label>
          Size
          <select
            value={tile.size}
            aria-label={`Size of ${title}`}
            onChange={(event) => onPatch({ size: event.target.value as TileSize })}
          >
            {TILE_SIZES.map((size) => (
              <option key={size}>{size}</option>
            ))}
          </select>
        </label>
        <button type="button" className="ghost" onClick={onRemove} aria-label={`Remove ${title}`}>
          Remove
        </button>
      </div>
      {tile.kind !== 'alerts' && (
        <ThresholdEditor
          title={title}
          thresholds={tile.thresholds ?? []}
          onChange={(thresholds) => onPatch({ thresholds })}
        />
      )}
    </div>
  );
}
