import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CampaignStatus } from '#contracts';
import { isUniqueViolation } from '#db';
import { Campaign } from '../domain/campaign.entity.js';
import { CampaignSite } from '../domain/campaign-site.entity.js';
import { CampaignsError } from '../domain/campaigns.error.js';

/** Which campaigns a page lists: of one status, worked by one of these sites. */
export interface CampaignFilter {
  status?: CampaignStatus;
  siteIds?: readonly string[];
}

/** The campaign and campaign_site tables: campaigns, and the sites that work them on what terms. */
@Injectable()
export class CampaignsStore {
  constructor(private readonly dataSource: DataSource) {}

  /** A new campaign with its sites, together; a name already taken is refused. */
  async create(
    fields: Partial<Campaign>,
    sites: Array<Partial<CampaignSite>>,
  ): Promise<{ campaign: Campaign; sites: CampaignSite[] }> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = manager.create(Campaign, fields);
      try {
        await manager.save(campaign);
      } catch (error) {
        if (isUniqueViolation(error)) throw CampaignsError.nameTaken(campaign.name);
        throw error;
      }
      const rows = sites.map((site) => manager.create(CampaignSite, { ...site, campaignId: campaign.id }));
      await manager.save(rows);
      return { campaign, sites: rows };
    });
  }

  /** One page of the campaigns matching the filter, newest first, and how many match in all. */
  page(filter: CampaignFilter, page: { limit: number; offset: number }): Promise<[Campaign[], number]> {
    const builder = this.dataSource
      .getRepository(Campaign)
      .createQueryBuilder('c')
      .orderBy('c.createdAt', 'DESC')
      .take(page.limit)
      .skip(page.offset);
    if (filter.status) builder.andWhere('c.status = :status', { status: filter.status });
    if (filter.siteIds)
      builder.andWhere(
        'EXISTS (SELECT 1 FROM campaign_site cs WHERE cs.campaign_id = c.id AND cs.site_id = ANY(:sites::uuid[]))',
        { sites: [...filter.siteIds] },
      );
    return builder.getManyAndCount();
  }

  byId(id: string): Promise<Campaign | null> {
    return this.dataSource.getRepository(Campaign).findOneBy({ id });
  }

  /** The sites that work the campaign, with their terms. */
  sitesOf(campaignId: string): Promise<CampaignSite[]> {
    return this.dataSource.getRepository(CampaignSite).findBy({ campaignId });
  }

  /**
   * Changes a campaign under its row lock: `change` sees the campaign (null when there is none),
   * may refuse by throwing, and what it changed is saved in the same transaction.
   */
  async update<T>(id: string, change: (campaign: Campaign | null) => T): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const campaign = await manager.findOne(Campaign, {
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      const result = change(campaign);
      if (campaign) await manager.save(campaign);
      return result;
    });
  }

  /** Scheduled campaigns whose start has come, and running or paused ones past their end. */
  due(now: Date): Promise<Campaign[]> {
    return this.dataSource
      .getRepository(Campaign)
      .createQueryBuilder('c')
      .where(
        `(c.status = 'scheduled' AND c.startsAt <= :now) OR (c.status IN ('running', 'paused') AND c.endsAt <= :now)`,
        { now },
      )
      .getMany();
  }

  /** Moves a campaign on from `previous`; false when another process moved it first. */
  async moveStatus(id: string, previous: CampaignStatus, status: CampaignStatus): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(Campaign)
      .set({ status })
      .where('id = :id AND status = :previous', { id, previous })
      .execute();
    return Boolean(result.affected);
  }

  /** The ids of the campaigns a site works. */
  async campaignIdsOfSite(siteId: string): Promise<string[]> {
    const rows: Array<{ campaign_id: string }> = await this.dataSource.query(
      'SELECT campaign_id FROM campaign_site WHERE site_id = $1',
      [siteId],
    );
    return rows.map((row) => row.campaign_id);
  }

  /** The sites with a share of the campaign's contacts. */
  async sitesSharing(campaignId: string): Promise<string[]> {
    const rows: Array<{ site_id: string }> = await this.dataSource.query(
      'SELECT site_id FROM campaign_site WHERE campaign_id = $1 AND share > 0',
      [campaignId],
    );
    return rows.map((row) => row.site_id);
  }

  /** Running campaigns and the sites that work them. */
  async runningCampaignSites(): Promise<Array<{ campaignId: string; siteId: string }>> {
    const rows: Array<{ campaign_id: string; site_id: string }> = await this.dataSource.query(
      `SELECT cs.campaign_id, cs.site_id FROM campaign_site cs JOIN campaign c ON c.id = cs.campaign_id
        WHERE c.status = 'running'`,
    );
    return rows.map((row) => ({ campaignId: row.campaign_id, siteId: row.site_id }));
  }
}
