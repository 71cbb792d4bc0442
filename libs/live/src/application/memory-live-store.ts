import { randomUUID } from 'node:crypto';
import type { SeatState } from '#contracts';
import { AppliedChange, ApplyResult, LiveStore, SeatEvent, SeatRecord, SiteCounters } from './live-store.js';

type Counts = Partial<Record<SeatState, number>>;

interface SiteState {
  seats: Map<string, SeatRecord>;
  counts: Counts;
  seq: number;
  lastEventAt: number | null;
}

const bump = (counts: Counts, state: SeatState, by: number) => {
  counts[state] = (counts[state] ?? 0) + by;
};

/** Embedded mode: the same rules as the Redis store, in this process (single-threaded, so atomic). */
export class MemoryLiveStore extends LiveStore {
  private readonly sites = new Map<string, SiteState>();
  /** campaignId -> siteId -> counts */
  private readonly campaigns = new Map<string, Map<string, Counts>>();
  private readonly headcount = new Map<string, number>();
  /** this process's state starts empty (seq 0) at each start: a new epoch each time */
  private readonly generation = randomUUID();

  async epoch(): Promise<string> {
    return this.generation;
  }

  async apply(siteId: string, events: SeatEvent[], receivedAt: number): Promise<ApplyResult> {
    return this.run(siteId, events, receivedAt);
  }

  private run(
    siteId: string,
    events: Array<SeatEvent & { since?: number }>,
    receivedAt: number | null,
  ): ApplyResult {
    const site = this.site(siteId);
    const applied: AppliedChange[] = [];
    let ignored = 0;
    for (const event of events) {
      const previous = site.seats.get(event.seatId);
      if (previous && event.at < previous.at) {
        ignored++;
        continue;
      }
      const record: SeatRecord = {
        state: event.state,
        campaignId: event.campaignId,
        pauseReason: event.pauseReason ?? null,
        at: event.at,
        since:
          previous && previous.state === event.state
            ? Math.min(previous.since, event.since ?? event.at)
            : (event.since ?? event.at),
      };
      if (previous) {
        bump(site.counts, previous.state, -1);
        if (previous.campaignId) bump(this.campaignSite(previous.campaignId, siteId), previous.state, -1);
      }
      bump(site.counts, record.state, 1);
      if (record.campaignId) bump(this.campaignSite(record.campaignId, siteId), record.state, 1);
      site.seats.set(event.seatId, record);
      applied.push({
        seatId: event.seatId,
        ...record,
        previousCampaignId: previous?.campaignId ?? null,
        previousState: previous?.state ?? null,
        previousPauseReason: previous?.pauseReason ?? null,
      });
    }
    if (applied.length) site.seq++;
    if (receivedAt !== null) site.lastEventAt = receivedAt;
    return { applied, ignored, seq: site.seq };
  }

  async siteCounters(siteIds: string[]): Promise<Map<string, SiteCounters>> {
    const result = new Map<string, SiteCounters>();
    for (const id of siteIds) {
      const site = this.sites.get(id);
      result.set(
        id,
        site ? { counts: { ...site.counts }, seq: site.seq, lastEventAt: site.lastEventAt } : empty(),
      );
    }
    return result;
  }

  async campaignCounters(campaignId: string): Promise<Map<string, Counts>> {
    return new Map(
      [...(this.campaigns.get(campaignId) ?? new Map<string, Counts>())].map(([id, c]) => [id, { ...c }]),
    );
  }

  async seats(siteId: string): Promise<Map<string, SeatRecord>> {
    return new Map(this.sites.get(siteId)?.seats ?? []);
  }

  async setHeadcount(siteId: string, headcount: number): Promise<void> {
    this.headcount.set(siteId, headcount);
  }

  async headcounts(siteIds: string[]): Promise<Map<string, number>> {
    return new Map(siteIds.filter((id) => this.headcount.has(id)).map((id) => [id, this.headcount.get(id)!]));
  }

  async siteIds(): Promise<string[]> {
    return [...this.sites.keys()];
  }

  private filled = false;

  async claimFill(): Promise<boolean> {
    if (this.filled) return false;
    return (this.filled = true);
  }

  async releaseFill(): Promise<void> {
    this.filled = false;
  }

  async restore(siteId: string, seats: Array<SeatRecord & { seatId: string }>): Promise<void> {
    this.run(siteId, seats, null);
  }

  private site(siteId: string): SiteState {
    let site = this.sites.get(siteId);
    if (!site) this.sites.set(siteId, (site = { seats: new Map(), counts: {}, seq: 0, lastEventAt: null }));
    return site;
  }

  private campaignSite(campaignId: string, siteId: string): Counts {
    let bySite = this.campaigns.get(campaignId);
    if (!bySite) this.campaigns.set(campaignId, (bySite = new Map()));
    let counts = bySite.get(siteId);
    if (!counts) bySite.set(siteId, (counts = {}));
    return counts;
  }
}

const empty = (): SiteCounters => ({ counts: {}, seq: 0, lastEventAt: null });
