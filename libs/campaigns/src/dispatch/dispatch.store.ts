import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { CallOutcome, IncidentKind, LawfulBasis, LeaseEmptyReason } from '#contracts';
import {
  CALLING_RULES,
  consumerFreeAtSql,
  consumerMayCallSql,
  consumerRuleSql,
  lawfulBasisSql,
  SqlParameters,
} from '../compliance/calling-rules.js';
import { ContactLease } from '../domain/contact-lease.entity.js';

/** A campaign as dispatch sees it: what it may call with, and for which contracts. */
export interface DispatchCampaign {
  id: string;
  status: string;
  callerNumber: string;
  /** the contract offers its product relates to */
  contractOffers: string[];
  endsAt: Date | null;
}

/** A campaign's id and the contract offers it relates to: what the lawful basis' SQL needs of it. */
export type CampaignBasis = Pick<DispatchCampaign, 'id' | 'contractOffers'>;

export interface LeasedRow {
  id: string;
  campaign_id: string;
  phone: string;
  first_name: string | null;
  last_name: string | null;
  lawful_basis: LawfulBasis;
  time_zone: string;
  call_before: Date;
}

/** What one lease asks of one campaign's queue. */
export interface TakeContacts {
  campaign: DispatchCampaign;
  /** the consumers' calendars the campaign's caller number may call */
  calendars: string[];
  siteId: string;
  leaseId: string;
  now: Date;
  expiresAt: Date;
  limit: number;
}

export interface LeaseCount {
  status: 'open' | 'closed' | 'expired';
  size: number;
  reported: number;
}

export interface BatchContact {
  id: string;
  campaign_id: string;
  phone: string;
  calendar: string;
  /** a refusal reported by another dialer withdrew the contact from this lease */
  withdrawn_at: Date | null;
}

/** One attempt to record, as the outcome service decided it. */
export interface AttemptToRecord {
  contactId: string;
  campaignId: string;
  phone: string;
  outcome: CallOutcome;
  at: Date;
  outsideWindow: string | null;
  withdrawn: boolean;
  callerNumber: string | null;
  callerNumberLawful: boolean | null;
}

export interface AttemptSource {
  leaseId: string;
  siteId: string;
  partnerId: string;
  country: string;
  reportedAt: Date;
  late: boolean;
}

export interface IncidentToOpen {
  kind: IncidentKind;
  campaignId: string;
  attemptId: string;
  at: Date;
  rule: string | null;
}

export interface ReleasedAssignment {
  campaignId: string;
  siteId: string;
  contacts: number;
}

export interface QueueQuota {
  /** contacts the site may still take under its share */
  allowed: number;
  queued: number;
  suppressed: number;
}

/**
 * Dispatch's SQL: the queues a lease takes from (with the calling rules' and the lawful basis'
 * SQL fragments), the leases, the attempts and incidents an outcome records, the consumers it
 * updates, and the expiry of leases. Statements that must commit together run on a
 * `DispatchTransaction`; the services only say what happens in which order.
 */
