import { Injectable } from '@nestjs/common';
import type { TransparencyRow } from '#contracts';
import { type Page, pageOf, PageQuery, type SiteScope } from '#core';
import { SiteDirectory } from '#network';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { siteNames } from '../campaigns/site-names.js';
import { PhoneNormaliser } from '../contacts/phone-number.js';
import { CampaignsError } from '../domain/campaigns.error.js';
import { type AttemptFilter, ProgressStore } from './progress.store.js';

export interface TransparencyReport extends Page<TransparencyRow> {
  /** attempts by the country of the calling site */
  byCountry: Record<string, number>;
}

/**
 * Where each customer was called from: every attempt with the site, its partner and its country,
 * for one campaign or for one consumer across all campaigns.
 */
@Injectable()
export class TransparencyService {
  private readonly phones = new PhoneNormaliser();

  constructor(
    private readonly store: ProgressStore,
    private readonly campaigns: CampaignsService,
    private readonly directory: SiteDirectory,
  ) {}

  /** A caller limited to some sites sees the campaign only if one of them works it, and their calls only. */
  async forCampaign(scope: SiteScope, campaignId: string, query: PageQuery): Promise<TransparencyReport> {
    const { sites } = await this.campaigns.get(scope, campaignId);
    const limited = scope.partnerId || scope.siteIds;
    return this.report(
      { campaignId, siteIds: limited ? sites.map((site) => site.siteId) : undefined },
      query,
    );
  }

  async forConsumer(rawPhone: string, query: PageQuery): Promise<TransparencyReport> {
    const phone = this.phones.normalise(rawPhone);
    if (typeof phone === 'string') throw CampaignsError.invalidPhones([0]);
    return this.report({ phone: phone.e164 }, query);
  }

  private async report(filter: AttemptFilter, query: PageQuery): Promise<TransparencyReport> {
    const { rows, byCountry } = await this.store.attempts(filter, query);
    const sites = await siteNames(this.directory);
    const total = Object.values(byCountry).reduce((sum, attempts) => sum + attempts, 0);
    return {
      ...pageOf(
        rows.map((row) => ({
          contactId: row.contactId,
          phone: row.phone,
          attemptedAt: row.attemptedAt.toISOString(),
          outcome: row.outcome,
          siteId: row.siteId,
          ...sites.of(row.siteId),
          country: row.country,
        })),
        total,
        query,
      ),
      byCountry,
    };
  }
}
