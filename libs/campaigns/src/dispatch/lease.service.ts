import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { LawfulBasis, LeasedContact, LeaseView } from '#contracts';
import { Clock, scopeAllowsSite, type SiteScope } from '#core';
import { SiteDirectory } from '#network';
import { CampaignsOptions } from '../campaigns.options.js';
import { CampaignsService } from '../campaigns/campaigns.service.js';
import { callerNumberCalendars, isArcepCallerNumber } from '../compliance/caller-number.js';
import { consumerMayCallSql, SqlParameters } from '../compliance/calling-rules.js';
import { CampaignsError } from '../domain/campaigns.error.js';
import { LeaseBatchDto } from './dispatch.dto.js';
import { LeaseWhy } from './lease-why.js';

interface EligibleCampaign {
  id: string;
  status: string;
  caller_number: string;
  ends_at: Date | null;
}

interface LeasedRow {
  id: string;
  campaign_id: string;
  phone: string;
  first_name: string | null;
  last_name: string | null;
  lawful_basis: LawfulBasis;
  time_zone: string;
  call_before: Date;
}

/**
 * Leases contacts to a site's dialer: only running campaigns the site works, within the site's
 * share of each campaign, and only consumers who may lawfully be called at this moment (their
 * own calendar's calling hours, no weekend or public holiday of their territory, fewer than 4 attempts in 30 days across
 * all partners, no refusal in 60 days, not on the opposition list). One set-based statement per
 * campaign takes contacts off the campaign's queue, holds their consumers and records the lease's
 * items, with FOR UPDATE SKIP LOCKED: two sites leasing at once never get the same contact, nor
 * the same consumer through two campaigns. The contact rows themselves are only read.
 */
@Injectable()
export class LeaseService {
  constructor(
    private readonly dataSource: DataSource,
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
    const contacts = await this.dataSource.transaction(async (manager) => {
      const leased: LeasedContact[] = [];
      for (const campaign of campaigns) {
        if (leased.length >= size) break;
        const rows = await this.leaseFromCampaign(manager, {
          campaignId: campaign.id,
          calendars: callerNumberCalendars(campaign.caller_number),
          siteId,
          leaseId,
          now,
          expiresAt,
          wanted: size - leased.length,
        });
        leased.push(...rows.map((row) => toLeasedContact(row, campaign.caller_number)));
      }
      // the lease never outlives the calling window of the consumers it holds
      const closesAt = new Date(Math.min(...leased.map((contact) => Date.parse(contact.callBefore))));
      if (leased.length)
        await manager.query(
          `INSERT INTO contact_lease (id, site_id, leased_by, leased_at, expires_at, size, status)
           VALUES ($1, $2, $3, $4, $5, $6, 'open')`,
          [leaseId, siteId, leasedBy, now, closesAt, leased.length],
        );
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
  ): Promise<EligibleCampaign[]> {
    const rows: EligibleCampaign[] = await this.dataSource.query(
      `SELECT c.id, c.status, c.caller_number, c.ends_at FROM campaign c
         JOIN campaign_site cs ON cs.campaign_id = c.id AND cs.site_id = $1
        WHERE ($2::uuid IS NULL OR c.id = $2) AND ($2::uuid IS NOT NULL OR c.status = 'running')
        ORDER BY cs.share DESC, c.created_at`,
      [siteId, campaignId ?? null],
    );
    if (campaignId) {
      const [campaign] = rows;
      if (!campaign) {
        const [exists] = await this.dataSource.query(`SELECT status FROM campaign WHERE id = $1`, [
          campaignId,
        ]);
        if (!exists) throw CampaignsError.campaignNotFound(campaignId);
        throw CampaignsError.siteNotEligible(campaignId, siteId);
      }
      if (campaign.status !== 'running' || (campaign.ends_at && campaign.ends_at <= now))
        throw CampaignsError.notRunning(campaignId, campaign.status as never);
    }
    // the caller number is checked again at lease time: a number outside the ARCEP ranges never dials
    return rows.filter(
      (row) => isArcepCallerNumber(row.caller_number) && (!row.ends_at || row.ends_at > now),
    );
  }

  private async leaseFromCampaign(
    manager: EntityManager,
    lease: {
      campaignId: string;
      /** the consumers' calendars the campaign's caller number may call */
      calendars: string[];
      siteId: string;
      leaseId: string;
      now: Date;
      expiresAt: Date;
      wanted: number;
    },
  ): Promise<LeasedRow[]> {
    const [quota] = await manager.query(
      `SELECT cs.share, cs.assigned, c.contact_count FROM campaign_site cs JOIN campaign c ON c.id = cs.campaign_id
        WHERE cs.campaign_id = $1 AND cs.site_id = $2 FOR UPDATE OF cs`,
      [lease.campaignId, lease.siteId],
    );
    const allowed = Math.ceil(Number(quota.share) * quota.contact_count - 1e-9) - quota.assigned;
    const limit = Math.min(lease.wanted, allowed);
    if (limit <= 0) return [];
    const params = new SqlParameters();
    const campaign = params.add(lease.campaignId);
    const rules = consumerMayCallSql(lease.now, params, 'p');
    const rows: LeasedRow[] = await manager.query(
      `WITH picked AS (
         SELECT q.contact_id, q.phone, least(${params.add(lease.expiresAt)}::timestamptz, ${rules.callBefore}) AS call_before
           FROM contact_queue q JOIN consumer p ON p.phone = q.phone
          WHERE q.campaign_id = ${campaign}
            AND p.calendar = ANY(${params.add(lease.calendars)}::text[])
            AND (p.leased_until IS NULL OR p.leased_until <= ${params.add(lease.now)})
            AND ${rules.lawful}
          ORDER BY q.contact_id
          LIMIT ${params.add(limit)}
          FOR UPDATE OF q, p SKIP LOCKED),
       dequeued AS (
         DELETE FROM contact_queue q USING picked WHERE q.campaign_id = ${campaign} AND q.contact_id = picked.contact_id),
       held AS (
         UPDATE consumer p SET leased_until = picked.call_before, lease_id = ${params.add(lease.leaseId)}
           FROM picked WHERE p.phone = picked.phone
         RETURNING picked.contact_id, picked.call_before, p.time_zone),
       taken AS (
         INSERT INTO contact_lease_item (lease_id, contact_id, campaign_id, phone)
         SELECT ${params.add(lease.leaseId)}, picked.contact_id, ${campaign}, picked.phone FROM picked)
       SELECT c.id, c.campaign_id, c.phone, c.first_name, c.last_name, c.lawful_basis, held.time_zone, held.call_before
         FROM held JOIN contact c ON c.id = held.contact_id
        ORDER BY c.id`,
      params.values,
    );
    if (rows.length)
      await manager.query(
        `UPDATE campaign_site SET assigned = assigned + $3 WHERE campaign_id = $1 AND site_id = $2`,
        [lease.campaignId, lease.siteId, rows.length],
      );
    return rows;
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
