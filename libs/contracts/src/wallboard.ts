import type { AlertEvent } from './events.js';
import type { LiveScope, OccupancyFigures } from './live.js';

/**
 * The supervisor's wall: activity figures of a scope (from outcomes and seat states), their
 * minute trend, the wall a supervisor arranges, its read-only share links, and tile thresholds.
 */

/** Contacts of the scope's running campaigns that the calling rules stop right now. */
export interface LostToRules {
  /** outside the consumer's calling hours, a weekend or a public holiday */
  outsideHours: number;
  /** 4 attempts already made in 30 days */
  attemptsUsed: number;
  /** refusal cooldown, do-not-call, caller number */
  other: number;
}

/** Activity of a scope over a window (the last hour, the hour before, the same hour last week). */
export interface ActivityFigures {
  from: string;
  to: string;
  attempts: number;
  /** attempts scaled to an hour (the window is an hour: equal to `attempts`) */
  attemptsPerHour: number;
  /** reached, sale, refused, callback or do_not_call */
  reached: number;
  sales: number;
  /** reached / attempts */
  reachRate: number | null;
  /** sales / reached */
  conversion: number | null;
  /** seat-minutes on call and in wrap-up over the window */
  talkMinutes: number;
  wrapMinutes: number;
  /** average handle time in seconds: (talk + wrap-up seat-minutes) × 60 / attempts */
  handleSeconds: number | null;
  /** (on call + wrap-up) / (on call + wrap-up + available) over the window's seat-minutes */
  occupancy: number | null;
  /** average seats staffed (not offline) per minute over the window */
  staffedSeats: number;
  /** only for the current window: what the rules hold back now */
  lostToRules: LostToRules | null;
}

/**
 * A scope's minute trend, oldest first: the minute `from`, then one value per minute in each
 * series (series rather than one object per minute: a wall of thousands of dashboards receives
 * it with every `activity.changed`, and a chart draws series).
 */
export interface ActivityTrend {
  /** the first minute (ISO); entry i is the minute `from` + i minutes */
  from: string;
  /** attempts reported in the minute */
  attempts: number[];
  /** of which reached, sale, refused, callback or do_not_call */
  reached: number[];
  sales: number[];
  /** seats staffed (not offline) sampled in the minute */
  staffed: number[];
  /** (on call + wrap-up) / (on call + wrap-up + available) in the minute; null with no seat open */
  occupancy: Array<number | null>;
}

/**
 * Agents the capacity plan needs now against agents live, over the scope's sites (network,
 * partner, site; a campaign has none).
 */
export interface AgentsNow {
  /** start of the planning interval (30 minutes, Paris) running now */
  interval: string;
  /**
   * agents the capacity plan needs at their seats in that interval (its `requiredSeats`: on the
   * phones plus in-shift shrinkage, inbound and outbound), summed over the sites, rounded up once
   */
  required: number;
  /** seats not offline right now (live seat states) */
  live: number;
  /** live − required: negative when short */
  gap: number;
}

/**
 * Productive hours delivered against hours requested (billing) over the scope's sites, today so
 * far: each site's own local day, from its midnight to the start of the current minute.
 */
export interface HoursToday {
  /** requested hours of the intervals begun so far, the running one in proportion to its elapsed minutes */
  requested: number;
  /**
   * seat-hours in the states billing counts as productive (the contract's billable states; on
   * call, wrap-up and available without a contract), from the minute history
   */
  delivered: number;
  /** delivered / requested; null when nothing was requested so far */
  ratio: number | null;
  /** up to when (the start of the current minute) */
  to: string;
}

export interface ActivityView {
  scope: LiveScope;
  id: string | null;
  at: string;
  /** capacity plan against live seats now; null for a campaign */
  agents: AgentsNow | null;
  /** billing's delivered against requested hours today so far; null for a campaign */
  hoursToday: HoursToday | null;
  /** the last 60 minutes */
  lastHour: ActivityFigures;
  /** the 60 minutes before them */
  previousHour: ActivityFigures;
  /** the same hour a week ago */
  lastWeek: ActivityFigures;
  /** the last 120 minutes */
  trend: ActivityTrend;
}

