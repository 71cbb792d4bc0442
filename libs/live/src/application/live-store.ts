import type { PauseReason, SeatState } from '#contracts';

/** A seat event ready to apply: validated, times in epoch milliseconds. */
export interface SeatEvent {
  seatId: string;
  state: SeatState;
  campaignId: string | null;
  /** only for a paused seat, when its system said why */
  pauseReason?: PauseReason | null;
  at: number;
}

/** What the store knows of a seat. */
export interface SeatRecord {
  state: SeatState;
  campaignId: string | null;
  pauseReason: PauseReason | null;
  at: number;
  since: number;
}

export interface AppliedChange extends SeatRecord {
  seatId: string;
  /** the campaign the seat worked on before this event, if it changed */
  previousCampaignId: string | null;
  /** the seat's state and pause reason before this event (null: never reported, counted offline) */
  previousState: SeatState | null;
  previousPauseReason: PauseReason | null;
}

export interface ApplyResult {
  applied: AppliedChange[];
  ignored: number;
  /** the site's sequence number after this batch */
  seq: number;
}

/** Reported counts of a site (never-reported seats are not in them). */
export interface SiteCounters {
  counts: Partial<Record<SeatState, number>>;
  seq: number;
  lastEventAt: number | null;
}

/**
 * Where live seat state is kept: per seat, with per-site and per-campaign counters updated in
 * the same atomic step. In memory in embedded mode; in Redis hashes with REDIS_URL, so that
 * every api node answers the same snapshot.
 */
export abstract class LiveStore {
  /** The generation of this store's state: changes whenever its `seq` counters start over. */
  abstract epoch(): Promise<string>;
  /**
   * Applies a site's batch atomically, in order. An event older than the seat's last one is
   * ignored (and counted); an event at the same time or later replaces it.
   */
  abstract apply(siteId: string, events: SeatEvent[], receivedAt: number): Promise<ApplyResult>;
  abstract siteCounters(siteIds: string[]): Promise<Map<string, SiteCounters>>;
  /** Per site, the counts of the seats working on the campaign. */
  abstract campaignCounters(campaignId: string): Promise<Map<string, Partial<Record<SeatState, number>>>>;
  abstract seats(siteId: string): Promise<Map<string, SeatRecord>>;
  abstract setHeadcount(siteId: string, headcount: number): Promise<void>;
  abstract headcounts(siteIds: string[]): Promise<Map<string, number>>;
  /** Site ids with any live state. */
  abstract siteIds(): Promise<string[]>;
  /**
   * True to one caller per generation of this store's state (memory: once per process; Redis:
   * once until the Redis loses its data): that caller fills it from the saved seat states.
   */
  abstract claimFill(): Promise<boolean>;
  /** Gives a claim back after the fill failed, so that the next check tries again. */
  abstract releaseFill(): Promise<void>;
  /** Puts back saved seat states (a process start, a Redis that came back empty); keeps newer ones. */
  abstract restore(siteId: string, seats: Array<SeatRecord & { seatId: string }>): Promise<void>;
}

/**
 * `state|campaign|at|since|pauseReason`: one seat in one string (Redis hash field value). Values
 * written before pause reasons existed have four fields and read as no reason.
 */
export function encodeSeat(record: SeatRecord): string {
  return `${record.state}|${record.campaignId ?? ''}|${record.at}|${record.since}|${record.pauseReason ?? ''}`;
}

export function decodeSeat(value: string): SeatRecord {
  const [state, campaignId, at, since, pauseReason] = value.split('|');
  return {
    state: state as SeatState,
    campaignId: campaignId || null,
    pauseReason: (pauseReason || null) as PauseReason | null,
    at: Number(at),
    since: Number(since),
  };
}
