import { Injectable } from '@nestjs/common';
import type { CampaignAction, CampaignStatus } from '#contracts';
import { Clock, EventBus, type Page, pageOf, type SiteScope } from '#core';
import { AuditTrail } from '#identity';
import type { Actor } from '#identity/access';
import { type Site, SiteDirectory } from '#network';
import {
  ARCEP_ALL_CALLER_PREFIXES,
  callerNumberE164,
  isArcepCallerNumber,
} from '../compliance/caller-number.js';
import type { Campaign } from '../domain/campaign.entity.js';
import type { CampaignSite } from '../domain/campaign-site.entity.js';
import { SuppressionsService } from '../contacts/suppressions.service.js';
import { CampaignsError } from '../domain/campaigns.error.js';
import { allowedFrom, canApply, nextStatus } from './campaign-lifecycle.js';
import { CampaignQuery, CreateCampaignDto } from './campaigns.dto.js';
import { CampaignsStore } from './campaigns.store.js';

/** A go-ahead for a launch although the opposition list is stale: who gave it, for the audit trail. */
export interface StaleListConfirmation {
  by: Actor;
}

/** A campaign with the eligible sites the caller may see. */
export interface CampaignWithSites {
  campaign: Campaign;
  sites: Array<CampaignSite & { site?: Site }>;
}

@Injectable()
export class CampaignsService {
  constructor(
    private readonly store: CampaignsStore,
    private readonly directory: SiteDirectory,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly suppressions: SuppressionsService,
    private readonly audit: AuditTrail,
  ) {}

  async create(command: CreateCampaignDto, createdBy: string): Promise<CampaignWithSites> {
    if (!isArcepCallerNumber(command.callerNumber))
      throw CampaignsError.callerNumberNotArcep(ARCEP_ALL_CALLER_PREFIXES);
    const startsAt = command.startsAt ? new Date(command.startsAt) : null;
    const endsAt = command.endsAt ? new Date(command.endsAt) : null;
    if (startsAt && endsAt && endsAt <= startsAt)
      throw CampaignsError.invalidSchedule('endsAt must be after startsAt.');
    const ids = command.sites.map((site) => site.siteId);
    if (new Set(ids).size !== ids.length)
      throw CampaignsError.invalidAllocation('Each site may be listed once.', { field: 'sites' });
    for (const site of command.sites)
      if ((site.floor ?? 0) > (site.cap ?? 1))
        throw CampaignsError.invalidAllocation(`Site ${site.siteId}: floor exceeds cap.`, {
          field: 'sites',
          siteId: site.siteId,
        });
    const floors = command.sites.reduce((sum, site) => sum + (site.floor ?? 0), 0);
    if (floors > 1 + 1e-9)
      throw CampaignsError.invalidAllocation('The floors of the sites add up to more than 100%.', {
        field: 'sites',
      });
    if (command.allocationStrategy === 'test_and_learn' && !command.sites.some((site) => site.testCell))
      throw CampaignsError.invalidAllocation('test_and_learn needs at least one site with testCell: true.', {
        field: 'sites',
      });
    const sites = await this.directory.sitesByIds(ids);
    const unknown = ids.filter((id) => !sites.some((site) => site.id === id && site.status !== 'closed'));
    if (unknown.length) throw CampaignsError.unknownSites(unknown);
    const created = await this.store.create(
      {
        name: command.name,
        product: command.product,
        objective: command.objective ?? null,
        status: 'draft',
        startsAt,
        endsAt,
        targetVolume: command.targetVolume,
        callerNumber: callerNumberE164(command.callerNumber),
        contractOffers: command.contractOffers ?? [],
        allocationStrategy: command.allocationStrategy,
        contactCount: 0,
        createdBy,
        testMinReached: command.testMinReached ?? 50,
        testConfidence: command.testConfidence ?? 0.95,
        testObjective: command.testObjective ?? 'conversion',
      },
      command.sites.map((site) => ({
        siteId: site.siteId,
        costPerHour: site.costPerHour ?? null,
        floor: site.floor ?? 0,
        cap: site.cap ?? 1,
        testCell: site.testCell ?? false,
        share: 0,
        assigned: 0,
      })),
    );
    return {
      campaign: created.campaign,
      sites: created.sites.map((row) => Object.assign(row, { site: sites.find((s) => s.id === row.siteId) })),
    };
  }

