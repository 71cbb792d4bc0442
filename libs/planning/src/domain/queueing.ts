/**
 * Queueing maths of one interval of one queue: Erlang B, Erlang C (M/M/n) and Erlang A (M/M/n+M,
 * exponential patience). Pure functions, no allocation in the loops, stable for thousands of agents:
 * no factorial or power is ever formed.
 *
 * - Erlang B by its recursion B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)), run on its reciprocal
 *   R(k) = 1/B(k) = 1 + (k/A)·R(k−1): one multiply-add per agent instead of a division (a division
 *   waits several times longer on the one before it). R past the largest double is B below the
 *   smallest, taken as 0.
 * - Erlang C from B: C = n·B / (n − A·(1 − B)).
 * - Erlang A from the birth–death chain of the number of calls in the system, normalised with
 *   Erlang B for the states below n and summed in log space above n (the queue terms can exceed
 *   any double in overload). A caller who finds j calls waiting sees his own wait V shorten by
 *   services (rate nμ) and by the abandonment of those ahead (rate iθ); e^{−θV} then follows a
 *   Beta(x, j+1) law with x = nμ/θ, which gives in closed form, per j: the chance of being served
 *   x/(x+j+1), of being served within T (a regularised incomplete beta with integer parameter,
 *   a finite series summed along j) and the mean wait of the served (a harmonic sum).
 *   P(wait) and P(abandon) agree with Garnett, Mandelbaum & Reiman (2002).
 *
 * Service level is "answered within T seconds over all offered calls": a call that abandons counts
 * as missed, whenever it abandons. `serviceLevelOfAnswered` gives the same over answered calls.
 */

export interface QueueLoad {
  /** calls offered in the interval */
  calls: number;
  /** length of the interval, seconds (1,800 for 30 minutes) */
  intervalSeconds: number;
  /** average handle time (talk + hold + wrap-up), seconds */
  ahtSeconds: number;
  /** mean patience of callers, seconds; absent or Infinity: nobody abandons (Erlang C) */
  patienceSeconds?: number;
}

export interface QueueOutcome {
  agents: number;
  /** offered load in Erlangs (calls × AHT / interval) */
  trafficErlangs: number;
  /** chance that a call waits at all */
  probabilityOfWaiting: number;
  /** answered within the target over all offered calls */
  serviceLevel: number;
  /** answered within the target over answered calls */
  serviceLevelOfAnswered: number;
  /** mean wait of answered calls, seconds; Infinity when the queue grows without bound */
  asaSeconds: number;
  /** busy time over agents' time: answered load / agents, at most 1 */
  occupancy: number;
  /** chance that a call abandons before an answer (0 under Erlang C) */
  probabilityOfAbandoning: number;
}

export type StaffingTarget =
  /** at least `level` (0..1) of offered calls answered within `seconds` */
  | { kind: 'service_level'; seconds: number; level: number }
  /** mean wait of answered calls at most `seconds` */
  | { kind: 'asa'; seconds: number }
  /** at most `rate` (0..1) of offered calls abandon (needs a patience) */
  | { kind: 'abandonment'; rate: number };

export interface StaffingGoal {
  target: StaffingTarget;
  /** answer time T the reported service level is measured at (the target's own when it has one) */
  serviceSeconds: number;
  /** highest occupancy agents may run at (0..1] */
  maxOccupancy: number;
}

/** Offered load in Erlangs. */
export function trafficOf(load: QueueLoad): number {
  return (load.calls * load.ahtSeconds) / load.intervalSeconds;
}

/** Erlang B: chance that a call finds all `agents` busy when blocked calls are lost. */
export function erlangB(agents: number, traffic: number): number {
  return 1 / reciprocalErlangB(agents, 1 / traffic);
}

/** 1 / Erlang B by R(0) = 1, R(k) = 1 + k·(1/A)·R(k−1); `perErlang` = 1/A. */
function reciprocalErlangB(agents: number, perErlang: number): number {
  let r = 1;
  for (let k = 1; k <= agents; k++) r = 1 + k * perErlang * r;
  return r;
}

