import { Injectable } from '@nestjs/common';
import type { CampaignVerdictView, ShareHistoryView, SiteVerdictView } from '#contracts';
import { Clock, type SiteScope } from '#core';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { CampaignsError } from '../domain/campaigns.error.js';
import { AllocationService } from './allocation.service.js';
import { AllocationStore } from './allocation.store.js';
import { SiteHours } from './site-hours.js';
import { verdictOf } from './verdict.js';

const restricted = (scope: SiteScope) => Boolean(scope.partnerId || scope.siteIds);

/**
 * What a test has shown so far, per campaign: the sites of its test cell (all its sites when it has
 * none) compared on the campaign's objective, with their costs. A partner (or any caller limited to
 * some sites) sees its own sites' figures only, without the comparison (P(best), expected loss,
 * status, sentence), which would tell it about the other partners.
 */
@Injectable()
export class VerdictService {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly store: AllocationStore,
    private readonly allocation: AllocationService,
    private readonly hours: SiteHours,
    private readonly clock: Clock,
  ) {}

  async of(scope: SiteScope, campaignId: string): Promise<CampaignVerdictView> {
    const visible = await this.campaigns.get(scope, campaignId);
    const settings = await this.store.settings(campaignId);
    if (!settings) throw CampaignsError.campaignNotFound(campaignId);
    const rows = await this.allocation.sitesOf(campaignId);
    const cell = rows.some((row) => row.testCell) ? rows.filter((row) => row.testCell) : rows;
    const costs = await this.hours.costsOf(campaignId, cell);
    const verdict = verdictOf(
      cell.map((row) => ({
        siteId: row.siteId,
        siteName: row.siteName,
        reached: row.reached,
        sales: row.sales,
        spent: costs.get(row.siteId)!.cost,
      })),
      {
        confidence: settings.testConfidence,
        minReached: settings.testMinReached,
        objective: settings.testObjective,
      },
    );
    const hidden = restricted(scope);
    const shown = new Set(visible.sites.map((site) => site.siteId));
    const ended = settings.testEndedAt !== null;
    const winner = ended ? cell.find((row) => row.siteId === settings.testWinnerSiteId) : undefined;
    const sites: SiteVerdictView[] = cell
      .filter((row) => shown.has(row.siteId))
      .map((row) => {
        const site = verdict.sites.find((entry) => entry.siteId === row.siteId)!;
        const cost = costs.get(row.siteId)!;
        return {
          siteId: row.siteId,
          siteName: row.siteName,
          partnerId: row.partnerId,
          testCell: row.testCell,
          share: row.share,
          reached: row.reached,
          sales: row.sales,
          conversion: site.conversion,
          conversionLow: site.conversionLow,
          conversionHigh: site.conversionHigh,
          probabilityBest: hidden ? null : site.probabilityBest,
          expectedLoss: hidden ? null : site.expectedLoss,
          hours: cost.hours,
          costPerHour: row.costPerHour,
          cost: cost.cost,
          costSource: cost.costSource,
          costNote: cost.costNote,
          contractCost: cost.contractCost,
          contractCurrency: cost.contractCurrency,
          costPerReached: cost.cost !== null && row.reached ? cost.cost / row.reached : null,
          costPerSale: cost.cost !== null && row.sales ? cost.cost / row.sales : null,
          salesPerEuro: cost.cost ? row.sales / cost.cost : null,
        };
      });
    return {
      campaignId,
      objective: verdict.objective,
      confidence: settings.testConfidence,
      minReached: settings.testMinReached,
      status: hidden ? null : ended ? 'ended' : verdict.status,
      leaderSiteId: hidden ? null : ended ? (settings.testWinnerSiteId ?? null) : verdict.leaderSiteId,
      neededPerSite: hidden || ended ? null : verdict.neededPerSite,
      sentence: hidden
        ? null
        : ended
          ? `Test ended on ${settings.testEndedAt!.toISOString().slice(0, 10)}: ${winner?.siteName ?? 'the winner'} kept. ${verdict.sentence}`
          : verdict.sentence,
      sites,
      at: this.clock.now().toISOString(),
    };
  }

  /** The recorded splits of the campaign, for the sites the caller may see. */
  async history(scope: SiteScope, campaignId: string): Promise<ShareHistoryView> {
    const visible = await this.campaigns.get(scope, campaignId);
    const points = await this.store.history(
      campaignId,
      visible.sites.map((site) => site.siteId),
    );
    return {
      campaignId,
      points: points.map((point) => ({
        at: point.at.toISOString(),
        siteId: point.siteId,
        share: point.share,
        probabilityBest: restricted(scope) ? null : point.probabilityBest,
        reached: point.reached,
        sales: point.sales,
      })),
    };
  }
}
