import { DateTime } from 'luxon';
import type { SeatState } from '#contracts';
import { CALLING_WINDOWS, CALLING_ZONE } from '../domain/calling-day.js';

/**
 * A realistic seat-state feed for the demo network and the benchmarks, with no framework in
 * it. Agents follow the French outbound calling day (Monday to Friday, 10:00-13:00 and
 * 14:00-20:00 Paris time): they log in with some jitter, wait for calls, talk (log-normal,
 * median about 3 minutes), wrap up, take a morning and an afternoon break and short pauses,
 * and log off when their shift ends (finishing the call in progress).
 */
export interface SimulatedSeat {
  seatId: string;
  siteId: string;
}

export interface SimulatedEvent {
  siteId: string;
  seatId: string;
  state: SeatState;
  campaignId: string | null;
  /** simulated time of the change, epoch ms */
  at: number;
}

export interface SeatFeedOptions {
  seats: SimulatedSeat[];
  /** campaigns the sites work on (one per site, round robin); none = no campaign id */
  campaignIds?: string[];
  /** the sites each campaign is worked at: a site then only takes a campaign it works */
  sitesOfCampaign?: ReadonlyMap<string, ReadonlySet<string>>;
  /** share of seats with an agent on a working day (0-1) */
  staffing?: number;
  random?: () => number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

interface Shift {
  start: number;
  end: number;
  breakAt: number;
}

interface Agent {
  seat: SimulatedSeat;
  campaignId: string | null;
  state: SeatState;
  nextAt: number;
  shifts: Shift[];
  day: string;
}

export class SeatFeedSimulator {
  private readonly agents: Agent[];
  private readonly random: () => number;
  private readonly staffing: number;

  constructor(options: SeatFeedOptions, start: number) {
    this.random = options.random ?? Math.random;
    this.staffing = options.staffing ?? 0.85;
    const siteIds = [...new Set(options.seats.map((seat) => seat.siteId))];
    const campaignOf = new Map(
      siteIds.map((id, index) => {
        const worked = (options.campaignIds ?? []).filter(
          (campaignId) => !options.sitesOfCampaign || options.sitesOfCampaign.get(campaignId)?.has(id),
        );
        return [id, worked.length ? worked[index % worked.length] : null];
      }),
    );
    this.agents = options.seats.map((seat) => ({
      seat,
      campaignId: campaignOf.get(seat.siteId) ?? null,
      state: 'offline',
      nextAt: start,
      shifts: [],
      day: '',
    }));
  }

  /** Every state change up to `now` (simulated ms), in time order. */
  advance(now: number): SimulatedEvent[] {
    const events: SimulatedEvent[] = [];
    for (const agent of this.agents) {
      let guard = 0;
      while (agent.nextAt <= now && guard++ < 1000) {
        const at = agent.nextAt;
        const next = this.transition(agent, at);
        if (next.state !== agent.state)
          events.push({
            siteId: agent.seat.siteId,
            seatId: agent.seat.seatId,
            state: next.state,
            campaignId: next.state === 'offline' ? null : agent.campaignId,
            at,
          });
        agent.state = next.state;
        agent.nextAt = Math.max(at + 1, next.until);
      }
    }
    return events.sort((a, b) => a.at - b.at);
  }

  /** The states of all seats now (for a first report). */
  states(): Array<{ seatId: string; siteId: string; state: SeatState }> {
    return this.agents.map((agent) => ({
      seatId: agent.seat.seatId,
      siteId: agent.seat.siteId,
      state: agent.state,
    }));
  }

  private transition(agent: Agent, at: number): { state: SeatState; until: number } {
    this.planDay(agent, at);
    const shift = agent.shifts.find((s) => at < s.end && at >= s.start - 1);
    if (!shift) {
      // finish a call in progress, then log off until the next shift (or tomorrow)
      if (agent.state === 'on_call') return { state: 'wrap_up', until: at + this.uniform(20, 60) * SECOND };
      const upcoming = agent.shifts.find((s) => s.start > at);
      return { state: 'offline', until: upcoming?.start ?? this.nextDay(at) };
    }
    if (
      agent.state !== 'paused' &&
      at >= shift.breakAt &&
      at < shift.breakAt + 20 * MINUTE &&
      agent.state !== 'on_call'
    ) {
      shift.breakAt = Number.MAX_SAFE_INTEGER;
      return { state: 'paused', until: Math.min(shift.end, at + this.uniform(10, 15) * MINUTE) };
    }
    switch (agent.state) {
      case 'on_call':
        return { state: 'wrap_up', until: at + this.uniform(20, 60) * SECOND };
      case 'wrap_up':
        if (this.random() < 0.03) return { state: 'paused', until: at + this.uniform(2, 5) * MINUTE };
        return this.waitForCall(at, shift);
      case 'available':
        return { state: 'on_call', until: at + this.callLength() };
      default:
        return this.waitForCall(at, shift);
    }
  }

  private waitForCall(at: number, shift: Shift): { state: SeatState; until: number } {
    return { state: 'available', until: Math.min(shift.end, at + this.exponential(40) * SECOND) };
  }

  /** Shifts of the agent's Paris day: none at weekends or when the seat is not staffed. */
  private planDay(agent: Agent, at: number): void {
    const local = DateTime.fromMillis(at, { zone: CALLING_ZONE });
    const day = local.toISODate()!;
    if (agent.day === day) return;
    agent.day = day;
    agent.shifts = [];
    if (local.weekday > 5 || this.random() > this.staffing) return;
    const midnight = local.startOf('day').toMillis();
    const pattern = this.random();
    const windows =
      pattern < 0.2 ? [CALLING_WINDOWS[0]] : pattern < 0.45 ? [CALLING_WINDOWS[1]] : CALLING_WINDOWS;
    for (const [from, to] of windows) {
      const start = midnight + (from + this.uniform(0, 10)) * MINUTE;
      const end = midnight + (to - this.uniform(0, 10)) * MINUTE;
      agent.shifts.push({ start, end, breakAt: start + this.uniform(0.35, 0.65) * (end - start) });
    }
  }

  private nextDay(at: number): number {
    return DateTime.fromMillis(at, { zone: CALLING_ZONE })
      .plus({ days: 1 })
      .startOf('day')
      .plus({ hours: 9, minutes: 50 })
      .toMillis();
  }

  /** Log-normal call length: median about 3 minutes, a long tail of 10-minute calls. */
  private callLength(): number {
    const normal = Math.sqrt(-2 * Math.log(1 - this.random())) * Math.cos(2 * Math.PI * this.random());
    return Math.min(30 * MINUTE, Math.max(20 * SECOND, 180 * SECOND * Math.exp(0.6 * normal)));
  }

  private exponential(meanSeconds: number): number {
    return -Math.log(1 - this.random()) * meanSeconds;
  }

  private uniform(min: number, max: number): number {
    return min + (max - min) * this.random();
  }
}
