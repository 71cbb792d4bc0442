import {
  MAX_AGENTS,
  queueOutcome,
  requiredAgentCount,
  requiredAgents,
  type QueueLoad,
  type QueueOutcome,
  type StaffingGoal,
  type StaffingTarget,
} from './queueing.js';

/** Days and intervals are cut on the consumers' clock (France). */
export const PLANNING_TIME_ZONE = 'Europe/Paris';

/** Planning intervals are 30 minutes long. */
export const INTERVAL_MINUTES = 30;
export const INTERVAL_SECONDS = INTERVAL_MINUTES * 60;
export const INTERVAL_MS = INTERVAL_SECONDS * 1000;

/** How a queue is answered: handle time, patience, the goal, and today's split across sites. */
export interface QueueSpec {
  id: string;
  name: string;
  ahtSeconds: number;
  /** mean patience of callers, seconds; null: Erlang C (nobody abandons) */
  patienceSeconds: number | null;
  target: StaffingTarget;
  maxOccupancy: number;
  /** share of the queue's calls each site answers today (shares sum to 1) */
  sites: Array<{ siteId: string; share: number }>;
}

/** What takes an agent off the phones, as fractions: in-shift (breaks, training, coaching) and absence. */
export interface Shrinkage {
  inShift: number;
  absence: number;
}

/** 1 − (1 − in-shift)(1 − absence): the share of paid agents not on the phones. */
export function totalShrinkage(shrinkage: Shrinkage): number {
  return 1 - (1 - shrinkage.inShift) * (1 - shrinkage.absence);
}

export function goalOf(target: StaffingTarget, maxOccupancy: number): StaffingGoal {
  return { target, maxOccupancy, serviceSeconds: target.kind === 'abandonment' ? 0 : target.seconds };
}

export interface WhatIfInput {
  calls: number[];
  ahtSeconds: number;
  patienceSeconds: number | null;
  target: StaffingTarget;
  /** seconds at which the service level is reported (the target's own for an SL target) */
  serviceSeconds?: number;
  maxOccupancy: number;
  shrinkage: number;
  /** agents on the phones per interval: when given, the figures are those of this staffing */
  agents?: number[];
}

export interface WhatIfInterval {
  index: number;
  calls: number;
  /** agents on the phones the target needs */
  requiredAgents: number;
  /** agents to schedule once shrinkage is counted (not rounded) */
  scheduledAgents: number;
  /** the figures at the given agents, or at the required count */
  outcome: QueueOutcome;
}

export interface WhatIfResult {
  intervals: WhatIfInterval[];
  /** scheduled agent-hours over all intervals, rounded up once on the total */
  scheduledAgentHours: number;
  /** the busiest interval's scheduled agents, rounded up */
  peakScheduledAgents: number;
  /** answered within T over offered, weighted by calls over all intervals */
  serviceLevel: number;
  probabilityOfAbandoning: number;
}

/** The figures of a queue interval by interval, and the agents its target needs. */
export function whatIf(input: WhatIfInput): WhatIfResult {
  const goal = goalOf(input.target, input.maxOccupancy);
  const serviceSeconds = input.serviceSeconds ?? goal.serviceSeconds;
  let hours = 0;
  let peak = 0;
  let calls = 0;
  let withinTarget = 0;
  let abandoned = 0;
  // a week repeats many call counts (the nights' zeros, the same busy levels): each is solved once
  const solved = new Map<number, QueueOutcome>();
  const intervals = input.calls.map((volume, index): WhatIfInterval => {
    const load = loadOf(volume, input.ahtSeconds, input.patienceSeconds);
    let required = solved.get(volume);
    if (!required) {
      required = requiredAgents(load, { ...goal, serviceSeconds });
      solved.set(volume, required);
    }
    const given = input.agents?.[index];
    const outcome = given === undefined ? required : queueOutcome(load, given, serviceSeconds);
    const scheduled = required.agents / (1 - input.shrinkage);
    hours += (scheduled * INTERVAL_MINUTES) / 60;
    peak = Math.max(peak, scheduled);
    calls += volume;
    withinTarget += volume * outcome.serviceLevel;
    abandoned += volume * outcome.probabilityOfAbandoning;
    return { index, calls: volume, requiredAgents: required.agents, scheduledAgents: scheduled, outcome };
  });
  return {
    intervals,
    scheduledAgentHours: roundUp(hours, 1),
    peakScheduledAgents: ceilOnce(peak),
    serviceLevel: calls > 0 ? withinTarget / calls : 1,
    probabilityOfAbandoning: calls > 0 ? abandoned / calls : 0,
  };
}

