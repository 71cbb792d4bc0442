import type { OutboundPlanView } from '#contracts';
import { INTERVAL_MS, INTERVAL_SECONDS } from './capacity-plan.js';
import { HANDLE_PRIOR } from './handle-times.js';

/**
 * Outbound workload: the calls a running campaign still has to place and the agents they need,
 * interval by interval, within the lawful calling intervals on each consumer's own clock.
 *
 * Each contact left is called until reached, at most `maxAttempts` times. With a reach rate p per
 * attempt (Beta prior, updated by the attempts and reached outcomes so far), a contact takes
 *   E[attempts] = Σ_{k=1..M} (1 − p)^{k−1} = (1 − (1 − p)^M) / p
 * attempts, each reached one holding an agent `reachedSeconds` (talk + wrap-up) and each other
 * `unreachedSeconds` (dialling, ringing, no answer): measured handle times where there are enough
 * (see handle-times.ts). The contacts left are grouped by their calendar (metropolitan France,
 * Alsace-Moselle, each overseas territory: its time zone and its public holidays); each group's
 * calls are spread evenly over the lawful intervals of its calendar left before the campaign's end,
 * and an interval's agents are the sum over the groups open in it: work seconds / 1,800 / the
 * highest occupancy (a dialler keeps agents busy up to it; nobody queues, so no Erlang formula
 * applies). Without an end date the campaign is planned at the agents its sites staff for it
 * today, interval after interval, each interval's capacity shared by the open groups in
 * proportion to the work they have left, and the answer is the date it would finish.
 */
export interface OutboundCampaign {
  id: string;
  name: string;
  /** epoch ms; null: no end date */
  endsAt: number | null;
  contactsLeft: number;
  /** the contacts left by their consumer's calendar (contacts sum to contactsLeft) */
  calendars: Array<{ calendar: string; contacts: number }>;
  attempts: number;
  reached: number;
  /** today's split of the campaign across its sites (shares sum to 1) */
  sites: Array<{ siteId: string; share: number }>;
}

export interface OutboundAssumptions {
  /** talk + wrap-up of an attempt that reaches someone, seconds */
  reachedSeconds: number;
  /** dialling and ringing (and any wrap-up) of an attempt that reaches nobody, seconds */
  unreachedSeconds: number;
  maxOccupancy: number;
  /** attempts per contact at most (the 4-calls-in-30-days rule) */
  maxAttempts: number;
  /** Beta(a, b) prior of the reach rate: a reached, b not, before any attempt */
  prior: { reached: number; missed: number };
}

export const OUTBOUND_DEFAULTS: OutboundAssumptions = {
  reachedSeconds: HANDLE_PRIOR.reached.talkSeconds + HANDLE_PRIOR.reached.wrapUpSeconds,
  unreachedSeconds: HANDLE_PRIOR.unreached.talkSeconds + HANDLE_PRIOR.unreached.wrapUpSeconds,
  maxOccupancy: 0.85,
  maxAttempts: 4,
  prior: { reached: 1, missed: 2 },
};

/**
 * A campaign's outbound workload as the domain computes it: the view's figures, with its finish
 * as epoch milliseconds; the service adds the intervals, the calendars' zones, the handle times'
 * sample and the sites' shares.
 */
export type OutboundPlan = Omit<
  OutboundPlanView,
  'finishesAt' | 'firstInterval' | 'lastInterval' | 'sites' | 'calendars' | 'handleTimes'
> & {
  finishesAt: number | null;
};

/** Posterior mean reach rate and expected attempts per contact left. */
export function attemptsPerContact(
  campaign: Pick<OutboundCampaign, 'attempts' | 'reached'>,
  assumptions: OutboundAssumptions,
): { reachRate: number; attempts: number } {
  const { prior, maxAttempts } = assumptions;
  const reachRate = (campaign.reached + prior.reached) / (campaign.attempts + prior.reached + prior.missed);
  const attempts = (1 - (1 - reachRate) ** maxAttempts) / reachRate;
  return { reachRate, attempts };
}

/** Lawful interval starts of a calendar in [from, to). */
export type LawfulStarts = (calendar: string, from: number, to: number) => number[];

/** One calendar's share of the plan. */
export interface CalendarPlan {
  calendar: string;
  contactsLeft: number;
  /** lawful intervals of its consumers used by the plan (until the end date, or the finish) */
  lawfulIntervals: number;
  /** agents on the phones in each of them for this group, not rounded (mean without an end date) */
  agentsPerInterval: number;
}

/** A planned interval: its start (epoch ms) and the agents on the phones it needs, not rounded. */
export interface OutboundInterval {
  start: number;
  agents: number;
}

/**
 * The outbound plan of a campaign from `now`: the lawful interval starts of each calendar come
 * from `lawful` (the consumers' calling windows), `agentsNow` is the agents its sites staff for it
 * today (used only without an end date).
 */
