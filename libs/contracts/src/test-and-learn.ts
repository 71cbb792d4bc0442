import type { Currency } from './billing.js';
import type { TestObjective } from './campaigns.js';

/**
 * Where a site's cost in the test comes from: `billing` (the partner contract's expected amount over
 * the window, in euros at the month's exchange rate) or `estimate` (staffed hours x the campaign
 * site's cost per hour), used only when billing cannot price every site of the test, and said so.
 */
export const COST_SOURCES = ['billing', 'estimate'] as const;
export type CostSource = (typeof COST_SOURCES)[number];

/**
 * collecting: a site has fewer reached contacts than the minimum; undecided: no site is better at
 * the chosen confidence yet; decided: one is; equivalent: the sites perform alike (choosing the
 * leader risks less than 5% of its value); ended: a manager ended the test and kept a winner.
 */
export const VERDICT_STATUSES = ['collecting', 'undecided', 'decided', 'equivalent', 'ended'] as const;
export type VerdictStatus = (typeof VERDICT_STATUSES)[number];

export interface SiteVerdictView {
  siteId: string;
  siteName: string;
  partnerId: string;
  testCell: boolean;
  /** current share of the campaign's volume */
  share: number;
  reached: number;
  sales: number;
  /** sales / reached, null before any reached contact */
  conversion: number | null;
  /** 95% credible interval of the conversion */
  conversionLow: number;
  conversionHigh: number;
  /** P(this site is the best of the test cell); null for a partner caller (it compares partners) */
  probabilityBest: number | null;
  /** expected loss of choosing this site, in the objective's unit; null for a partner caller */
  expectedLoss: number | null;
  /** staffed hours of the site's seats while it worked the campaign (seat-state history) */
  hours: number | null;
  costPerHour: number | null;
  /** euros the site cost while working the campaign, from costSource; null when unknown */
  cost: number | null;
  /** null when there is no cost (no attempt yet, or neither billing nor the estimate can price it) */
  costSource: CostSource | null;
  /** why the cost is an estimate or unknown (e.g. no MAD→EUR exchange rate for a month); null otherwise */
  costNote: string | null;
  /** billing's cost in the contract's currency, before conversion (null when billing could not price it) */
  contractCost: number | null;
  contractCurrency: Currency | null;
  costPerReached: number | null;
  costPerSale: number | null;
  salesPerEuro: number | null;
}

export interface CampaignVerdictView {
  campaignId: string;
  /** what the sites are compared on (sales per euro falls back to conversion without costs) */
  objective: TestObjective;
  confidence: number;
  minReached: number;
  /** null for a partner caller */
  status: VerdictStatus | null;
  leaderSiteId: string | null;
  /** reached contacts each site still needs for a decision at the chosen confidence */
  neededPerSite: number | null;
  /** e.g. "Sittel Casablanca converts better than Webhelp Rabat with 97% probability." */
  sentence: string | null;
  sites: SiteVerdictView[];
  at: string;
}

export interface ShareHistoryView {
  campaignId: string;
  points: Array<{
    at: string;
    siteId: string;
    share: number;
    probabilityBest: number | null;
    reached: number;
    sales: number;
  }>;
}
