import type { TestObjective, VerdictStatus } from '#contracts';
import { compareArms, credibleInterval } from './posteriors.js';

/** One site of the test as the verdict sees it. */
export interface VerdictSiteInput {
  siteId: string;
  siteName: string;
  reached: number;
  sales: number;
  /** euros spent at the site on the campaign (billing's cost, or the estimate: hours × cost per hour), when known */
  spent: number | null;
}

export interface VerdictSettings {
  confidence: number;
  minReached: number;
  objective: TestObjective;
}

export interface SiteVerdict {
  siteId: string;
  /** sales / reached (null before any reached contact) */
  conversion: number | null;
  /** 95% credible interval of the conversion (Beta(1 + sales, 1 + reached − sales)) */
  conversionLow: number;
  conversionHigh: number;
  probabilityBest: number;
  /** what choosing this site is expected to forgo, in the objective's unit */
  expectedLoss: number;
}

export interface Verdict {
  status: VerdictStatus;
  /** what the sites were compared on (sales per euro falls back to conversion without costs) */
  objective: TestObjective;
  leaderSiteId: string | null;
  /** reached contacts each site still needs before a decision at the chosen confidence */
  neededPerSite: number | null;
  sentence: string;
  sites: SiteVerdict[];
}

/**
 * Below this expected loss (a share of the leader's value: 5%) the difference is not worth acting
 * on: the sites are called alike once choosing the leader risks less than that.
 */
export const CARING_SHARE = 0.05;
const MAX_NEEDED = 1_000_000;

const percent = (p: number) => `${Math.min(99, Math.floor(p * 100))}%`;
/** "about 340": two significant figures */
const about = (n: number) => {
  if (n < 100) return String(Math.max(1, Math.ceil(n)));
  const magnitude = 10 ** (Math.floor(Math.log10(n)) - 1);
  return (Math.round(n / magnitude) * magnitude).toLocaleString('en-US');
};

interface Projection {
  decided: boolean;
  equivalent: boolean;
}

/**
 * The verdict of a test: conversion per site with its 95% credible interval, P(best), expected
 * loss, whether a site is better at the chosen confidence (or the sites alike), the reached
 * contacts per site still needed, and a sentence a manager can read.
 */
export function verdictOf(sites: readonly VerdictSiteInput[], settings: VerdictSettings): Verdict {
  const perEuro =
    settings.objective === 'sales_per_euro' &&
    sites.every((site) => (site.spent ?? 0) > 0 && site.reached > 0);
  const objective: TestObjective = perEuro ? 'sales_per_euro' : 'conversion';
  const scales = sites.map((site) => (perEuro ? site.reached / site.spent! : 1));
  const arms = sites.map((site, i) => ({ successes: site.sales, trials: site.reached, scale: scales[i] }));
  const comparison = compareArms(arms);
  const siteVerdicts: SiteVerdict[] = sites.map((site, i) => {
    const [low, high] = credibleInterval(site.sales, site.reached);
    return {
      siteId: site.siteId,
      conversion: site.reached ? site.sales / site.reached : null,
      conversionLow: low,
      conversionHigh: high,
      probabilityBest: comparison.probabilityBest[i],
      expectedLoss: comparison.expectedLoss[i],
    };
  });
  if (sites.length < 2)
    return {
      status: 'collecting',
      objective,
      leaderSiteId: sites[0]?.siteId ?? null,
      neededPerSite: null,
      sentence: 'Nothing to compare: the test needs at least two sites.',
      sites: siteVerdicts,
    };
  const lead = comparison.probabilityBest.indexOf(Math.max(...comparison.probabilityBest));
  const judge = (probabilityBest: number[], expectedLoss: number[], mean: number[]): Projection => {
    const leader = probabilityBest.indexOf(Math.max(...probabilityBest));
    return {
      decided: probabilityBest[leader] >= settings.confidence,
      equivalent: expectedLoss[leader] < CARING_SHARE * mean[leader],
    };
  };
  const now = judge(comparison.probabilityBest, comparison.expectedLoss, comparison.mean);
  const gap = Math.max(0, settings.minReached - Math.min(...sites.map((site) => site.reached)));
  const verb = objective === 'sales_per_euro' ? 'sells more per euro than' : 'converts better than';
  const leaderName = sites[lead].siteName;
  if (!gap && now.decided) {
    const others = sites.filter((_, i) => i !== lead);
    const whom = others.length === 1 ? others[0].siteName : `the ${others.length} other sites`;
    return {
      status: 'decided',
      objective,
      leaderSiteId: sites[lead].siteId,
      neededPerSite: 0,
      sentence: `${leaderName} ${verb} ${whom} with ${percent(comparison.probabilityBest[lead])} probability.`,
      sites: siteVerdicts,
    };
  }
  if (!gap && now.equivalent)
    return {
      status: 'equivalent',
      objective,
      leaderSiteId: null,
      neededPerSite: 0,
      sentence: `No difference worth acting on: the sites ${objective === 'sales_per_euro' ? 'sell per euro' : 'convert'} alike (choosing ${leaderName} risks less than ${Math.round(CARING_SHARE * 100)}% of its ${objective === 'sales_per_euro' ? 'sales per euro' : 'conversion'}).`,
      sites: siteVerdicts,
    };
  const needed = Math.max(gap, moreNeeded(sites, scales, judge));
  const count = needed >= MAX_NEEDED ? 'more than a million' : `about ${about(needed)}`;
  return {
    status: gap ? 'collecting' : 'undecided',
    objective,
    leaderSiteId: null,
    neededPerSite: needed >= MAX_NEEDED ? null : Math.ceil(needed),
    sentence: gap
      ? `Not enough evidence yet: ${count} more reached contacts per site needed (the split stays even until every site has ${settings.minReached}).`
      : `No difference yet: ${count} more reached contacts per site needed.`,
    sites: siteVerdicts,
  };
}

/**
 * Reached contacts per site after which, if every site went on converting at its posterior mean,
 * the test would be decided or the sites shown alike: the smallest such number, found by doubling
 * then bisection.
 */
function moreNeeded(
  sites: readonly VerdictSiteInput[],
  scales: number[],
  judge: (probabilityBest: number[], expectedLoss: number[], mean: number[]) => Projection,
): number {
  const rates = sites.map((site) => (site.sales + 1) / (site.reached + 2));
  const settled = (more: number) => {
    const projected = compareArms(
      sites.map((site, i) => ({
        successes: rates[i] * (site.reached + more),
        trials: site.reached + more,
        scale: scales[i],
      })),
    );
    const { decided, equivalent } = judge(projected.probabilityBest, projected.expectedLoss, projected.mean);
    return decided || equivalent;
  };
  if (settled(0)) return 0;
  let high = 16;
  while (high < MAX_NEEDED && !settled(high)) high *= 2;
  if (high >= MAX_NEEDED) return MAX_NEEDED;
  let low = high / 2;
  while (high - low > Math.max(1, low * 0.01)) {
    const middle = (low + high) / 2;
    if (settled(middle)) high = middle;
    else low = middle;
  }
  return high;
}