export const TILE_KINDS = ['network', 'partner', 'site', 'campaign', 'alerts', 'activity'] as const;
export type TileKind = (typeof TILE_KINDS)[number];
export const TILE_SIZES = ['small', 'medium', 'large'] as const;
export type TileSize = (typeof TILE_SIZES)[number];

export const THRESHOLD_METRICS = [
  'occupancy',
  'reachRate',
  'conversion',
  'attemptsPerHour',
  'handleSeconds',
] as const;
export type ThresholdMetric = (typeof THRESHOLD_METRICS)[number];
/** below / above a value; falling: down by at least `value` (a fraction) against the hour before */
export const THRESHOLD_OPS = ['below', 'above', 'falling'] as const;
export type ThresholdOp = (typeof THRESHOLD_OPS)[number];

export interface TileThreshold {
  metric: ThresholdMetric;
  op: ThresholdOp;
  value: number;
}

export interface WallTile {
  /** the tile's own id within the wall (letters, digits, dashes) */
  id: string;
  kind: TileKind;
  /** for activity tiles: the scope whose activity it shows (network when absent) */
  scope?: LiveScope;
  /** the partner, site or campaign shown (absent for network, alerts, activity of the network) */
  targetId?: string | null;
  size: TileSize;
  /** what the tile is called on the wall (a read-only screen has no other names), up to 60 characters */
  title?: string;
  thresholds?: TileThreshold[];
}

export const WALL_SCREENS = ['1080p', '4k'] as const;
export type WallScreen = (typeof WALL_SCREENS)[number];

export interface WallLayout {
  screen: WallScreen;
  tiles: WallTile[];
}

export interface WallView extends WallLayout {
  updatedAt: string | null;
}

export interface WallShareView {
  id: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A new share link: the token is shown once. */
export interface WallShareCreated extends WallShareView {
  token: string;
}

/** What a read-only wall screen reads with its token: the layout and every tile's figures. */
export interface SharedWallView extends WallLayout {
  tiles: Array<
    WallTile & {
      activity: ActivityView | null;
      breached: TileThreshold[];
      /** seats by state now (network, partner, site, campaign and activity tiles) */
      live?: OccupancyFigures | null;
      /** open alerts (alerts tiles) */
      alerts?: AlertEvent[];
    }
  >;
  at: string;
}

/** The live scope a tile watches (null: alerts). */
export function tileScope(tile: WallTile): { scope: LiveScope; id: string | null } | null {
  if (tile.kind === 'alerts') return null;
  if (tile.kind === 'activity') {
    const scope = tile.scope ?? 'network';
    return { scope, id: scope === 'network' ? null : (tile.targetId ?? null) };
  }
  return { scope: tile.kind, id: tile.kind === 'network' ? null : (tile.targetId ?? null) };
}

/** The value of a metric in a window's figures. */
export function metricOf(figures: ActivityFigures, metric: ThresholdMetric): number | null {
  return figures[metric];
}

/**
 * Whether a threshold is crossed by the activity of a tile: below/above compare the last hour's
 * value; falling compares it with the hour before (down by at least `value`, as a fraction).
 * A metric without a value (nobody reached, no seat staffed) crosses nothing.
 */
export function thresholdBreached(threshold: TileThreshold, view: ActivityView): boolean {
  const now = metricOf(view.lastHour, threshold.metric);
  if (now === null) return false;
  if (threshold.op === 'below') return now < threshold.value;
  if (threshold.op === 'above') return now > threshold.value;
  const before = metricOf(view.previousHour, threshold.metric);
  if (before === null || before <= 0) return false;
  return (before - now) / before >= threshold.value;
}