function loadOf(calls: number, ahtSeconds: number, patienceSeconds: number | null): QueueLoad {
  return {
    calls,
    ahtSeconds,
    intervalSeconds: INTERVAL_SECONDS,
    patienceSeconds: patienceSeconds ?? undefined,
  };
}

/** Agents on the phones one queue needs for `calls` in one interval. */
export function agentsFor(queue: QueueSpec, calls: number): number {
  if (calls <= 0) return 0;
  return requiredAgentCount(
    loadOf(calls, queue.ahtSeconds, queue.patienceSeconds),
    goalOf(queue.target, queue.maxOccupancy),
  );
}

/** Ceil of a sum of fractional agents, forgiving float dust (4.0000000001 is 4). */
export function ceilOnce(value: number): number {
  return Math.ceil(value - 1e-9);
}

function roundUp(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.ceil(value * factor - 1e-9) / factor;
}

/** Demand of one queue in one interval (epoch ms of its start). */
export interface QueueVolume {
  queueId: string;
  start: number;
  calls: number;
}

/** What one site needs, interval by interval over a window (index i = the window's i-th interval), before rounding. */
export interface SiteNeeds {
  /** agents on the phones, summed over the queues the site answers */
  onPhones: Float64Array;
  /** agents present (on the phones or in in-shift shrinkage): the seats they sit on */
  present: Float64Array;
  /** agents to schedule, absence included */
  scheduled: Float64Array;
}

/** A window of `intervals` 30-minute intervals from `from` (epoch ms). */
export interface PlanWindowSpan {
  from: number;
  intervals: number;
}

/** Loads of up to this many calls per interval are remembered per queue and site (a dense array). */
const MAX_REMEMBERED_CALLS = 65_536;

/** Keeps the agents of a whole call count, growing the memory (by doubling) up to MAX_REMEMBERED_CALLS. */
function remember(entry: { known: Int32Array }, calls: number, agents: number): void {
  if (calls >= MAX_REMEMBERED_CALLS) return;
  if (calls >= entry.known.length) {
    const grown = new Int32Array(Math.min(MAX_REMEMBERED_CALLS, Math.max(calls + 1, entry.known.length * 2)));
    grown.fill(-1, entry.known.length);
    grown.set(entry.known);
    entry.known = grown;
  }
  entry.known[calls] = agents;
}

/**
 * Need per site and interval when each site answers its share of each queue as its own queue
 * (today's split). Rounding is left to the caller, once on whatever total it shows. Volumes outside
 * the window are ignored. Arrays, not maps, and no allocation per interval: this is the hot loop of
 * a network plan (bench:planning). The same queue, site and call count give the same agents, so
 * each distinct load is computed once per call (a month of one queue repeats most of its loads).
 */