  async list(scope: SiteScope, query: CampaignQuery): Promise<Page<CampaignWithSites>> {
    // a caller limited to some sites sees the campaigns one of them works
    const siteIds =
      scope.partnerId || scope.siteIds
        ? (await this.directory.find({ scope })).map((site) => site.id)
        : undefined;
    const [campaigns, total] = await this.store.page({ status: query.status, siteIds }, query);
    const items = await Promise.all(campaigns.map((campaign) => this.withSites(scope, campaign)));
    return pageOf(items, total, query);
  }

  /** The campaign if the caller may see it (partners: only campaigns one of their sites works). */
  async get(scope: SiteScope, id: string): Promise<CampaignWithSites> {
    const campaign = await this.store.byId(id);
    if (!campaign) throw CampaignsError.campaignNotFound(id);
    const found = await this.withSites(scope, campaign);
    if ((scope.partnerId || scope.siteIds) && !found.sites.length) throw CampaignsError.campaignNotFound(id);
    return found;
  }

  /**
   * Applies a lifecycle action; illegal transitions are refused with the statuses that allow it.
   * A launch while the opposition list is older than 30 days (or was never refreshed) is refused
   * unless someone confirms it, and the audit trail keeps who did, whoever calls (api, cli, jobs).
   */
  async apply(
    id: string,
    action: CampaignAction,
    confirmStaleOppositionList?: StaleListConfirmation,
  ): Promise<CampaignWithSites> {
    const list = action === 'launch' ? await this.suppressions.oppositionList() : null;
    if (list?.stale && !confirmStaleOppositionList)
      throw CampaignsError.oppositionListStale(list.lastRefreshAt, list.maxAgeDays);
    const now = this.clock.now();
    const { campaign, previous } = await this.store.update(id, (campaign) => {
      if (!campaign) throw CampaignsError.campaignNotFound(id);
      if (!canApply(action, campaign.status))
        throw CampaignsError.illegalTransition(action, campaign.status, allowedFrom(action));
      if (action === 'launch' && campaign.endsAt && campaign.endsAt <= now)
        throw CampaignsError.invalidSchedule('The campaign ended before it was launched: change endsAt.');
      const previous = campaign.status;
      campaign.status = nextStatus(action, campaign.startsAt, now);
      return { campaign, previous };
    });
    if (list?.stale && confirmStaleOppositionList)
      await this.audit.record({
        actor: confirmStaleOppositionList.by,
        action: 'confirm_stale_opposition_list',
        entity: 'campaign',
        entityId: id,
        status: 200,
      });
    this.publishStatus(campaign, previous);
    return this.withSites({}, campaign);
  }

  /** Scheduled campaigns whose start has come begin running; running ones past their end complete. */
  async promoteDue(): Promise<Campaign[]> {
    const now = this.clock.now();
    const changed: Array<{ campaign: Campaign; previous: CampaignStatus }> = [];
    for (const campaign of await this.store.due(now)) {
      const previous = campaign.status;
      const status: CampaignStatus = campaign.endsAt && campaign.endsAt <= now ? 'completed' : 'running';
      if (await this.store.moveStatus(campaign.id, previous, status)) {
        campaign.status = status;
        changed.push({ campaign, previous });
      }
    }
    changed.forEach(({ campaign, previous }) => this.publishStatus(campaign, previous));
    return changed.map(({ campaign }) => campaign);
  }

  private publishStatus(campaign: Campaign, previous: CampaignStatus): void {
    this.events.publish('campaign.status', {
      campaignId: campaign.id,
      name: campaign.name,
      status: campaign.status,
      previous,
      at: this.clock.now().toISOString(),
    });
  }

  private async withSites(scope: SiteScope, campaign: Campaign): Promise<CampaignWithSites> {
    const rows = await this.store.sitesOf(campaign.id);
    const sites = await this.directory.sitesByIds(rows.map((row) => row.siteId));
    const visible = rows
      .map((row) => Object.assign(row, { site: sites.find((site) => site.id === row.siteId) }))
      .filter(
        (row) =>
          row.site &&
          (!scope.partnerId || row.site.partnerId === scope.partnerId) &&
          (!scope.siteIds || scope.siteIds.includes(row.siteId)),
      );
    return { campaign, sites: visible };
  }
}
