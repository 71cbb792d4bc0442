import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { LeasedContact, LeaseView } from '#contracts';
import { Clock, scopeAllowsSite, type SiteScope } from '#core';
import { SiteDirectory } from '#network';
import { CampaignsOptions } from '../campaigns.options.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { callerNumberCalendars, isArcepCallerNumber } from '../compliance/caller-number.js';
import { CampaignsError } from '../domain/campaigns.error.js';
import { LeaseBatchDto } from './dispatch.dto.js';
import { type DispatchCampaign, DispatchStore, type LeasedRow } from './dispatch.store.js';
import { LeaseWhy } from './lease-why.js';

/**
 * Leases contacts to a site's dialer: only running campaigns the site works, within the site's
 * share of each campaign, and only consumers who may lawfully be called at this moment (their
 * own calendar's calling hours, no weekend or public holiday of their territory, fewer than 4
 * attempts in 30 days across all partners, no refusal in 60 days, not on the opposition list) on
 * a lawful basis for that campaign (consent, or a current contract of an offer the campaign
 * relates to, still in force). One set-based statement per campaign (`DispatchStore.takeContacts`)
 * takes contacts off the campaign's queue, holds their consumers and records the lease's items.
 */
@Injectable()
export class LeaseService {
  constructor(
    private readonly store: DispatchStore,
    private readonly directory: SiteDirectory,
    private readonly clock: Clock,
    private readonly campaigns: CampaignsService,
    private readonly options: CampaignsOptions,
    private readonly why: LeaseWhy,
  ) {}

  async lease(
    scope: SiteScope,
    siteId: string,
    command: LeaseBatchDto,
    leasedBy: string,
  ): Promise<LeaseView> {
    const site = await this.directory.site(siteId);
    if (!site || !scopeAllowsSite(scope, site)) throw CampaignsError.siteNotFound(siteId);
    await this.campaigns.promoteDue();
    const now = this.clock.now();
    const campaigns = await this.eligibleCampaigns(siteId, command.campaignId, now);
    const empty = async (): Promise<LeaseView> => ({
      id: null,
      siteId,
      expiresAt: null,
      contacts: [],
      why: await this.why.explain(siteId, campaigns, now),
    });
    if (!campaigns.length) return empty();
    const size = Math.min(command.size ?? this.options.defaultBatchSize, this.options.maxBatchSize);
    const leaseId = randomUUID();
    const expiresAt = new Date(now.getTime() + (command.ttlSeconds ?? this.options.leaseTtlSeconds) * 1000);
    const contacts = await this.store.transaction(async (tx) => {
      const leased: LeasedContact[] = [];
      for (const campaign of campaigns) {
        if (leased.length >= size) break;
        const limit = Math.min(size - leased.length, await tx.lockShare(campaign.id, siteId));
        if (limit <= 0) continue;
        const rows = await tx.takeContacts({
          campaign,
          calendars: callerNumberCalendars(campaign.callerNumber),
          siteId,
          leaseId,
          now,
          expiresAt,
          limit,
        });
        leased.push(...rows.map((row) => toLeasedContact(row, campaign.callerNumber)));
      }
      // the lease never outlives the calling window of the consumers it holds
      const closesAt = new Date(Math.min(...leased.map((contact) => Date.parse(contact.callBefore))));
      if (leased.length)
        await tx.openLease({
          id: leaseId,
          siteId,
          leasedBy,
          leasedAt: now,
          expiresAt: closesAt,
          size: leased.length,
        });
      return { leased, closesAt };
    });
    if (!contacts.leased.length) return empty();
    return { id: leaseId, siteId, expiresAt: contacts.closesAt.toISOString(), contacts: contacts.leased };
  }

  /** Running campaigns the site works (or the one asked for, which must be running). */
  private async eligibleCampaigns(
    siteId: string,
    campaignId: string | undefined,
    now: Date,
  ): Promise<DispatchCampaign[]> {
    const rows = await this.store.siteCampaigns(siteId, campaignId ?? null);
    if (campaignId) {
      const [campaign] = rows;
      if (!campaign) {
        if (!(await this.store.campaignExists(campaignId))) throw CampaignsError.campaignNotFound(campaignId);
        throw CampaignsError.siteNotEligible(campaignId, siteId);
      }
      if (campaign.status !== 'running' || (campaign.endsAt && campaign.endsAt <= now))
        throw CampaignsError.notRunning(campaignId, campaign.status as never);
    }
    // the caller number is checked again at lease time: a number outside the ARCEP ranges never dials
    return rows.filter((row) => isArcepCallerNumber(row.callerNumber) && (!row.endsAt || row.endsAt > now));
  }
}

function toLeasedContact(row: LeasedRow, callerNumber: string): LeasedContact {
  return {
    contactId: row.id,
    campaignId: row.campaign_id,
    phone: row.phone,
    firstName: row.first_name,
    lastName: row.last_name,
    timeZone: row.time_zone,
    lawfulBasis: row.lawful_basis,
    callBefore: new Date(row.call_before).toISOString(),
    callerNumber,
  };
}
