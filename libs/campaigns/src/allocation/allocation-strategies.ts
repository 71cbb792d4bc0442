import type { AllocationStrategy } from '#contracts';

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
  attempts: number;
  sales: number;
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

/**
 * Test-and-learn: the test cell's volume goes to each site in proportion to the probability
 * that it converts best, estimated by Thompson sampling from Beta(1 + sales, 1 + attempts - sales)
 * posteriors; floors and caps bound it. Sites outside the cell keep their floor.
 */
export function testAndLearn(
  sites: readonly SiteAllocationInput[],
  random: Random = Math.random,
  draws = 2000,
): Shares {
  const cell = sites.filter((site) => site.testCell);
  if (!cell.length) return proportionalToCapacity(sites);
  const outside = sites.filter((site) => !site.testCell);
  const shares: Shares = new Map(outside.map((site) => [site.siteId, Math.min(site.floor, site.cap)]));
  const cellTotal = Math.max(0, 1 - [...shares.values()].reduce((sum, share) => sum + share, 0));
  const wins = new Map(cell.map((site) => [site.siteId, 0]));
  for (let draw = 0; draw < draws; draw++) {
    let best = cell[0].siteId;
    let bestValue = -1;
    for (const site of cell) {
      const value = sampleBeta(1 + site.sales, 1 + Math.max(0, site.attempts - site.sales), random);
      if (value > bestValue) [best, bestValue] = [site.siteId, value];
    }
    wins.set(best, wins.get(best)! + 1);
  }
  for (const [siteId, share] of fitWithinBounds(cell, wins, cellTotal)) shares.set(siteId, share);
  return shares;
}

export function allocate(
  strategy: AllocationStrategy,
  sites: readonly SiteAllocationInput[],
  random: Random = Math.random,
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
      return testAndLearn(sites, random);
  }
}

/** Beta(a, b) from two Gamma draws. */
export function sampleBeta(a: number, b: number, random: Random): number {
  const x = sampleGamma(a, random);
  const y = sampleGamma(b, random);
  return x / (x + y);
}

/** Marsaglia–Tsang Gamma(shape, 1), shape >= 1 (boosted below 1). */
function sampleGamma(shape: number, random: Random): number {
  if (shape < 1) return sampleGamma(shape + 1, random) * Math.pow(random(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = random();
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

function sampleNormal(random: Random): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** A small seeded generator (mulberry32) for reproducible allocations in tests. */
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
