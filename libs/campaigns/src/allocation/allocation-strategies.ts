import type { AllocationStrategy, TestObjective } from '#contracts';
import { type Arm, compareArms } from './posteriors.js';

/** What the allocation knows about one eligible site of a campaign. */
export interface SiteAllocationInput {
  siteId: string;
  /** staffed seats (latest staffing report) or installed seats */
  capacity: number;
  costPerHour: number | null;
  /** contractual floor and cap of the site's share (0..1) */
  floor: number;
  cap: number;
  testCell: boolean;
  /** reached contacts so far (the trials of the conversion rate) */
  attempts: number;
  sales: number;
  /** euros spent on the campaign at this site so far (hours worked × cost per hour), when known */
  spent?: number | null;
}

export type Shares = Map<string, number>;

export type Random = () => number;

/**
 * Shares of `total` following `weights`, each site within [floor, cap]: every site first gets its
 * floor, the rest is poured in proportion to the weights, and sites reaching their cap overflow
 * to the others (water-filling). Equal weights when none is positive.
 */
export function fitWithinBounds(
  sites: ReadonlyArray<Pick<SiteAllocationInput, 'siteId' | 'floor' | 'cap'>>,
  weights: ReadonlyMap<string, number>,
  total = 1,
): Shares {
  const shares: Shares = new Map(sites.map((site) => [site.siteId, Math.min(site.floor, site.cap)]));
  let open = sites.filter((site) => site.cap > shares.get(site.siteId)!);
  for (let round = 0; round <= sites.length && open.length; round++) {
    const left = total - [...shares.values()].reduce((sum, share) => sum + share, 0);
    if (left <= 1e-12) break;
    const positive = open.some((site) => (weights.get(site.siteId) ?? 0) > 0);
    const weightOf = (id: string) => (positive ? Math.max(0, weights.get(id) ?? 0) : 1);
    const sum = open.reduce((acc, site) => acc + weightOf(site.siteId), 0);
    if (sum <= 0) break;
    const stillOpen: typeof open = [];
    for (const site of open) {
      const wanted = shares.get(site.siteId)! + (left * weightOf(site.siteId)) / sum;
      shares.set(site.siteId, Math.min(site.cap, wanted));
      if (wanted < site.cap) stillOpen.push(site);
    }
    if (stillOpen.length === open.length) break;
    open = stillOpen;
  }
  return shares;
}

/** Fills sites in the given order, each up to its cap, after every site got its floor. */
export function fillInOrder(ordered: readonly SiteAllocationInput[], total = 1): Shares {
  const shares: Shares = new Map(ordered.map((site) => [site.siteId, Math.min(site.floor, site.cap)]));
  let left = total - [...shares.values()].reduce((sum, share) => sum + share, 0);
  for (const site of ordered) {
    if (left <= 0) break;
    const extra = Math.min(left, site.cap - shares.get(site.siteId)!);
    shares.set(site.siteId, shares.get(site.siteId)! + extra);
    left -= extra;
  }
  return shares;
}

/** Posterior mean conversion with a uniform Beta(1, 1) prior. */
export const conversionEstimate = (site: SiteAllocationInput) => (site.sales + 1) / (site.attempts + 2);

export function proportionalToCapacity(sites: readonly SiteAllocationInput[]): Shares {
  return fitWithinBounds(sites, new Map(sites.map((site) => [site.siteId, site.capacity])));
}

export function cheapestFirst(sites: readonly SiteAllocationInput[]): Shares {
  const cost = (site: SiteAllocationInput) => site.costPerHour ?? Number.POSITIVE_INFINITY;
  return fillInOrder([...sites].sort((a, b) => cost(a) - cost(b) || b.capacity - a.capacity));
}

export function bestConversionFirst(sites: readonly SiteAllocationInput[]): Shares {
  return fillInOrder([...sites].sort((a, b) => conversionEstimate(b) - conversionEstimate(a)));
}

export interface TestAndLearnOptions {
  /** reached contacts every site of the cell needs before the split leaves its starting point */
  minReached: number;
  /**
   * P(best) of the leading site from which the split starts to follow the evidence; it follows it
   * fully once the leader is best at 1 − (1 − confidence) / 5 (0.99 for 0.95)
   */
  confidence: number;
  objective: TestObjective;
  /** set when a manager ended the test keeping this site: it takes the cell's volume up to its cap */
  winnerSiteId?: string | null;
}

export const DEFAULT_TEST_AND_LEARN: TestAndLearnOptions = {
  minReached: 50,
  confidence: 0.95,
  objective: 'conversion',
};

/**
 * The arms a test cell compares. For sales per euro each arm's conversion is scaled by the reached
 * contacts it buys per euro; without a cost for every site, conversion is compared.
 */
