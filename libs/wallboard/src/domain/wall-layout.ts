import {
  LIVE_SCOPES,
  THRESHOLD_METRICS,
  THRESHOLD_OPS,
  TILE_KINDS,
  TILE_SIZES,
  WALL_SCREENS,
  type LiveScope,
  type TileThreshold,
  type WallLayout,
  type WallTile,
} from '#contracts';

export const MAX_TILES = 40;
export const MAX_THRESHOLDS = 4;
const TILE_ID = /^[A-Za-z0-9-]{1,40}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** metrics that are shares (0..1) */
const SHARES = new Set(['occupancy', 'reachRate', 'conversion']);

const isIn = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === 'string' && (values as readonly string[]).includes(value);

/**
 * Checks a wall sent by a browser: every problem is named by its path (`tiles[2].size`), so the
 * whole wall is refused with what to fix. Returns the layout with only the known fields.
 */
export function parseWallLayout(body: unknown): { layout?: WallLayout; problems: string[] } {
  const problems: string[] = [];
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { problems: ['send {screen: "1080p"|"4k", tiles: [...]}'] };
  const { screen, tiles } = body as { screen?: unknown; tiles?: unknown };
  if (!isIn(WALL_SCREENS, screen)) problems.push(`screen must be one of ${WALL_SCREENS.join(', ')}`);
  if (!Array.isArray(tiles)) return { problems: [...problems, 'tiles must be an array'] };
  if (tiles.length > MAX_TILES) problems.push(`at most ${MAX_TILES} tiles (got ${tiles.length})`);
  const seen = new Set<string>();
  const parsed = tiles.slice(0, MAX_TILES).map((tile, index) => parseTile(tile, `tiles[${index}]`, problems));
  for (const [index, tile] of parsed.entries()) {
    if (!tile) continue;
    if (seen.has(tile.id)) problems.push(`tiles[${index}].id ${tile.id} is used twice`);
    seen.add(tile.id);
  }
  if (problems.length) return { problems };
  return { layout: { screen: screen as WallLayout['screen'], tiles: parsed as WallTile[] }, problems };
}

function parseTile(raw: unknown, path: string, problems: string[]): WallTile | null {
  if (!raw || typeof raw !== 'object') {
    problems.push(`${path} must be an object`);
    return null;
  }
  const { id, kind, scope, targetId, size, title, thresholds } = raw as Record<string, unknown>;
  const before = problems.length;
  if (typeof id !== 'string' || !TILE_ID.test(id))
    problems.push(`${path}.id must be 1 to 40 letters, digits or dashes`);
  if (!isIn(TILE_KINDS, kind)) problems.push(`${path}.kind must be one of ${TILE_KINDS.join(', ')}`);
  if (title !== undefined && (typeof title !== 'string' || !title.trim() || title.length > 60))
    problems.push(`${path}.title must be 1 to 60 characters`);
  if (!isIn(TILE_SIZES, size)) problems.push(`${path}.size must be one of ${TILE_SIZES.join(', ')}`);
  if (scope !== undefined && (kind !== 'activity' || !isIn(LIVE_SCOPES, scope)))
    problems.push(`${path}.scope is only for activity tiles: network, partner, site or campaign`);
  const scoped: LiveScope | null =
    kind === 'activity'
      ? ((scope as LiveScope | undefined) ?? 'network')
      : isIn(LIVE_SCOPES, kind)
        ? kind
        : null;
  const needsTarget = scoped !== null && scoped !== 'network';
  if (needsTarget && (typeof targetId !== 'string' || !UUID.test(targetId)))
    problems.push(`${path}.targetId must be the uuid of the ${scoped} shown`);
  if (!needsTarget && targetId !== undefined && targetId !== null)
    problems.push(`${path}.targetId is only for partner, site or campaign tiles`);
  const limits: TileThreshold[] = [];
  if (thresholds !== undefined) {
    if (!Array.isArray(thresholds) || thresholds.length > MAX_THRESHOLDS)
      problems.push(`${path}.thresholds must be an array of at most ${MAX_THRESHOLDS}`);
    else if (kind === 'alerts' && thresholds.length)
      problems.push(`${path}: an alerts tile has no thresholds`);
    else
      thresholds.forEach((threshold, index) => {
        const parsed = parseThreshold(threshold, `${path}.thresholds[${index}]`, problems);
        if (parsed) limits.push(parsed);
      });
  }
  if (problems.length > before) return null;
  return {
    id: id as string,
    kind: kind as WallTile['kind'],
    ...(kind === 'activity' ? { scope: scoped! } : {}),
    ...(needsTarget ? { targetId: targetId as string } : {}),
    size: size as WallTile['size'],
    ...(typeof title === 'string' ? { title: title.trim() } : {}),
    ...(limits.length ? { thresholds: limits } : {}),
  };
}

function parseThreshold(raw: unknown, path: string, problems: string[]): TileThreshold | null {
  const { metric, op, value } = (raw ?? {}) as Record<string, unknown>;
  const before = problems.length;
  if (!isIn(THRESHOLD_METRICS, metric))
    problems.push(`${path}.metric must be one of ${THRESHOLD_METRICS.join(', ')}`);
  if (!isIn(THRESHOLD_OPS, op)) problems.push(`${path}.op must be one of ${THRESHOLD_OPS.join(', ')}`);
  const share = op === 'falling' || SHARES.has(metric as string);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || (share && value > 1))
    problems.push(`${path}.value must be a number ${share ? 'from 0 to 1 (a share)' : 'of at least 0'}`);
  return problems.length > before
    ? null
    : { metric: metric as never, op: op as never, value: value as number };
}
