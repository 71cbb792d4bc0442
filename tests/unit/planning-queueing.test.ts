import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  agentsFor,
  erlangB,
  erlangC,
  queueOutcome,
  requiredAgents,
  scheduledAgents,
  siteNeeds,
  type QueueLoad,
  type QueueSpec,
  type StaffingGoal,
} from '#planning';

const classic: QueueLoad = { calls: 100, intervalSeconds: 1800, ahtSeconds: 180 };
const slGoal = (seconds: number, level: number, maxOccupancy = 1): StaffingGoal => ({
  target: { kind: 'service_level', seconds, level },
  serviceSeconds: seconds,
  maxOccupancy,
});

/** Relative agreement to `digits` significant digits. */
function expectSignificant(actual: number, expected: number, digits = 4) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * 0.5 * 10 ** (1 - digits));
}

describe('Erlang B and C against published values', () => {
  it('Erlang B: 10 circuits offered 5 Erlangs block 1.838% (any Erlang B table, e.g. ITU-T E.521 style tables: 0.01838)', () => {
    expectSignificant(erlangB(10, 5), 0.01838);
    // B(5, 2) = (2^5/5!) / Σ_{k≤5} 2^k/k! = 0.26667 / 7.26667, computed by hand
    expectSignificant(erlangB(5, 2), 0.2666666667 / 7.2666666667, 6);
  });

  it('the classic worked example: 100 calls in 30 min, AHT 180 s, 80/20 (Call Centre Helper, "Erlang C formula made simple")', () => {
    // published: 10 Erlangs; 14 agents; P(wait) 17.41%, ASA 7.8 s, occupancy 71.4%; 20 agents once 30% shrinkage is added
    const outcome = queueOutcome(classic, 14, 20);
    expect(outcome.trafficErlangs).toBe(10);
    expectSignificant(outcome.probabilityOfWaiting, 0.1741);
    expectSignificant(outcome.serviceLevel, 0.8884);
    expectSignificant(outcome.asaSeconds, 7.836);
    expectSignificant(outcome.occupancy, 0.7143);
    const required = requiredAgents(classic, slGoal(20, 0.8));
    expect(required.agents).toBe(14);
    expect(queueOutcome(classic, 13, 20).serviceLevel).toBeLessThan(0.8);
    expect(Math.ceil(scheduledAgents(required.agents, 0.3))).toBe(20);
  });

  it('the Erlang-C formula step by step: 360 calls per half hour, 4 min calls, 55 agents, 15 s (Westbay Engineers)', () => {
    // published: 48 Erlangs, occupancy 0.873, E[C] = 0.2387, ASA 8.2 s, service level 84.6% within 15 s
    const outcome = queueOutcome({ calls: 360, intervalSeconds: 1800, ahtSeconds: 240 }, 55, 15);
    expect(outcome.trafficErlangs).toBe(48);
    expectSignificant(outcome.probabilityOfWaiting, 0.2387);
    expectSignificant(outcome.asaSeconds, 8.184);
    expectSignificant(outcome.serviceLevel, 0.8459);
    expectSignificant(outcome.occupancy, 0.8727);
  });

  it('agrees with the factorial form of Erlang C computed exactly in rationals for small cases', () => {
    for (const [n, a] of [
      [3, 2],
      [7, 5],
      [12, 9],
      [20, 17],
    ]) {
      expectSignificant(erlangC(n, a), exactErlangC(n, a), 12);
    }
  });

  it('stays finite and exact for thousands of agents', () => {
    const b = erlangB(5000, 4800);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(1);
    const c = erlangC(5000, 4800);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
    const load: QueueLoad = { calls: 48_000, intervalSeconds: 1800, ahtSeconds: 180 };
    const required = requiredAgents(load, slGoal(20, 0.8));
    expect(required.agents).toBeGreaterThan(4800);
    expect(required.agents).toBeLessThan(4900);
    expect(required.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(queueOutcome(load, required.agents - 1, 20).serviceLevel).toBeLessThan(0.8);
    const withPatience = queueOutcome({ ...load, patienceSeconds: 90 }, 4700, 20);
    expect(Number.isFinite(withPatience.serviceLevel)).toBe(true);
    expect(withPatience.probabilityOfAbandoning).toBeGreaterThan(0);
    // far past the load B is below the smallest double: 0, never NaN, and the climb stops at the occupancy cap
    expect(erlangB(100_000, 10)).toBe(0);
    const capped = requiredAgents(
      { calls: 10_000, intervalSeconds: 1800, ahtSeconds: 180 },
      slGoal(20, 0.8, 0.2),
    );
    expect(capped).toMatchObject({ agents: 5000, probabilityOfWaiting: 0, serviceLevel: 1, occupancy: 0.2 });
  });
});

describe('Erlang A (M/M/n+M)', () => {
  it('matches the birth-death chain solved directly, with the wait distribution integrated numerically', () => {
    for (const [calls, aht, patience, agents, t] of [
      [100, 180, 60, 8, 20],
      [100, 180, 180, 11, 20],
      [100, 180, 600, 14, 30],
      [360, 240, 120, 44, 15],
    ]) {
      const load: QueueLoad = { calls, intervalSeconds: 1800, ahtSeconds: aht, patienceSeconds: patience };
      const outcome = queueOutcome(load, agents, t);
      const direct = directErlangA(calls / 1800, 1 / aht, 1 / patience, agents, t);
      expectSignificant(outcome.probabilityOfWaiting, direct.probabilityOfWaiting, 6);
      expectSignificant(outcome.probabilityOfAbandoning, direct.probabilityOfAbandoning, 6);
      expectSignificant(outcome.serviceLevel, direct.serviceLevel, 5);
      expectSignificant(outcome.asaSeconds, direct.asaSeconds, 4);
    }
  });

  it('agrees with the closed forms of Garnett, Mandelbaum & Reiman (2002) for P(wait) and P(abandon | wait)', () => {
    // P(W>0) = A(x,y)·E / (1 + (A(x,y) − 1)·E), P(Ab | W>0) = 1/(ρ·A(x,y)) + 1 − 1/ρ,
    // with x = nμ/θ, y = λ/θ, A(x,y) = 1 + Σ_j y^j / Π_{k=1..j}(x+k), E = Erlang B, ρ = λ/(nμ)
    const [lambda, mu, theta, n] = [100 / 1800, 1 / 180, 1 / 120, 9];
    const x = (n * mu) / theta;
    const y = lambda / theta;
    let term = 1;
    let a = 1;
    for (let j = 1; j < 2000; j++) {
      term *= y / (x + j);
      a += term;
    }
    const e = erlangB(n, lambda / mu);
    const rho = lambda / (n * mu);
    const wait = (a * e) / (1 + (a - 1) * e);
    const outcome = queueOutcome(
      { calls: 100, intervalSeconds: 1800, ahtSeconds: 180, patienceSeconds: 120 },
      n,
      20,
    );
    expectSignificant(outcome.probabilityOfWaiting, wait, 8);
    expectSignificant(outcome.probabilityOfAbandoning, wait * (1 / (rho * a) + 1 - 1 / rho), 8);
  });

  it('in heavy overload abandons the excess (fluid limit 1 − n/A) without overflowing', () => {
    const outcome = queueOutcome(
      { calls: 200_000, intervalSeconds: 1800, ahtSeconds: 180, patienceSeconds: 120 },
      15_000,
      20,
    );
    expect(outcome.probabilityOfWaiting).toBeCloseTo(1, 6);
    expect(outcome.probabilityOfAbandoning).toBeCloseTo(0.25, 3);
    expect(outcome.occupancy).toBeCloseTo(1, 3);
  });
});

const loads = fc.record({
  calls: fc.integer({ min: 1, max: 3000 }),
  ahtSeconds: fc.integer({ min: 20, max: 900 }),
  patienceSeconds: fc.option(fc.integer({ min: 5, max: 1200 }), { nil: undefined }),
});

describe('properties', () => {
  it('every figure is a probability or a non-negative time, overload included', () => {
    fc.assert(
      fc.property(
        loads,
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 120 }),
        (load, agents, t) => {
          const outcome = queueOutcome({ ...load, intervalSeconds: 1800 }, agents, t);
          for (const p of [
            outcome.probabilityOfWaiting,
            outcome.serviceLevel,
            outcome.serviceLevelOfAnswered,
            outcome.occupancy,
            outcome.probabilityOfAbandoning,
          ]) {
            expect(p).toBeGreaterThanOrEqual(-1e-12);
            expect(p).toBeLessThanOrEqual(1 + 1e-12);
          }
          expect(outcome.asaSeconds).toBeGreaterThanOrEqual(0);
          expect(Number.isNaN(outcome.asaSeconds)).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('more agents never serve worse', () => {
    fc.assert(
      fc.property(
        loads,
        fc.integer({ min: 1, max: 400 }),
        fc.integer({ min: 0, max: 60 }),
        (load, agents, t) => {
          const at = (n: number) => queueOutcome({ ...load, intervalSeconds: 1800 }, n, t);
          const fewer = at(agents);
          const more = at(agents + 1);
          expect(more.probabilityOfWaiting).toBeLessThanOrEqual(fewer.probabilityOfWaiting + 1e-12);
          expect(more.serviceLevel).toBeGreaterThanOrEqual(fewer.serviceLevel - 1e-12);
          expect(more.asaSeconds).toBeLessThanOrEqual(fewer.asaSeconds * (1 + 1e-9) + 1e-12);
          expect(more.probabilityOfAbandoning).toBeLessThanOrEqual(fewer.probabilityOfAbandoning + 1e-12);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('Erlang A tends to Erlang C as patience grows', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 30, max: 600 }),
        fc.double({ min: 1.02, max: 2, noNaN: true }),
        (calls, aht, headroom) => {
          const traffic = (calls * aht) / 1800;
          const agents = Math.ceil(traffic * headroom);
          const c = queueOutcome({ calls, intervalSeconds: 1800, ahtSeconds: aht }, agents, 20);
          const a = queueOutcome(
            { calls, intervalSeconds: 1800, ahtSeconds: aht, patienceSeconds: 1e9 },
            agents,
            20,
          );
          expect(Math.abs(a.probabilityOfWaiting - c.probabilityOfWaiting)).toBeLessThan(1e-4);
          expect(Math.abs(a.serviceLevel - c.serviceLevel)).toBeLessThan(1e-4);
          expect(a.probabilityOfAbandoning).toBeLessThan(1e-4);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('the required count is the fewest that meets the goal, occupancy cap included', () => {
    fc.assert(
      fc.property(
        loads,
        fc.integer({ min: 5, max: 60 }),
        fc.double({ min: 0.5, max: 0.95, noNaN: true }),
        fc.double({ min: 0.6, max: 1, noNaN: true }),
        (load, t, level, maxOccupancy) => {
          const full = { ...load, intervalSeconds: 1800 };
          const goal = slGoal(t, level, maxOccupancy);
          const required = requiredAgents(full, goal);
          expect(required.serviceLevel).toBeGreaterThanOrEqual(level - 1e-12);
          expect(required.occupancy).toBeLessThanOrEqual(maxOccupancy + 1e-12);
          const fewer = queueOutcome(full, required.agents - 1, t);
          expect(fewer.serviceLevel < level || fewer.occupancy > maxOccupancy).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('meets ASA and abandonment targets', () => {
    const load: QueueLoad = { ...classic, patienceSeconds: 120 };
    const asa = requiredAgents(load, {
      target: { kind: 'asa', seconds: 10 },
      serviceSeconds: 20,
      maxOccupancy: 1,
    });
    expect(asa.asaSeconds).toBeLessThanOrEqual(10);
    expect(queueOutcome(load, asa.agents - 1, 20).asaSeconds).toBeGreaterThan(10);
    const abandon = requiredAgents(load, {
      target: { kind: 'abandonment', rate: 0.05 },
      serviceSeconds: 20,
      maxOccupancy: 1,
    });
    expect(abandon.probabilityOfAbandoning).toBeLessThanOrEqual(0.05);
    expect(queueOutcome(load, abandon.agents - 1, 20).probabilityOfAbandoning).toBeGreaterThan(0.05);
    expect(requiredAgents({ ...classic, calls: 0 }, slGoal(20, 0.8)).agents).toBe(0);
  });
});

/** Erlang C from its factorial definition, in exact rational arithmetic (BigInt). */
function exactErlangC(n: number, a: number): number {
  // with integer a: terms a^k/k! → scale by n! to stay integral
  const factorial = (k: number) =>
    Array.from({ length: k }, (_, i) => BigInt(i + 1)).reduce((p, v) => p * v, 1n);
  const big = (k: number) => BigInt(a) ** BigInt(k) * (factorial(n) / factorial(k));
  let below = 0n;
  for (let k = 0; k < n; k++) below += big(k);
  // top = a^n/n! · n/(n−a), scaled by n!·(n−a)
  const top = BigInt(a) ** BigInt(n) * BigInt(n);
  const scaledBelow = below * BigInt(n - a);
  const num = Number((top * 10n ** 18n) / (top + scaledBelow));
  return num / 1e18;
}

/**
 * Erlang A the long way: the chain's stationary law by its ratios, P(abandon) by θ·E[queue]/λ (Little),
 * and the waits of callers who find j ahead by integrating, with small RK4 steps, the death process
 * of their position (rate nμ + iθ with i ahead) while their own patience runs (rate θ).
 */
function directErlangA(lambda: number, mu: number, theta: number, n: number, t: number) {
  const states = n + 250;
  const p = [1];
  for (let k = 1; k <= states; k++)
    p.push((p[k - 1] * lambda) / (Math.min(k, n) * mu + Math.max(0, k - n) * theta));
  const total = p.reduce((s, v) => s + v, 0);
  const pi = p.map((v) => v / total);
  let wait = 0;
  let queue = 0;
  for (let k = n; k <= states; k++) {
    wait += pi[k];
    queue += (k - n) * pi[k];
  }
  const stages = states - n + 1;
  let v = Array.from({ length: stages }, (_, j) => pi[n + j]);
  const served = (vector: number[]) => n * mu * vector[0];
  const derivative = (vector: number[]) =>
    vector.map(
      (value, i) =>
        -(n * mu + i * theta + theta) * value +
        (i + 1 < stages ? (n * mu + (i + 1) * theta) * vector[i + 1] : 0),
    );
  const horizon = Math.max(t, 40 / theta, 40 / (n * mu));
  let withinT = 0;
  let servedTotal = 0;
  let servedWait = 0;
  let time = 0;
  const add = (vector: number[], k: number[], scale: number) =>
    vector.map((value, i) => value + scale * k[i]);
  // two legs so that one ends exactly at T: [0, T] then [T, horizon]
  for (const [end, steps] of [
    [t, 2_000],
    [horizon, 12_000],
  ]) {
    const h = (end - time) / steps;
    for (let step = 0; step < steps && h > 0; step++) {
      const f0 = served(v);
      const k1 = derivative(v);
      const k2 = derivative(add(v, k1, h / 2));
      const k3 = derivative(add(v, k2, h / 2));
      const k4 = derivative(add(v, k3, h));
      const next = v.map((value, i) => value + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
      // the served flux by Simpson's rule over the step (midpoint state from RK4's second stage)
      const fm = served(add(v, k2, h / 2));
      const f1 = served(next);
      const mass = (h / 6) * (f0 + 4 * fm + f1);
      if (end === t) withinT += mass;
      servedTotal += mass;
      servedWait += (h / 6) * (time * f0 + 4 * (time + h / 2) * fm + (time + h) * f1);
      v = next;
      time += h;
    }
  }
  const probabilityOfAbandoning = (theta * queue) / lambda;
  return {
    probabilityOfWaiting: wait,
    probabilityOfAbandoning,
    serviceLevel: 1 - wait + withinT,
    asaSeconds: servedWait / (1 - probabilityOfAbandoning),
    servedTotal,
  };
}

describe('a network plan (siteNeeds)', () => {
  it('gives each (queue, site, interval) the agents of its own load, remembered loads and fractional calls included', () => {
    const queue = (patienceSeconds: number | null, shares: number[]): QueueSpec => ({
      id: `q-${patienceSeconds}-${shares.length}`,
      name: 'q',
      ahtSeconds: 240,
      patienceSeconds,
      target: { kind: 'service_level', seconds: 20, level: 0.8 },
      maxOccupancy: 0.9,
      sites: shares.map((share, i) => ({ siteId: `s${i}`, share })),
    });
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 300 }), fc.double({ min: 0, max: 90, noNaN: true })), {
          minLength: 1,
          maxLength: 60,
        }),
        fc.constantFrom(null, 150),
        (calls, patience) => {
          const queues = [queue(patience, [0.7, 0.3]), queue(null, [1])];
          const volumes = queues.flatMap((q) =>
            calls.map((c, i) => ({ queueId: q.id, start: 1_800_000 * i, calls: c })),
          );
          const needs = siteNeeds(queues, volumes, () => ({ inShift: 0.1, absence: 0.05 }), {
            from: 0,
            intervals: calls.length,
          });
          calls.forEach((c, i) => {
            const expected = queues.reduce(
              (sum, q) =>
                sum + (q.sites.some((s) => s.siteId === 's0') ? agentsFor(q, c * q.sites[0].share) : 0),
              0,
            );
            expect(needs.get('s0')!.onPhones[i]).toBe(expected);
            expect(needs.get('s1')!.onPhones[i]).toBe(agentsFor(queues[0], c * 0.3));
          });
        },
      ),
      { numRuns: 60, seed: 18 },
    );
  });
});