export function armsOf(
  cell: readonly SiteAllocationInput[],
  objective: TestObjective,
): { arms: Arm[]; objective: TestObjective } {
  const perEuro =
    objective === 'sales_per_euro' && cell.every((site) => (site.spent ?? 0) > 0 && site.attempts > 0);
  return {
    objective: perEuro ? 'sales_per_euro' : 'conversion',
    arms: cell.map((site) => ({
      successes: site.sales,
      trials: site.attempts,
      scale: perEuro ? site.attempts / site.spent! : 1,
    })),
  };
}

/**
 * How far the split may follow the evidence (0: stay at the starting point, 1: follow P(best)).
 * The evidence is how far the most telling site's P(best) is from an even chance 1/n, as a
 * fraction of the way to certainty (for two sites: 2·P(best of the leader) − 1); the ramp starts at
 * the chosen confidence and is full at a fifth of its doubt.
 */
export function decisiveness(probabilityBest: readonly number[], confidence: number): number {
  const n = probabilityBest.length;
  if (n < 2) return 0;
  const even = 1 / n;
  const evidence = Math.max(
    ...probabilityBest.map((p) => (p >= even ? (p - even) / (1 - even) : (even - p) / even)),
  );
  const start = 2 * confidence - 1;
  const full = 2 * (1 - (1 - confidence) / 5) - 1;
  return Math.min(1, Math.max(0, (evidence - start) / (full - start)));
}

/**
 * Test-and-learn: the test cell starts evenly split (within floors and caps) and stays there until
 * every site of the cell has `minReached` reached contacts; then the split moves from even towards
 * the P(best) split (each site in proportion to the probability that it is best, from Beta
 * posteriors) only as far as the evidence is decisive: not at all while the leader is best with
 * less than `confidence`, fully from 1 − (1 − confidence) / 5. Sites outside the cell keep their
 * floor. Pure and deterministic: P(best) comes from quadrature, not sampling.
 */
export function testAndLearn(
  sites: readonly SiteAllocationInput[],
  options: TestAndLearnOptions = DEFAULT_TEST_AND_LEARN,
): Shares {
  return testAndLearnSplit(sites, options).shares;
}

export interface TestAndLearnSplit {
  shares: Shares;
  /** P(best) of each site of the cell, once every one has the minimum evidence */
  probabilityBest: Map<string, number>;
  /** how far the split follows P(best) (0..1), see decisiveness */
  follow: number;
}

/** testAndLearn, with the figures behind the split. */
export function testAndLearnSplit(
  sites: readonly SiteAllocationInput[],
  options: TestAndLearnOptions = DEFAULT_TEST_AND_LEARN,
): TestAndLearnSplit {
  const cell = sites.filter((site) => site.testCell);
  if (!cell.length) return { shares: proportionalToCapacity(sites), probabilityBest: new Map(), follow: 0 };
  const outside = sites.filter((site) => !site.testCell);
  const shares: Shares = new Map(outside.map((site) => [site.siteId, Math.min(site.floor, site.cap)]));
  const cellTotal = Math.max(0, 1 - [...shares.values()].reduce((sum, share) => sum + share, 0));
  const even = fitWithinBounds(cell, new Map(), cellTotal);
  let follow = 0;
  let target = even;
  const probabilityBest = new Map<string, number>();
  const winner = cell.find((site) => site.siteId === options.winnerSiteId);
  if (winner) {
    const kept = fillInOrder([winner, ...cell.filter((site) => site !== winner)], cellTotal);
    for (const [siteId, share] of kept) shares.set(siteId, share);
    return { shares, probabilityBest, follow: 1 };
  }
  if (cell.length > 1 && cell.every((site) => site.attempts >= options.minReached)) {
    const comparison = compareArms(armsOf(cell, options.objective).arms);
    cell.forEach((site, i) => probabilityBest.set(site.siteId, comparison.probabilityBest[i]));
    follow = decisiveness(comparison.probabilityBest, options.confidence);
    target = fitWithinBounds(cell, probabilityBest, cellTotal);
  }
  for (const site of cell) {
    const start = even.get(site.siteId)!;
    shares.set(site.siteId, start + follow * (target.get(site.siteId)! - start));
  }
  return { shares, probabilityBest, follow };
}

export function allocate(
  strategy: AllocationStrategy,
  sites: readonly SiteAllocationInput[],
  options: TestAndLearnOptions = DEFAULT_TEST_AND_LEARN,
): Shares {
  if (!sites.length) return new Map();
  switch (strategy) {
    case 'proportional_capacity':
      return proportionalToCapacity(sites);
    case 'cheapest_first':
      return cheapestFirst(sites);
    case 'best_conversion':
      return bestConversionFirst(sites);
    case 'test_and_learn':
      return testAndLearn(sites, options);
  }
}

/** A small seeded generator (mulberry32) for reproducible simulations. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