/** One more agent in the Erlang B recursion. */
export function nextErlangB(previous: number, agents: number, traffic: number): number {
  return (traffic * previous) / (agents + traffic * previous);
}

/** Erlang C: chance that a call waits when nobody abandons (1 once agents ≤ traffic). */
export function erlangC(agents: number, traffic: number): number {
  return erlangCFromB(agents, traffic, erlangB(agents, traffic));
}

function erlangCFromB(agents: number, traffic: number, b: number): number {
  if (agents <= traffic) return 1;
  return (agents * b) / (agents - traffic * (1 - b));
}

/** All the figures of one interval with `agents` on the phones. */
export function queueOutcome(load: QueueLoad, agents: number, serviceSeconds: number): QueueOutcome {
  const traffic = trafficOf(load);
  return outcomeWithB(load, traffic, agents, erlangB(agents, traffic), serviceSeconds);
}

function outcomeWithB(
  load: QueueLoad,
  traffic: number,
  agents: number,
  b: number,
  serviceSeconds: number,
): QueueOutcome {
  if (load.calls <= 0 || traffic <= 0) return idle(agents);
  if (agents <= 0) return unanswered(0, traffic, load.patienceSeconds);
  const patience = load.patienceSeconds;
  if (patience === undefined || !Number.isFinite(patience)) {
    return erlangCOutcome(traffic, agents, b, load.ahtSeconds, serviceSeconds);
  }
  return erlangAOutcome(traffic, agents, b, load.ahtSeconds, patience, serviceSeconds);
}

function idle(agents: number): QueueOutcome {
  return {
    agents,
    trafficErlangs: 0,
    probabilityOfWaiting: 0,
    serviceLevel: 1,
    serviceLevelOfAnswered: 1,
    asaSeconds: 0,
    occupancy: 0,
    probabilityOfAbandoning: 0,
  };
}

function unanswered(agents: number, traffic: number, patience: number | undefined): QueueOutcome {
  const abandons = patience !== undefined && Number.isFinite(patience);
  return {
    agents,
    trafficErlangs: traffic,
    probabilityOfWaiting: 1,
    serviceLevel: 0,
    serviceLevelOfAnswered: 0,
    asaSeconds: Infinity,
    occupancy: agents > 0 ? 1 : 0,
    probabilityOfAbandoning: abandons ? 1 : 0,
  };
}

function erlangCOutcome(
  traffic: number,
  agents: number,
  b: number,
  aht: number,
  serviceSeconds: number,
): QueueOutcome {
  if (agents <= traffic) return unanswered(agents, traffic, undefined);
  const c = erlangCFromB(agents, traffic, b);
  const serviceLevel = 1 - c * Math.exp((-(agents - traffic) * serviceSeconds) / aht);
  return {
    agents,
    trafficErlangs: traffic,
    probabilityOfWaiting: c,
    serviceLevel,
    serviceLevelOfAnswered: serviceLevel,
    asaSeconds: (c * aht) / (agents - traffic),
    occupancy: traffic / agents,
    probabilityOfAbandoning: 0,
  };
}

/** Relative size below which the queue terms of Erlang A are dropped (e^-46 ≈ 1e-20). */
const LOG_NEGLIGIBLE = 46;

