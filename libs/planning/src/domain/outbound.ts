import type { OutboundPlanView } from '#contracts';
import { INTERVAL_MS, INTERVAL_SECONDS } from './capacity-plan.js';

/**
 * Outbound workload: the calls a running campaign still has to place and the agents they need,
 * interval by interval, within the lawful calling intervals on the consumers' clock.
 *
 * Each contact left is called until reached, at most `maxAttempts` times. With a reach rate p per
 * attempt (Beta prior, updated by the attempts and reached outcomes so far), a contact takes
 *   E[attempts] = Σ_{k=1..M} (1 − p)^{k−1} = (1 − (1 − p)^M) / p
 * attempts, each reached one holding an agent `reachedSeconds` (talk + wrap-up) and each other
 * `unreachedSeconds` (dialling, ringing, no answer). The calls are spread evenly over the lawful
 * intervals left before the campaign's end; agents per interval = work seconds in the interval /
 * 1,800 / the highest occupancy (a dialler keeps agents busy up to it; nobody queues, so no Erlang
 * formula applies). Without an end date the campaign is planned at the agents its sites staff for
 * it today, and the answer is the date it would finish.
 */
export interface OutboundCampaign {
  id: string;
  name: string;
  /** epoch ms; null: no end date */
  endsAt: number | null;
  contactsLeft: number;
  attempts: number;
  reached: number;
  /** today's split of the campaign across its sites (shares sum to 1) */
  sites: Array<{ siteId: string; share: number }>;
}

export interface OutboundAssumptions {
  /** talk + wrap-up of a reached contact, seconds */
  reachedSeconds: number;
  /** dialling and ringing of an attempt that reaches nobody, seconds */
  unreachedSeconds: number;
  maxOccupancy: number;
  /** attempts per contact at most (the 4-calls-in-30-days rule) */
  maxAttempts: number;
  /** Beta(a, b) prior of the reach rate: a reached, b not, before any attempt */
  prior: { reached: number; missed: number };
}

export const OUTBOUND_DEFAULTS: OutboundAssumptions = {
  reachedSeconds: 420,
  unreachedSeconds: 45,
  maxOccupancy: 0.85,
  maxAttempts: 4,
  prior: { reached: 1, missed: 2 },
};

/**
 * A campaign's outbound workload as the domain computes it: the view's figures, with its finish
 * as epoch milliseconds; the service adds the intervals and the sites' shares.
 */
export type OutboundPlan = Omit<
  OutboundPlanView,
  'finishesAt' | 'firstInterval' | 'lastInterval' | 'sites'
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

/**
 * The outbound plan of a campaign from `now`: the lawful interval starts come from `lawful` (the
 * consumers' calling windows), `agentsNow` is the agents its sites staff for it today (used only
 * without an end date).
 */
export function outboundPlan(
  campaign: OutboundCampaign,
  now: number,
  lawful: (from: number, to: number) => number[],
  agentsNow: number,
  assumptions: OutboundAssumptions = OUTBOUND_DEFAULTS,
): OutboundPlan & { starts: number[] } {
  const { reachRate, attempts } = attemptsPerContact(campaign, assumptions);
  const secondsPerAttempt =
    reachRate * assumptions.reachedSeconds + (1 - reachRate) * assumptions.unreachedSeconds;
  const callsLeft = campaign.contactsLeft * attempts;
  const workSeconds = callsLeft * secondsPerAttempt;
  const first = Math.ceil(now / INTERVAL_MS) * INTERVAL_MS;
  let starts: number[];
  let finishesAt: number | null = null;
  if (campaign.endsAt !== null) {
    starts = campaign.endsAt > first ? lawful(first, campaign.endsAt) : [];
  } else {
    // at today's agents, how many lawful intervals does the work take?
    const perInterval = agentsNow * assumptions.maxOccupancy * INTERVAL_SECONDS;
    const needed = perInterval > 0 ? Math.ceil(workSeconds / perInterval - 1e-9) : Infinity;
    const year = lawful(first, first + 366 * 86_400_000);
    starts = Number.isFinite(needed) ? year.slice(0, needed) : [];
    if (workSeconds <= 0) finishesAt = first;
    else if (Number.isFinite(needed) && needed <= year.length) finishesAt = year[needed - 1] + INTERVAL_MS;
  }
  const lawfulIntervals = starts.length;
  const overdue = callsLeft > 0 && campaign.endsAt !== null && lawfulIntervals === 0;
  const callsPerInterval = lawfulIntervals ? callsLeft / lawfulIntervals : 0;
  const agentsPerInterval = lawfulIntervals
    ? (callsPerInterval * secondsPerAttempt) / INTERVAL_SECONDS / assumptions.maxOccupancy
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
    callsPerInterval,
    agentsPerInterval,
    finishesAt,
    overdue,
    starts,
  };
}
