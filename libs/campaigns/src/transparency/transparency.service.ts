import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CallOutcome, TransparencyRow } from '#contracts';
import { type Page, pageOf, PageQuery, type SiteScope } from '#core';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { PhoneNormaliser } from '../contacts/phone-number.js';
import { CampaignsError } from '../domain/campaigns.error.js';

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
    private readonly dataSource: DataSource,
    private readonly campaigns: CampaignsService,
  ) {}

  /** A caller limited to some sites sees the campaign only if one of them works it, and their calls only. */
  async forCampaign(scope: SiteScope, campaignId: string, query: PageQuery): Promise<TransparencyReport> {
    const { sites } = await this.campaigns.get(scope, campaignId);
    if (!scope.partnerId && !scope.siteIds) return this.report('a.campaign_id = $1', [campaignId], query);
    const siteIds = sites.map((site) => site.siteId);
    return this.report('a.campaign_id = $1 AND a.site_id = ANY($2)', [campaignId, siteIds], query);
  }

  async forConsumer(rawPhone: string, query: PageQuery): Promise<TransparencyReport> {
    const phone = this.phones.normalise(rawPhone);
    if (typeof phone === 'string') throw CampaignsError.invalidPhones([0]);
    return this.report('a.phone = $1', [phone.e164], query);
  }

  /** `where` names its values $1..$n, in `values`. */
  private async report(where: string, values: unknown[], query: PageQuery): Promise<TransparencyReport> {
    const page = values.length;
    const rows: Array<{
      contact_id: string;
      phone: string;
      attempted_at: Date;
      outcome: CallOutcome;
      site_id: string;
      site_name: string;
      partner_name: string;
      site_country: string;
    }> = await this.dataSource.query(
      `SELECT a.contact_id, a.phone, a.attempted_at, a.outcome, a.site_id, s.name AS site_name,
              p.name AS partner_name, a.site_country
         FROM contact_attempt a JOIN site s ON s.id = a.site_id JOIN partner p ON p.id = a.partner_id
        WHERE ${where} ORDER BY a.attempted_at DESC, a.id LIMIT $${page + 1} OFFSET $${page + 2}`,
      [...values, query.limit, query.offset],
    );
    const countries: Array<{ site_country: string; attempts: number }> = await this.dataSource.query(
      `SELECT a.site_country, count(*)::int AS attempts FROM contact_attempt a WHERE ${where} GROUP BY 1`,
      values,
    );
    const byCountry = Object.fromEntries(countries.map((row) => [row.site_country, row.attempts]));
    const total = countries.reduce((sum, row) => sum + row.attempts, 0);
    return {
      ...pageOf(
        rows.map((row) => ({
          contactId: row.contact_id,
          phone: row.phone,
          attemptedAt: row.attempted_at.toISOString(),
          outcome: row.outcome,
          siteId: row.site_id,
          siteName: row.site_name,
          partnerName: row.partner_name,
          country: row.site_country,
        })),
        total,
        query,
      ),
      byCountry,
    };
  }
}