function erlangAOutcome(
  traffic: number,
  agents: number,
  b: number,
  aht: number,
  patience: number,
  serviceSeconds: number,
): QueueOutcome {
  // x = nμ/θ, y = λ/θ: the queue terms are q_j = Π_{i=1..j} y/(x+i), q_0 = 1
  const x = (agents * patience) / aht;
  const y = (traffic * patience) / aht;
  const logY = Math.log(y);
  // incomplete beta series of Beta(x+1, j+1) at c = e^{−T/patience}: t_m = c^{x+1} Π (x+m)/m (1−c)
  const logC = -serviceSeconds / patience;
  const log1mC = serviceSeconds > 0 ? Math.log(-Math.expm1(logC)) : -Infinity;
  let logT = (x + 1) * logC;
  let cdf = 0;
  // sums of q_j·(...) scaled by e^{−scale}
  let scale = 0;
  let sumQ = 0;
  let sumAbandon = 0;
  let sumWithinT = 0;
  let sumWait = 0;
  let logQ = 0;
  let harmonic = 0;
  for (let j = 0; ; j++) {
    if (j > 0) logQ += logY - Math.log(x + j);
    if (logQ > scale) {
      const shrink = Math.exp(scale - logQ);
      sumQ *= shrink;
      sumAbandon *= shrink;
      sumWithinT *= shrink;
      sumWait *= shrink;
      scale = logQ;
    }
    const q = Math.exp(logQ - scale);
    const served = x / (x + j + 1);
    harmonic += 1 / (x + 1 + j);
    if (serviceSeconds > 0) {
      if (j > 0) logT += Math.log((x + j) / j) + log1mC;
      cdf = Math.min(1, cdf + Math.exp(logT));
    } else cdf = 1;
    sumQ += q;
    sumAbandon += q * ((j + 1) / (x + j + 1));
    sumWithinT += q * served * (1 - cdf);
    sumWait += q * served * harmonic;
    if (j > y - x && logQ < scale - LOG_NEGLIGIBLE) break;
  }
  // P(wait) = B·Q / (1 − B + B·Q), with Q = e^{scale}·sumQ
  const logBQ = Math.log(b) + scale + Math.log(sumQ);
  const ratio = Math.exp(Math.log1p(-b) - logBQ);
  const probabilityOfWaiting = 1 / (1 + ratio);
  const probabilityOfAbandoning = (probabilityOfWaiting * sumAbandon) / sumQ;
  const answered = 1 - probabilityOfAbandoning;
  const serviceLevel = 1 - probabilityOfWaiting + (probabilityOfWaiting * sumWithinT) / sumQ;
  const waitOfServed = (probabilityOfWaiting * sumWait * patience) / sumQ;
  return {
    agents,
    trafficErlangs: traffic,
    probabilityOfWaiting,
    serviceLevel,
    serviceLevelOfAnswered: answered > 0 ? Math.min(1, serviceLevel / answered) : 0,
    asaSeconds: answered > 0 ? waitOfServed / answered : Infinity,
    occupancy: Math.min(1, (traffic * answered) / agents),
    probabilityOfAbandoning,
  };
}

/** Whether an interval's figures meet a goal (occupancy included). */
export function meetsGoal(outcome: QueueOutcome, goal: StaffingGoal): boolean {
  if (outcome.occupancy > goal.maxOccupancy + 1e-12) return false;
  const target = goal.target;
  switch (target.kind) {
    case 'service_level':
      return outcome.serviceLevel >= target.level - 1e-12;
    case 'asa':
      return outcome.asaSeconds <= target.seconds + 1e-9;
    case 'abandonment':
      return outcome.probabilityOfAbandoning <= target.rate + 1e-12;
  }
}

/** Highest agent count searched before a goal is declared out of reach. */
export const MAX_AGENTS = 1_000_000;

/**
 * Fewest agents on the phones that meet the goal, with the interval's figures at that count.
 * Under Erlang C the count climbs from the stable minimum with one step of the Erlang B recursion
 * per agent; under Erlang A (where fewer agents than the load can meet a goal) a doubling then
 * bisection search.
 */
