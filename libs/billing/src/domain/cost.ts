import type { BillingCheckSite, CampaignCost, Currency, PartnerCost } from '#contracts';

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