export function outboundPlan(
  campaign: OutboundCampaign,
  now: number,
  lawful: LawfulStarts,
  agentsNow: number,
  assumptions: OutboundAssumptions = OUTBOUND_DEFAULTS,
): OutboundPlan & { intervals: OutboundInterval[]; calendars: CalendarPlan[] } {
  const { reachRate, attempts } = attemptsPerContact(campaign, assumptions);
  const secondsPerAttempt =
    reachRate * assumptions.reachedSeconds + (1 - reachRate) * assumptions.unreachedSeconds;
  const callsLeft = campaign.contactsLeft * attempts;
  const workSeconds = callsLeft * secondsPerAttempt;
  const first = Math.ceil(now / INTERVAL_MS) * INTERVAL_MS;
  // agent-seconds on the phones per agent and interval
  const perAgent = assumptions.maxOccupancy * INTERVAL_SECONDS;
  const groups = campaign.calendars
    .filter((group) => group.contacts > 0)
    .map((group) => ({ calendar: group.calendar, work: group.contacts * attempts * secondsPerAttempt }));
  const endsAt = campaign.endsAt;
  const planned =
    endsAt !== null
      ? byEndDate(groups, (calendar) => (endsAt > first ? lawful(calendar, first, endsAt) : []))
      : atToday(groups, agentsNow * perAgent, (calendar) => lawful(calendar, first, first + YEAR_MS));
  const agents = [...planned.seconds]
    .sort(([a], [b]) => a - b)
    .map(([start, seconds]) => ({ start, agents: seconds / perAgent }));
  const lawfulIntervals = agents.length;
  const overdue = callsLeft > 0 && campaign.endsAt !== null && planned.unplanned;
  let finishesAt: number | null = null;
  if (campaign.endsAt === null) {
    if (workSeconds <= 0) finishesAt = first;
    else if (!planned.unplanned && agents.length) finishesAt = agents.at(-1)!.start + INTERVAL_MS;
  }
  const agentsPerInterval = lawfulIntervals
    ? agents.reduce((sum, i) => sum + i.agents, 0) / lawfulIntervals
    : 0;
  return {
    campaignId: campaign.id,
    name: campaign.name,
    reachRate,
    attemptsPerContact: attempts,
    secondsPerAttempt,
    callsLeft,
    workHours: workSeconds / 3600,
    lawfulIntervals,
    callsPerInterval: lawfulIntervals ? callsLeft / lawfulIntervals : 0,
    agentsPerInterval,
    peakAgentsPerInterval: agents.reduce((peak, i) => Math.max(peak, i.agents), 0),
    finishesAt,
    overdue,
    intervals: agents,
    calendars: campaign.calendars.map((group) => {
      const used = planned.used.get(group.calendar) ?? { intervals: 0, seconds: 0 };
      return {
        calendar: group.calendar,
        contactsLeft: group.contacts,
        lawfulIntervals: used.intervals,
        agentsPerInterval: used.intervals ? used.seconds / used.intervals / perAgent : 0,
      };
    }),
  };
}

const YEAR_MS = 366 * 86_400_000;

interface CalendarWork {
  calendar: string;
  /** agent-seconds on the phones its contacts left need */
  work: number;
}

interface Planned {
  /** agent-seconds on the phones per interval start */
  seconds: Map<number, number>;
  /** per calendar: the intervals it was planned in and the agent-seconds planned */
  used: Map<string, { intervals: number; seconds: number }>;
  /** some work found no lawful interval (before the end date, or within a year at today's agents) */
  unplanned: boolean;
}

function plannedIn(planned: Planned, calendar: string, start: number, seconds: number): void {
  planned.seconds.set(start, (planned.seconds.get(start) ?? 0) + seconds);
  const used = planned.used.get(calendar) ?? { intervals: 0, seconds: 0 };
  used.intervals++;
  used.seconds += seconds;
  planned.used.set(calendar, used);
}

/** Each calendar's work spread evenly over its lawful intervals before the end date. */
function byEndDate(groups: CalendarWork[], startsOf: (calendar: string) => number[]): Planned {
  const planned: Planned = { seconds: new Map(), used: new Map(), unplanned: false };
  for (const group of groups) {
    const starts = startsOf(group.calendar);
    if (!starts.length) planned.unplanned ||= group.work > 0;
    for (const start of starts) plannedIn(planned, group.calendar, start, group.work / starts.length);
  }
  return planned;
}

/**
 * At `capacity` agent-seconds per interval, interval after interval: the calendars lawful in an
 * interval share its capacity in proportion to the work each has left (all finish together when
 * they are open together), until no work is left.
 */
function atToday(
  groups: CalendarWork[],
  capacity: number,
  startsOf: (calendar: string) => number[],
): Planned {
  const planned: Planned = { seconds: new Map(), used: new Map(), unplanned: false };
  const left = new Map(groups.map((group) => [group.calendar, group.work]));
  let waiting = groups.filter((group) => group.work > 0).length;
  if (!waiting) return planned;
  const open = new Map<number, string[]>();
  if (capacity > 0)
    for (const group of groups)
      for (const start of startsOf(group.calendar)) {
        const calendars = open.get(start);
        if (calendars) calendars.push(group.calendar);
        else open.set(start, [group.calendar]);
      }
  for (const start of [...open.keys()].sort((a, b) => a - b)) {
    if (!waiting) break;
    const calendars = open.get(start)!.filter((calendar) => left.get(calendar)! > 0);
    const work = calendars.reduce((sum, calendar) => sum + left.get(calendar)!, 0);
    if (!(work > 0)) continue;
    const share = Math.min(1, capacity / work);
    for (const calendar of calendars) {
      const before = left.get(calendar)!;
      const after = share === 1 ? 0 : before * (1 - share);
      left.set(calendar, after);
      if (!after) waiting--;
      plannedIn(planned, calendar, start, before - after);
    }
  }
  planned.unplanned = waiting > 0;
  return planned;
}
