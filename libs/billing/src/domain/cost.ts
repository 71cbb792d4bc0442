import { DateTime } from 'luxon';
import type { BillingCheckSite, CampaignCost, Currency, PartnerCost } from '#contracts';
import { type Contract, contractFor } from './contract.js';
import { billableSeatMinutes, expectedAmountOfDay, type IntervalSample } from './delivered.js';
import type { MonthAmount } from './exchange.js';

const cents = (value: number) => Math.round(value * 100) / 100;

/** Cost of one outcome: the cost over how many there were; null when either is unknown or none. */
export function perOutcome(cost: number | null, count: number): number | null {
  return cost === null || count <= 0 ? null : cents(cost / count);
}

/**
 * A site's expected amount shared among the campaigns it called for, by their attempts (every
 * attempt holds an agent for about the same time), with the cost per reached contact and per sale.
 */
export function campaignCosts(
  expectedAmount: number | null,
  outcomes: Array<Omit<CampaignCost, 'cost' | 'costPerReached' | 'costPerSale'>>,
): CampaignCost[] {
  const attempts = outcomes.reduce((sum, outcome) => sum + outcome.attempts, 0);
  return outcomes.map((outcome) => {
    const cost =
      expectedAmount === null || !attempts ? null : cents((expectedAmount * outcome.attempts) / attempts);
    return {
      ...outcome,
      cost,
      costPerReached: perOutcome(cost, outcome.reached),
      costPerSale: perOutcome(cost, outcome.sales),
    };
  });
}

/** Per partner and currency: the sites' expected amounts, credits and outcomes, campaigns merged across sites. */
export function partnerCosts(sites: BillingCheckSite[]): PartnerCost[] {
  const partners = new Map<string, PartnerCost>();
  for (const site of sites) {
    if (site.currency === null || site.expectedAmount === null) continue;
    const key = `${site.partnerId}:${site.currency}`;
    const partner: PartnerCost = partners.get(key) ?? {
      partnerId: site.partnerId,
      currency: site.currency as Currency,
      expectedAmount: 0,
      credits: 0,
      attempts: 0,
      reached: 0,
      sales: 0,
      costPerReached: null,
      costPerSale: null,
      campaigns: [],
    };
    partner.expectedAmount = cents(partner.expectedAmount + site.expectedAmount);
    partner.credits = cents(partner.credits + site.credits);
    partner.attempts += site.attempts;
    partner.reached += site.reached;
    partner.sales += site.sales;
    for (const campaign of site.campaigns) {
      const known = partner.campaigns.find((c) => c.campaignId === campaign.campaignId);
      if (!known) partner.campaigns.push({ ...campaign });
      else {
        known.attempts += campaign.attempts;
        known.reached += campaign.reached;
        known.sales += campaign.sales;
        known.cost = known.cost === null || campaign.cost === null ? null : cents(known.cost + campaign.cost);
      }
    }
    partners.set(key, partner);
  }
  return [...partners.values()].map((partner) => ({
    ...partner,
    costPerReached: perOutcome(partner.expectedAmount, partner.reached),
    costPerSale: perOutcome(partner.expectedAmount, partner.sales),
    campaigns: partner.campaigns.map((campaign) => ({
      ...campaign,
      costPerReached: perOutcome(campaign.cost, campaign.reached),
      costPerSale: perOutcome(campaign.cost, campaign.sales),
    })),
  }));
}

/**
 * What a site's contract bills over a window [from, to) of instants, by currency and local month:
 * for each local day the window touches, billable hours x the day's rate (the samples' interval
 * starts falling in the window's part of the day), or for seats, the day's share of the month pro
 * rata of the part of the day in the window. A problem instead when a day has no contract or no rate.
 */
export function windowAmounts(input: {
  siteId: string;
  zone: string;
  from: number;
  to: number;
  samples: ReadonlyArray<IntervalSample & { start: number }>;
  contracts: Contract[];
}): { amounts: MonthAmount[]; problem: string | null } {
  const byMonth = new Map<string, MonthAmount>();
  for (
    let day = DateTime.fromMillis(input.from, { zone: input.zone }).startOf('day');
    day.toMillis() < input.to;
    day = day.plus({ days: 1 })
  ) {
    const date = day.toISODate()!;
    const dayFrom = day.toMillis();
    const dayTo = day.plus({ days: 1 }).toMillis();
    const contract = contractFor(input.contracts, input.siteId, date);
    if (!contract) return { amounts: [], problem: `no contract covers the site on ${date}` };
    const seatMinutes = input.samples
      .filter((sample) => sample.start >= dayFrom && sample.start < dayTo)
      .reduce((sum, sample) => sum + billableSeatMinutes(contract, sample), 0);
    const ofDay = expectedAmountOfDay(contract, date, seatMinutes / 60);
    if (ofDay === null)
      return { amounts: [], problem: `no rate of contract "${contract.name}" is in force on ${date}` };
    const part = Math.min(input.to, dayTo) - Math.max(input.from, dayFrom);
    const amount = contract.basis === 'seat_month' ? (ofDay * part) / (dayTo - dayFrom) : ofDay;
    const key = `${contract.currency}:${date.slice(0, 7)}`;
    const month = byMonth.get(key) ?? { month: date.slice(0, 7), currency: contract.currency, amount: 0 };
    month.amount += amount;
    byMonth.set(key, month);
  }
  return { amounts: [...byMonth.values()], problem: null };
}