export function siteNeeds(
  queues: QueueSpec[],
  volumes: QueueVolume[],
  shrinkageOf: (siteId: string) => Shrinkage,
  window: PlanWindowSpan,
): Map<string, SiteNeeds> {
  const needs = new Map<string, SiteNeeds>();
  // one buffer for every site's three series (one allocation, not three per site)
  const siteIds = new Set(queues.flatMap((queue) => queue.sites.map((site) => site.siteId)));
  const buffer = new Float64Array(siteIds.size * 3 * window.intervals);
  const series = (index: number) => buffer.subarray(index * window.intervals, (index + 1) * window.intervals);
  const prepared = new Map(
    queues.map((queue) => {
      const load: QueueLoad = loadOf(0, queue.ahtSeconds, queue.patienceSeconds);
      const goal = goalOf(queue.target, queue.maxOccupancy);
      const sites = queue.sites.map(({ siteId, share }) => {
        let site = needs.get(siteId);
        if (!site) {
          const first = needs.size * 3;
          site = { onPhones: series(first), present: series(first + 1), scheduled: series(first + 2) };
          needs.set(siteId, site);
        }
        const shrinkage = shrinkageOf(siteId);
        return {
          share,
          site,
          toPresent: 1 / (1 - shrinkage.inShift),
          toScheduled: 1 / (1 - totalShrinkage(shrinkage)),
          // agents on the phones by whole number of the queue's calls (−1: not yet computed)
          known: new Int32Array(64).fill(-1),
        };
      });
      return [queue.id, { load, goal, sites }] as const;
    }),
  );
  // volumes of one queue usually follow each other: its prepared form is looked up once per run of them
  let queueId: string | undefined;
  let queue: (typeof prepared extends Map<string, infer Q> ? Q : never) | undefined;
  for (let v = 0; v < volumes.length; v++) {
    const volume = volumes[v];
    const calls = volume.calls;
    if (!(calls > 0)) continue;
    if (volume.queueId !== queueId) {
      queueId = volume.queueId;
      queue = prepared.get(queueId);
    }
    if (!queue) continue;
    const index = (volume.start - window.from) / INTERVAL_MS;
    if (!(index >= 0 && index < window.intervals) || (index | 0) !== index) continue;
    const whole = (calls | 0) === calls;
    const sites = queue.sites;
    for (let s = 0; s < sites.length; s++) {
      const entry = sites[s];
      const { share, site, toPresent, toScheduled } = entry;
      let onPhones = whole && calls < entry.known.length ? entry.known[calls] : -1;
      if (onPhones < 0) {
        queue.load.calls = calls * share;
        onPhones = requiredAgentCount(queue.load, queue.goal);
        if (whole && onPhones <= MAX_AGENTS) remember(entry, calls, onPhones);
      }
      site.onPhones[index] += onPhones;
      site.present[index] += onPhones * toPresent;
      site.scheduled[index] += onPhones * toScheduled;
    }
  }
  return needs;
}

export interface PoolingInterval {
  start: number;
  calls: number;
  /** agents one pooled queue across all sites needs */
  pooledAgents: number;
  /** agents the sites need when each answers its share alone */
  splitAgents: number;
}

/** One pooled queue against today's split, interval by interval: the split costs splitAgents − pooledAgents. */
export function pooling(
  queue: QueueSpec,
  volumes: Array<{ start: number; calls: number }>,
): PoolingInterval[] {
  return volumes.map(({ start, calls }) => ({
    start,
    calls,
    pooledAgents: agentsFor(queue, calls),
    splitAgents: queue.sites.reduce((sum, { share }) => sum + agentsFor(queue, calls * share), 0),
  }));
}

/**
 * Adds outbound agents (a campaign's share at a site, per lawful interval) to the sites' needs:
 * on the phones as given, present and scheduled through the site's shrinkage like inbound agents.
 */
export function addOutbound(
  needs: Map<string, SiteNeeds>,
  loads: Array<{ siteId: string; start: number; agents: number }>,
  shrinkageOf: (siteId: string) => Shrinkage,
  window: PlanWindowSpan,
): void {
  for (const load of loads) {
    const index = (load.start - window.from) / INTERVAL_MS;
    if (!(index >= 0 && index < window.intervals) || (index | 0) !== index || !(load.agents > 0)) continue;
    let site = needs.get(load.siteId);
    if (!site) {
      site = {
        onPhones: new Float64Array(window.intervals),
        present: new Float64Array(window.intervals),
        scheduled: new Float64Array(window.intervals),
      };
      needs.set(load.siteId, site);
    }
    const shrinkage = shrinkageOf(load.siteId);
    site.onPhones[index] += load.agents;
    site.present[index] += load.agents / (1 - shrinkage.inShift);
    site.scheduled[index] += load.agents / (1 - totalShrinkage(shrinkage));
  }
}
