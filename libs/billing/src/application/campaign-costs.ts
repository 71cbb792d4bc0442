import { Injectable } from '@nestjs/common';
import type { CampaignSiteCost } from '#contracts';
import { CampaignCostReader, type CampaignSiteWindow, OutcomeFigures } from '#campaigns';
import { UNRESTRICTED } from '#core';
import { OccupancyRollup } from '#live';
import { windowAmounts } from '../domain/cost.js';
import { inEuros } from '../domain/exchange.js';
import { BillingSites } from './billing-sites.js';
import { ContractsService } from './contracts.service.js';
import { ExchangeRatesService } from './exchange-rates.service.js';

const cents = (value: number) => Math.round(value * 100) / 100;

/**
 * Campaigns' CampaignCostReader port: what a campaign's calls at a site cost by the partner's
 * contract over a window, as the billing check prices it (the site's expected amount shared among
 * the campaigns it called for by their attempts), in euros at each month's exchange rate.
 */
@Injectable()
export class CampaignCosts implements CampaignCostReader {
  constructor(
    private readonly sites: BillingSites,
    private readonly contracts: ContractsService,
    private readonly rates: ExchangeRatesService,
    private readonly history: OccupancyRollup,
    private readonly outcomes: OutcomeFigures,
  ) {}

  async costOf(window: CampaignSiteWindow): Promise<CampaignSiteCost> {
    const site = await this.sites.site(UNRESTRICTED, window.siteId);
    const [contracts, samples, outcomes] = await Promise.all([
      this.contracts.ofPartner(site.partnerId),
      this.history.seatMinutesByInterval([site.id], window.from, window.to),
      this.outcomes.bySiteAndCampaign([site.id], window.from, window.to),
    ]);
    const { amounts, problem } = windowAmounts({
      siteId: site.id,
      zone: site.timeZone,
      from: window.from.getTime(),
      to: window.to.getTime(),
      samples,
      contracts,
    });
    if (problem) return { eur: null, amount: null, currency: null, problem };
    const attempts = outcomes.reduce((sum, outcome) => sum + outcome.attempts, 0);
    const own = outcomes.find((outcome) => outcome.campaignId === window.campaignId)?.attempts ?? 0;
    const share = attempts ? own / attempts : 1;
    const shared = amounts.map((amount) => ({ ...amount, amount: amount.amount * share }));
    const currencies = [...new Set(shared.map((amount) => amount.currency))];
    const { eur, missing } = inEuros(
      shared,
      await this.rates.current([...new Set(shared.map((amount) => amount.month))]),
    );
    return {
      eur,
      amount: currencies.length === 1 ? cents(shared.reduce((sum, amount) => sum + amount.amount, 0)) : null,
      currency: currencies.length === 1 ? currencies[0] : null,
      problem: missing.length
        ? `no exchange rate ${missing.join(', ')} (a manager enters it under Billing)`
        : null,
    };
  }
}
