import { type Abstract, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { CampaignSiteCost, CostSource, Currency } from '#contracts';
import type { AllocationSiteRow } from './allocation.store.js';
import { CampaignCostReader } from './campaign-cost.port.js';
import { SeatHoursReader } from './seat-hours.port.js';

export interface HoursWindow {
  siteId: string;
  from: Date;
  to: Date;
}

/** What a site of a test cost while working the campaign, and where the figure comes from. */
export interface SiteCost {
  /** staffed hours of the site's seats in the window (seat-state history) */
  hours: number | null;
  /** euros, from costSource */
  cost: number | null;
  costSource: CostSource | null;
  costNote: string | null;
  contractCost: number | null;
  contractCurrency: Currency | null;
}

const NO_COST: SiteCost = {
  hours: null,
  cost: null,
  costSource: null,
  costNote: null,
  contractCost: null,
  contractCurrency: null,
};

/**
 * Hours and costs of a campaign's sites, each over the window it worked the campaign (its first
 * attempt's minute to the minute after its last). The cost is billing's (the partner contract, in
 * euros at the month's exchange rate) through the CampaignCostReader port; staffed hours come from
 * the seat-state history through the SeatHoursReader port. Both contexts are optional here (the
 * campaigns module also runs without them): without history hours are unknown (null), never zero.
 */
@Injectable()
export class SiteHours {
  private readonly ports = new Map<Abstract<unknown>, unknown>();

  constructor(private readonly modules: ModuleRef) {}

  async staffedHours(windows: readonly HoursWindow[]): Promise<Map<string, number | null>> {
    const history = this.port(SeatHoursReader);
    const hours = new Map<string, number | null>();
    for (const window of windows)
      hours.set(
        window.siteId,
        history ? await history.staffedHours(window.siteId, window.from, window.to) : null,
      );
    return hours;
  }

  /**
   * Each site's cost in euros. Billing's when it prices every site that has made calls; otherwise
   * every site gets the estimate (staffed hours x the campaign site's cost per hour), so sites are
   * always compared on one footing, with costSource `estimate` and a note saying why: a cost is
   * never silently swapped for another.
   */
  async costsOf(campaignId: string, rows: readonly AllocationSiteRow[]): Promise<Map<string, SiteCost>> {
    const windows = rows
      .filter((row) => row.firstAttemptAt && row.lastAttemptAt)
      .map((row) => ({
        siteId: row.siteId,
        from: new Date(Math.floor(row.firstAttemptAt!.getTime() / 60_000) * 60_000),
        to: new Date(Math.floor(row.lastAttemptAt!.getTime() / 60_000) * 60_000 + 60_000),
      }));
    const hours = await this.staffedHours(windows);
    const billing = this.port(CampaignCostReader);
    const billed = new Map<string, CampaignSiteCost | null>();
    for (const window of windows)
      billed.set(window.siteId, billing ? await billing.costOf({ campaignId, ...window }) : null);
    const unpriced = [...billed.values()].filter((cost) => cost?.eur === null || !cost);
    const fromBilling = !unpriced.length;
    return new Map(
      rows.map((row): [string, SiteCost] => {
        if (!billed.has(row.siteId)) return [row.siteId, NO_COST];
        const bill = billed.get(row.siteId)!;
        const worked = hours.get(row.siteId) ?? null;
        const contract = {
          contractCost: bill?.amount ?? null,
          contractCurrency: bill?.amount === null ? null : (bill?.currency ?? null),
        };
        if (fromBilling)
          return [
            row.siteId,
            { hours: worked, cost: bill!.eur, costSource: 'billing', costNote: null, ...contract },
          ];
        const estimate = worked !== null && row.costPerHour !== null ? worked * row.costPerHour : null;
        const why = !bill
          ? 'billing is not running in this process'
          : bill.eur === null
            ? `billing cannot price it: ${bill.problem}`
            : 'billing cannot price another site of the test, so every site is compared on estimates';
        return [
          row.siteId,
          {
            hours: worked,
            cost: estimate,
            costSource: estimate === null ? null : 'estimate',
            costNote:
              estimate === null
                ? `${why}; no estimate either (${worked === null ? 'no staffed hours' : 'no cost per hour'})`
                : `estimated from staffed hours x cost per hour: ${why}`,
            ...contract,
          },
        ];
      }),
    );
  }

  /** A port some other context provides in the running app, or null where that context is not loaded. */
  private port<T>(token: Abstract<T>): T | null {
    if (!this.ports.has(token)) {
      let found: T | null;
      try {
        found = this.modules.get(token, { strict: false });
      } catch {
        found = null;
      }
      this.ports.set(token, found);
    }
    return this.ports.get(token) as T | null;
  }
}