@Injectable()
export class DispatchStore {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: DispatchTransaction) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new DispatchTransaction(manager)));
  }

  lease(id: string): Promise<ContactLease | null> {
    return this.dataSource.getRepository(ContactLease).findOneBy({ id });
  }

  /** Campaigns the site works: running ones, or the one asked for whatever its status. */
  async siteCampaigns(siteId: string, campaignId: string | null): Promise<DispatchCampaign[]> {
    const rows: Array<{
      id: string;
      status: string;
      caller_number: string;
      contract_offers: string[];
      ends_at: Date | null;
    }> = await this.dataSource.query(
      `SELECT c.id, c.status, c.caller_number, c.contract_offers, c.ends_at FROM campaign c
         JOIN campaign_site cs ON cs.campaign_id = c.id AND cs.site_id = $1
        WHERE ($2::uuid IS NULL OR c.id = $2) AND ($2::uuid IS NOT NULL OR c.status = 'running')
        ORDER BY cs.share DESC, c.created_at`,
      [siteId, campaignId],
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      callerNumber: row.caller_number,
      contractOffers: row.contract_offers,
      endsAt: row.ends_at,
    }));
  }

  async campaignExists(campaignId: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM campaign WHERE id = $1`, [campaignId]);
    return !!row;
  }

  /** The site's room under its share of the campaign, and the campaign's queued and suppressed contacts. */
  async quota(campaignId: string, siteId: string): Promise<QueueQuota | undefined> {
    const [quota]: QueueQuota[] = await this.dataSource.query(
      `SELECT ceil(cs.share * c.contact_count - 1e-9)::int - cs.assigned AS allowed,
              (SELECT count(*) FROM contact_queue q WHERE q.campaign_id = c.id)::int AS queued,
              (SELECT count(*) FROM contact t WHERE t.campaign_id = c.id AND t.status = 'suppressed')::int AS suppressed
         FROM campaign c JOIN campaign_site cs ON cs.campaign_id = c.id AND cs.site_id = $2
        WHERE c.id = $1`,
      [campaignId, siteId],
    );
    return quota;
  }

  /**
   * The campaign's queued contacts by the first thing keeping them from a lease now: their lawful
   * basis for this campaign, a calling rule, the caller number's zone, another lease holding their
   * consumer; null for those nothing keeps.
   */
  heldContacts(
    campaign: CampaignBasis,
    calendars: string[],
    now: Date,
  ): Promise<Array<{ reason: LeaseEmptyReason | null; contacts: number }>> {
    const params = new SqlParameters();
    const basis = lawfulBasisSql(now, params, campaign.contractOffers, 'q', 'p');
    const rules = consumerRuleSql(now, params, 'p');
    return this.dataSource.query(
      `SELECT coalesce(${basis.rule}, ${rules.rule},
                CASE WHEN NOT p.calendar = ANY(${params.add(calendars)}::text[]) THEN 'caller_number' END,
                CASE WHEN p.leased_until > ${params.add(now)} THEN 'held_by_another_lease' END) AS reason,
              count(*)::int AS contacts
         FROM contact_queue q JOIN consumer p ON p.phone = q.phone ${rules.join}
        WHERE q.campaign_id = ${params.add(campaign.id)}
        GROUP BY 1`,
      params.values,
    );
  }

  /**
   * For the campaign's queued contacts whose basis covers it now, by calendar and contract end:
   * the earliest moment their consumer's own limits lift (and no other lease holds them).
   */
  freeAt(
    campaign: CampaignBasis,
    calendars: string[],
    now: Date,
  ): Promise<Array<{ calendar: string; ends_on: string | null; free_at: Date }>> {
    const params = new SqlParameters();
    const freeAt = consumerFreeAtSql(now, params, 'p');
    const basis = lawfulBasisSql(now, params, campaign.contractOffers, 'q', 'p');
    return this.dataSource.query(
      `SELECT p.calendar, q.contract_ends_on::text AS ends_on, min(greatest(${freeAt}, p.leased_until)) AS free_at
         FROM contact_queue q JOIN consumer p ON p.phone = q.phone
        WHERE q.campaign_id = ${params.add(campaign.id)} AND p.do_not_call_at IS NULL
          AND p.calendar = ANY(${params.add(calendars)}::text[])
          AND ${basis.lawful}
        GROUP BY p.calendar, q.contract_ends_on`,
      params.values,
    );
  }
}

/** The statements of one dispatch transaction (a lease, a report, an expiry). */
export class DispatchTransaction {
  /** for another store's statement that must commit with these */
  constructor(readonly manager: EntityManager) {}

  /** Locks the site's row of the campaign (leases of one site take their turns) and answers the contacts its share still allows. */
  async lockShare(campaignId: string, siteId: string): Promise<number> {
    const [quota]: Array<{ allowed: number }> = await this.manager.query(
      `SELECT ceil(cs.share * c.contact_count - 1e-9)::int - cs.assigned AS allowed
         FROM campaign_site cs JOIN campaign c ON c.id = cs.campaign_id
        WHERE cs.campaign_id = $1 AND cs.site_id = $2 FOR UPDATE OF cs`,
      [campaignId, siteId],
    );
    return quota.allowed;
  }

  /**
   * Takes up to `limit` contacts off the campaign's queue: only consumers the rules let be called
   * now and whose lawful basis covers the campaign (their calendar's hours, their limits, their
   * consent or a current contract of an offer the campaign relates to, still in force), not held
   * by another lease. Holds their consumers until the end of their calling window (or the
   * lease's), records the lease's items and counts them against the site's share. FOR UPDATE SKIP
   * LOCKED: two leases at once never take the same contact, nor the same consumer through two
   * campaigns. The contact rows themselves are only read.
   */
  async takeContacts(take: TakeContacts): Promise<LeasedRow[]> {
    const params = new SqlParameters();
    const campaign = params.add(take.campaign.id);
    const rules = consumerMayCallSql(take.now, params, 'p');
    const basis = lawfulBasisSql(take.now, params, take.campaign.contractOffers, 'q', 'p');
    const rows: LeasedRow[] = await this.manager.query(
      `WITH picked AS (
         SELECT q.contact_id, q.phone, least(${params.add(take.expiresAt)}::timestamptz, ${rules.callBefore}) AS call_before
           FROM contact_queue q JOIN consumer p ON p.phone = q.phone
          WHERE q.campaign_id = ${campaign}
            AND p.calendar = ANY(${params.add(take.calendars)}::text[])
            AND (p.leased_until IS NULL OR p.leased_until <= ${params.add(take.now)})
            AND ${rules.lawful}
            AND ${basis.lawful}
          ORDER BY q.contact_id
          LIMIT ${params.add(take.limit)}
          FOR UPDATE OF q, p SKIP LOCKED),
       dequeued AS (
         DELETE FROM contact_queue q USING picked WHERE q.campaign_id = ${campaign} AND q.contact_id = picked.contact_id),
       held AS (
         UPDATE consumer p SET leased_until = picked.call_before, lease_id = ${params.add(take.leaseId)}
           FROM picked WHERE p.phone = picked.phone
         RETURNING picked.contact_id, picked.call_before, p.time_zone),
       taken AS (
         INSERT INTO contact_lease_item (lease_id, contact_id, campaign_id, phone)
         SELECT ${params.add(take.leaseId)}, picked.contact_id, ${campaign}, picked.phone FROM picked)
       SELECT c.id, c.campaign_id, c.phone, c.first_name, c.last_name, c.lawful_basis, held.time_zone, held.call_before
         FROM held JOIN contact c ON c.id = held.contact_id
        ORDER BY c.id`,
      params.values,
    );
    if (rows.length)
      await this.manager.query(
        `UPDATE campaign_site SET assigned = assigned + $3 WHERE campaign_id = $1 AND site_id = $2`,
        [take.campaign.id, take.siteId, rows.length],
      );
    return rows;
  }

  async openLease(lease: {
    id: string;
    siteId: string;
    leasedBy: string;
    leasedAt: Date;
    expiresAt: Date;
    size: number;
  }): Promise<void> {
    await this.manager.query(
      `INSERT INTO contact_lease (id, site_id, leased_by, leased_at, expires_at, size, status)
       VALUES ($1, $2, $3, $4, $5, $6, 'open')`,
      [lease.id, lease.siteId, lease.leasedBy, lease.leasedAt, lease.expiresAt, lease.size],
    );
  }

  /** Locks the lease row: reports of one batch, and its expiry, take their turns on it. */
  async lockLease(leaseId: string): Promise<LeaseCount> {
    const [lease]: LeaseCount[] = await this.manager.query(
      `SELECT status, size, reported FROM contact_lease WHERE id = $1 FOR UPDATE`,
      [leaseId],
    );
    return lease;
  }

  /** Outcomes already recorded for these contacts of the lease. */
  async recordedOutcomes(leaseId: string, contactIds: string[]): Promise<Map<string, CallOutcome>> {
    const rows: Array<{ contact_id: string; outcome: CallOutcome }> = await this.manager.query(
      `SELECT contact_id, outcome FROM contact_attempt WHERE lease_id = $1 AND contact_id = ANY($2)`,
      [leaseId, contactIds],
    );
    return new Map(rows.map((row) => [row.contact_id, row.outcome]));
  }

  /** These contacts as items of the lease (a contact not in it is absent), with their consumer's calendar. */
  batchContacts(leaseId: string, contactIds: string[]): Promise<BatchContact[]> {
    return this.manager.query(
      `SELECT i.contact_id AS id, i.campaign_id, i.phone, i.withdrawn_at, p.calendar
         FROM contact_lease_item i JOIN consumer p ON p.phone = i.phone
        WHERE i.lease_id = $2 AND i.contact_id = ANY($1)`,
      [contactIds, leaseId],
    );
  }

  /** Records one attempt per outcome; answers each contact's attempt id. */
  async recordAttempts(source: AttemptSource, rows: AttemptToRecord[]): Promise<Map<string, string>> {
    const attempts: Array<{ id: string; contact_id: string }> = await this.manager.query(
      `INSERT INTO contact_attempt (contact_id, campaign_id, lease_id, phone, site_id, partner_id, site_country,
                                    outcome, attempted_at, reported_at, late, outside_window, withdrawn,
                                    caller_number, caller_number_lawful)
       SELECT u.contact_id, u.campaign_id, $1, u.phone, $2, $3, $4, u.outcome, u.at, $5, $11, u.outside_window, u.withdrawn,
              u.caller_number, u.caller_number_lawful
         FROM unnest($6::uuid[], $7::uuid[], $8::text[], $9::text[], $10::timestamptz[], $12::text[], $13::boolean[],
                     $14::text[], $15::boolean[])
              AS u(contact_id, campaign_id, phone, outcome, at, outside_window, withdrawn, caller_number, caller_number_lawful)
       RETURNING id, contact_id`,
      [
        source.leaseId,
        source.siteId,
        source.partnerId,
        source.country,
        source.reportedAt,
        rows.map((row) => row.contactId),
        rows.map((row) => row.campaignId),
        rows.map((row) => row.phone),
        rows.map((row) => row.outcome),
        rows.map((row) => row.at),
        source.late,
        rows.map((row) => row.outsideWindow),
        rows.map((row) => row.withdrawn),
        rows.map((row) => row.callerNumber),
        rows.map((row) => row.callerNumberLawful),
      ],
    );
    return new Map(attempts.map((attempt) => [attempt.contact_id, attempt.id]));
  }

  async openIncidents(
    site: { partnerId: string; siteId: string },
    detectedAt: Date,
    incidents: IncidentToOpen[],
  ): Promise<void> {
    if (!incidents.length) return;
    await this.manager.query(
      `INSERT INTO compliance_incident (kind, partner_id, site_id, campaign_id, attempt_id, occurred_at, detected_at, details)
       SELECT u.kind, $1, $2, u.campaign_id, u.attempt_id, u.at, $3, jsonb_strip_nulls(jsonb_build_object('rule', u.rule))
         FROM unnest($4::text[], $5::uuid[], $6::uuid[], $7::timestamptz[], $8::text[])
              AS u(kind, campaign_id, attempt_id, at, rule)`,
      [
        site.partnerId,
        site.siteId,
        detectedAt,
        incidents.map((incident) => incident.kind),
        incidents.map((incident) => incident.campaignId),
        incidents.map((incident) => incident.attemptId),
        incidents.map((incident) => incident.at),
        incidents.map((incident) => incident.rule),
      ],
    );
  }

  /** Each contact closed, or queued again after an outcome worth another attempt. */
  async settleContacts(
    rows: Array<{ contactId: string; outcome: CallOutcome }>,
    retryOutcomes: readonly CallOutcome[],
  ): Promise<void> {
    await this.manager.query(
      `WITH reported AS (
         UPDATE contact c SET status = CASE WHEN c.status IN ('suppressed', 'done') THEN c.status
                                            WHEN u.outcome = ANY($3) THEN 'pending' ELSE 'done' END,
                attempts = c.attempts + 1, last_outcome = u.outcome
           FROM unnest($1::uuid[], $2::text[]) AS u(id, outcome) WHERE c.id = u.id
         RETURNING c.id, c.campaign_id, c.phone, c.status, c.lawful_basis, c.contract_offer, c.contract_ends_on),
       dequeued AS (
         DELETE FROM contact_queue q USING reported r
          WHERE q.campaign_id = r.campaign_id AND q.contact_id = r.id AND r.status <> 'pending')
       INSERT INTO contact_queue (campaign_id, contact_id, phone, lawful_basis, contract_offer, contract_ends_on)
       SELECT campaign_id, id, phone, lawful_basis, contract_offer, contract_ends_on FROM reported WHERE status = 'pending'
       ON CONFLICT DO NOTHING`,
      [rows.map((row) => row.contactId), rows.map((row) => row.outcome), retryOutcomes],
    );
  }

  /**
   * The consumers called: released from this lease, their attempt counted (the newest ones kept),
   * a refusal starting the 60-day cooldown and do_not_call putting them on the opposition list.
   */
  async settleConsumers(leaseId: string, rows: Array<{ phone: string; outcome: CallOutcome; at: Date }>) {
    await this.manager.query(
      `UPDATE consumer p SET leased_until = CASE WHEN p.lease_id = $5 THEN NULL ELSE p.leased_until END,
              lease_id = CASE WHEN p.lease_id = $5 THEN NULL ELSE p.lease_id END,
              refused_at = CASE WHEN u.outcome = 'refused' THEN greatest(p.refused_at, u.at) ELSE p.refused_at END,
              do_not_call_at = CASE WHEN u.outcome = 'do_not_call' THEN coalesce(p.do_not_call_at, u.at) ELSE p.do_not_call_at END,
              do_not_call_source = CASE WHEN u.outcome = 'do_not_call' AND p.do_not_call_at IS NULL THEN 'outcome' ELSE p.do_not_call_source END,
              recent_attempts = (SELECT array_agg(t ORDER BY t) FROM (
                SELECT t FROM unnest(array_append(p.recent_attempts, u.at)) AS t ORDER BY t DESC LIMIT $4) kept)
         FROM unnest($1::text[], $2::text[], $3::timestamptz[]) AS u(phone, outcome, at)
        WHERE p.phone = u.phone`,
      [
        rows.map((row) => row.phone),
        rows.map((row) => row.outcome),
        rows.map((row) => row.at),
        CALLING_RULES.maxAttempts,
        leaseId,
      ],
    );
  }

  /** Contacts of these consumers out on another open lease and not reported yet are withdrawn from it. */
  async withdrawFromOtherLeases(phones: string[], leaseId: string, at: Date): Promise<void> {
    if (!phones.length) return;
    await this.manager.query(
      `UPDATE contact_lease_item i SET withdrawn_at = $3
         FROM contact_lease l
        WHERE l.id = i.lease_id AND l.status = 'open' AND i.lease_id <> $2 AND i.phone = ANY($1)
          AND i.withdrawn_at IS NULL
          AND NOT EXISTS (SELECT FROM contact_attempt a WHERE a.lease_id = i.lease_id AND a.contact_id = i.contact_id)`,
      [phones, leaseId, at],
    );
  }

  /** Counts reports on the lease, closing it once every contact is reported. */
  async countReported(leaseId: string, reported: number): Promise<LeaseCount> {
    const [[lease]]: [LeaseCount[], number] = await this.manager.query(
      `UPDATE contact_lease SET reported = reported + $2,
              status = CASE WHEN reported + $2 >= size AND status = 'open' THEN 'closed' ELSE status END
        WHERE id = $1
      RETURNING status, size, reported`,
      [leaseId, reported],
    );
    return lease;
  }

  /**
   * Contacts a site no longer holds (given back by an expired lease, or queued again after a
   * retry outcome) stop counting against its share of their campaign. Each pair appears once.
   */
  async releaseAssignments(released: readonly ReleasedAssignment[]): Promise<void> {
    if (!released.length) return;
    await this.manager.query(
      `UPDATE campaign_site cs SET assigned = greatest(0, cs.assigned - r.contacts)
         FROM unnest($1::uuid[], $2::uuid[], $3::int[]) AS r(campaign_id, site_id, contacts)
        WHERE cs.campaign_id = r.campaign_id AND cs.site_id = r.site_id`,
      [
        released.map((row) => row.campaignId),
        released.map((row) => row.siteId),
        released.map((row) => row.contacts),
      ],
    );
  }

  /** Open leases past their expiry become expired (each once, whoever else runs the job); their ids. */
  async expireDue(at: Date): Promise<string[]> {
    // TypeORM answers an UPDATE ... RETURNING with [rows, affected]
    const [expired]: [Array<{ id: string }>, number] = await this.manager.query(
      `UPDATE contact_lease SET status = 'expired'
        WHERE id IN (SELECT id FROM contact_lease WHERE status = 'open' AND expires_at <= $1 FOR UPDATE SKIP LOCKED)
       RETURNING id`,
      [at],
    );
    return expired.map((lease) => lease.id);
  }

  /**
   * The expired leases' unreported contacts go back to their queue (unless suppressed meanwhile)
   * and their consumers are released; answers them by campaign and site. A separate statement
   * from `expireDue`: its snapshot sees every report that committed before the leases were locked.
   */
  async requeueUnreported(leaseIds: string[]): Promise<ReleasedAssignment[]> {
    const rows: Array<{ campaign_id: string; site_id: string; contacts: number }> = await this.manager.query(
      `WITH unreported AS (
           SELECT i.lease_id, i.contact_id, i.campaign_id, i.phone, l.site_id
             FROM contact_lease l JOIN contact_lease_item i ON i.lease_id = l.id
            WHERE l.id = ANY($1)
              AND NOT EXISTS (SELECT FROM contact_attempt a WHERE a.lease_id = i.lease_id AND a.contact_id = i.contact_id)),
         requeued AS (
           INSERT INTO contact_queue (campaign_id, contact_id, phone, lawful_basis, contract_offer, contract_ends_on)
           SELECT u.campaign_id, u.contact_id, u.phone, c.lawful_basis, c.contract_offer, c.contract_ends_on FROM unreported u
             JOIN contact c ON c.id = u.contact_id AND c.status = 'pending'
           ON CONFLICT DO NOTHING),
         released AS (
           UPDATE consumer p SET leased_until = NULL, lease_id = NULL
             FROM unreported u WHERE p.phone = u.phone AND p.lease_id = u.lease_id)
         SELECT campaign_id, site_id, count(*)::int AS contacts FROM unreported GROUP BY campaign_id, site_id`,
      [leaseIds],
    );
    return rows.map((row) => ({ campaignId: row.campaign_id, siteId: row.site_id, contacts: row.contacts }));
  }
}