export function requiredAgents(load: QueueLoad, goal: StaffingGoal): QueueOutcome {
  const traffic = trafficOf(load);
  if (load.calls <= 0 || traffic <= 0) return idle(0);
  const abandons = load.patienceSeconds !== undefined && Number.isFinite(load.patienceSeconds);
  if (!abandons) return requiredErlangC(load, traffic, goal);
  const meets = (agents: number) =>
    meetsGoal(outcomeWithB(load, traffic, agents, erlangB(agents, traffic), goal.serviceSeconds), goal);
  // the answer without abandonment is a close guess: gallop from it, then bisect the bracket
  const guess = climbErlangC(traffic, load.ahtSeconds, goal);
  let high = Number.isFinite(guess) ? guess : Math.max(1, Math.ceil(traffic));
  let low = 0;
  if (meets(high)) {
    for (let step = 1; high - step >= 1; step *= 2) {
      if (!meets(high - step)) {
        low = high - step;
        break;
      }
      high -= step;
    }
  } else {
    for (let step = 1; ; step *= 2) {
      low = high;
      high += step;
      if (high > MAX_AGENTS) return unreachable(load, traffic, goal);
      if (meets(high)) break;
    }
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (meets(middle)) high = middle;
    else low = middle;
  }
  return outcomeWithB(load, traffic, high, erlangB(high, traffic), goal.serviceSeconds);
}

function requiredErlangC(load: QueueLoad, traffic: number, goal: StaffingGoal): QueueOutcome {
  const agents = climbErlangC(traffic, load.ahtSeconds, goal);
  if (!Number.isFinite(agents)) return unreachable(load, traffic, goal);
  return erlangCOutcome(traffic, agents, erlangB(agents, traffic), load.ahtSeconds, goal.serviceSeconds);
}

/**
 * Fewest agents meeting the goal when nobody abandons: the Erlang B recursion up to the stable
 * minimum, then one step per agent until the goal holds. Allocates nothing (the hot loop of a plan).
 */
function climbErlangC(traffic: number, aht: number, goal: StaffingGoal): number {
  const start = Math.max(1, Math.floor(traffic) + 1, Math.ceil(traffic / goal.maxOccupancy - 1e-9));
  const target = goal.target;
  const level = target.kind === 'service_level' ? target.level - 1e-12 : -Infinity;
  const missed = 1 - level;
  const asa = target.kind === 'asa' ? target.seconds + 1e-9 : Infinity;
  const decay = goal.serviceSeconds / aht;
  // e^{−(n − A)·T/AHT} of the service level, kept up to date by one multiplication per agent
  const perAgent = Math.exp(-decay);
  let tail = Math.exp(-(start - traffic) * decay);
  const perErlang = 1 / traffic;
  // R = 1/B; with it C = n / ((n − A)·R + A), and the goal's tests need no division
  let r = reciprocalErlangB(start, perErlang);
  for (let agents = start; agents <= MAX_AGENTS; agents++) {
    if (agents > start) {
      r = 1 + agents * perErlang * r;
      tail *= perAgent;
    }
    const headroom = agents - traffic;
    const denominator = headroom * r + traffic;
    // service level 1 − C·tail below the level: C·tail > 1 − level
    if (level > -Infinity && agents * tail > missed * denominator) continue;
    // ASA C·AHT / (n − A) above the target
    if (asa < Infinity && agents * aht > asa * headroom * denominator) continue;
    return agents;
  }
  return Infinity;
}

/** Fewest agents on the phones meeting the goal (the count of `requiredAgents`, without its figures). */
export function requiredAgentCount(load: QueueLoad, goal: StaffingGoal): number {
  const traffic = trafficOf(load);
  if (load.calls <= 0 || traffic <= 0) return 0;
  if (load.patienceSeconds === undefined || !Number.isFinite(load.patienceSeconds))
    return climbErlangC(traffic, load.ahtSeconds, goal);
  return requiredAgents(load, goal).agents;
}

function unreachable(load: QueueLoad, traffic: number, goal: StaffingGoal): QueueOutcome {
  return {
    ...unanswered(MAX_AGENTS, traffic, load.patienceSeconds),
    agents: Infinity,
    occupancy: goal.maxOccupancy,
  };
}

/** Agents to schedule so that `onPhones` remain after shrinkage (breaks, training, absence); not rounded. */
export function scheduledAgents(onPhones: number, shrinkage: number): number {
  return onPhones / (1 - shrinkage);
}
