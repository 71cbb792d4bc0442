import type { DomainEventMap, DomainEventName } from './events.js';

/**
 * Live seats and dashboards: the shapes of `GET /sites/:id/live`, of the socket.io `/live`
 * namespace's snapshot and deltas, and the typed event maps used by the gateway and by browsers.
 */
export const SEAT_STATES = ['offline', 'available', 'on_call', 'wrap_up', 'paused'] as const;
export type SeatState = (typeof SEAT_STATES)[number];
export type SeatStateCounts = Record<SeatState, number>;

/** Why a seat is paused (optional on a `paused` event; billing contracts say which are billable). */
export const PAUSE_REASONS = ['break', 'lunch', 'training', 'briefing', 'coaching', 'technical'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export type PauseReasonCounts = Record<PauseReason, number>;

/** One reported seat-state change, as a partner system posts it. */
export interface SeatEventInput {
  seatId: string;
  state: SeatState;
  /** uuid of the campaign the seat works on, if any */
  campaignId?: string | null;
  /** why the seat is paused: only with state `paused`, optional */
  pauseReason?: PauseReason | null;
  /** when the seat entered this state (ISO 8601) */
  at: string;
}

export interface SeatEventsResult {
  received: number;
  applied: number;
  /** events older than the seat's last known state: ignored, never applied */
  ignored: number;
}

/** Seats by state and what they mean for a site, a partner, a campaign or the network. */
export interface OccupancyFigures {
  /** active seats (seats never reported count as offline) */
  seats: number;
  installedSeats: number;
  counts: SeatStateCounts;
  /** seats not offline */
  staffed: number;
  /** (on_call + wrap_up) / (on_call + wrap_up + available); null when nobody can take calls */
  occupancy: number | null;
  /** headcount declared by the latest staffing report, when known */
  headcount: number | null;
}

export interface SiteLive extends OccupancyFigures {
  siteId: string;
  partnerId: string;
  name: string;
  /** grows with every applied batch: keep the figures with the highest seq */
  seq: number;
  lastEventAt: string | null;
}

/** A seat's live state (only in site-scope payloads, whose `id` is the seat's site). */
export interface SeatLive {
  seatId: string;
  state: SeatState;
  campaignId: string | null;
  /** why a paused seat is paused, when its system said so */
  pauseReason?: PauseReason | null;
  /** time of the event that set this state */
  at: string;
  /** since when the seat has been in this state */
  since: string;
}

export type LiveScope = 'network' | 'partner' | 'site' | 'campaign';
export const LIVE_SCOPES: readonly LiveScope[] = ['network', 'partner', 'site', 'campaign'];

export interface LiveSubscription {
  scope: LiveScope;
  /** partner, site or campaign id; absent for the network */
  id?: string;
}

/**
 * Figures of a scope. As a snapshot: every site of the scope (and, for a site, every seat).
 * As a delta (`site.occupancy`): fresh totals plus only the sites and seats that changed.
 * For a campaign, counts cover only the seats working on it.
 */
export interface LiveSnapshot {
  /**
   * The live store's generation: sites' `seq` only compare within one epoch. A new epoch (a
   * restarted embedded server, a flushed Redis, another node on another store) restarts every
   * `seq`: drop what you hold and take a fresh snapshot.
   */
  epoch: string;
  scope: LiveScope;
  id: string | null;
  totals: OccupancyFigures;
  sites: SiteLive[];
  seats?: SeatLive[];
  at: string;
}

/**
 * A seat in a `site.occupancy` delta: `[seatId, state, campaignId, at, since]`, times in epoch
 * milliseconds. A tuple, because a busy site room sends dozens of seats a few times a second to
 * every dashboard watching it: half the bytes of a `SeatLive` to write and to parse.
 */
export type SeatChange = [
  seatId: string,
  state: SeatState,
  campaignId: string | null,
  at: number,
  since: number,
];

/** `site.occupancy`: fresh totals, only the sites that changed and, for a site, its changed seats. */
export interface OccupancyDelta extends Omit<LiveSnapshot, 'seats'> {
  seats?: SeatChange[];
}

export function seatOfChange([seatId, state, campaignId, at, since]: SeatChange): SeatLive {
  return { seatId, state, campaignId, at: new Date(at).toISOString(), since: new Date(since).toISOString() };
}

/** A delta in the snapshot's shape (seats as `SeatLive`), to merge into a snapshot. */
export function snapshotOfDelta(delta: OccupancyDelta): LiveSnapshot {
  return { ...delta, seats: delta.seats?.map(seatOfChange) };
}

export interface LiveError {
  code: string;
  message: string;
}

export type SubscribeAck = { ok: true; snapshot: LiveSnapshot } | { ok: false; error: LiveError };

/** Occupancy of a site minute by minute (seat-minutes sampled each minute). */
export interface OccupancyMinute {
  minute: string;
  counts: SeatStateCounts;
  /** paused seats by reason (paused seats without a reason are the rest of `counts.paused`) */
  pauses: PauseReasonCounts;
  staffed: number;
  occupancy: number | null;
}

/** Every event the server sends on `/live`: the coalesced occupancy deltas and the forwarded domain events. */
export type ServerToClientEvents = {
  [E in DomainEventName]: (payload: DomainEventMap[E]) => void;
};

export interface ClientToServerEvents {
  subscribe: (request: LiveSubscription, ack: (result: SubscribeAck) => void) => void;
  unsubscribe: (request: LiveSubscription, ack?: (result: { ok: boolean }) => void) => void;
}

/**
 * Sent with the handshake: `io(url + '/live', {auth: {token}})` or `{auth: {apiKey}}`, or
 * `{auth: {wallToken}}` for a read-only wall link: such a socket may subscribe only to the scopes
 * of its wall's tiles and receives only what the wall shows (`site.occupancy` without seats,
 * `activity.changed`, and alerts when the wall has an alerts tile); it closes when the link is revoked.
 */
export interface LiveHandshakeAuth {
  token?: string;
  apiKey?: string;
  wallToken?: string;
}

/** Why a connection was refused (`connect_error` carries it as `err.data`). */
export type LiveConnectErrorData = LiveError;

/** Keeps the newest figures of each site: a delta or a late snapshot never rolls a site back. */
/** Whether `incoming` belongs to a newer generation of live state than what is held. */
export function isOtherEpoch(
  held: { epoch: string } | null | undefined,
  incoming: { epoch: string },
): boolean {
  return !!held && held.epoch !== incoming.epoch;
}

export function mergeSites(current: SiteLive[], incoming: SiteLive[]): SiteLive[] {
  const byId = new Map(current.map((site) => [site.siteId, site]));
  for (const site of incoming) {
    const known = byId.get(site.siteId);
    if (!known || site.seq >= known.seq) byId.set(site.siteId, site);
  }
  return [...byId.values()];
}
