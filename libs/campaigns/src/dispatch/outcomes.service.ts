import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CallOutcome, OutcomesResult } from '#contracts';
import { Clock, scopeAllowsSite, type SiteScope } from '#core';
import { SiteDirectory } from '#network';
import {
  isLawfulCallerNumberFor,
  nationalCallerNumber,
  callerNumberE164,
} from '../compliance/caller-number.js';
import { CALLING_RULES, callingTimeRule } from '../compliance/calling-rules.js';
import { isConsumerCalendar } from '../compliance/consumer-regions.js';
import { suppressContacts } from '../contacts/suppressions.service.js';
import { CampaignsError } from '../domain/campaigns.error.js';
import { ContactLease } from '../domain/contact-lease.entity.js';
import { ProgressPublisher } from '../progress/progress-publisher.js';
import { OutcomeDto } from './dispatch.dto.js';
import { releaseAssignments } from './site-assignments.js';

/** Outcomes after which the contact goes back to the pool for another attempt. */
const RETRY_OUTCOMES: readonly CallOutcome[] = ['no_answer', 'callback'];
/** Clock skew allowed between partners' dialers and the server on a reported call time. */
const SKEW_MS = 60_000;

interface LeaseCount {
  status: 'open' | 'closed' | 'expired';
  size: number;
  reported: number;
}

/** Contacts of the batch still to report: none once it is closed or expired. */
function remaining(lease: LeaseCount): number {
  return lease.status === 'open' ? lease.size - lease.reported : 0;
}

interface BatchContact {
  id: string;
  campaign_id: string;
  phone: string;
  calendar: string;
  /** a refusal reported by another dialer withdrew the contact from this lease */
  withdrawn_at: Date | null;
}

/**
 * Records what happened to each contact of a leased batch, all or nothing, before answering:
 * one attempt per contact (with the site and its country, for the transparency report), the
 * contact closed or queued again for another attempt, the consumer released, a refusal starting
 * the 60-day cooldown and do_not_call suppressing the number everywhere. A repeated identical report is
 * acknowledged again without writing; a different outcome for a reported contact is a conflict.
 */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: SiteDirectory,
    private readonly clock: Clock,
    private readonly progress: ProgressPublisher,
  ) {}

  async report(scope: SiteScope, batchId: string, outcomes: OutcomeDto[]): Promise<OutcomesResult> {
    const lease = await this.dataSource.getRepository(ContactLease).findOneBy({ id: batchId });
    const site = lease && (await this.directory.site(lease.siteId));
    if (!lease || !site || !scopeAllowsSite(scope, site)) throw CampaignsError.batchNotFound(batchId);
    const ids = outcomes.map((item) => item.contactId);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    if (repeated.length) throw CampaignsError.duplicateInReport([...new Set(repeated)]);
    const now = this.clock.now();
    const times = outcomes.map((item) => (item.at ? new Date(item.at) : now));
    // a call is reported when it was made: between its lease's start and now (dialers' clock skew allowed)
    const outside = times.findIndex(
      (at) => at.getTime() < lease.leasedAt.getTime() - SKEW_MS || at.getTime() > now.getTime() + SKEW_MS,
    );
    if (outside >= 0) throw CampaignsError.callTimeOutsideLease(outside, lease.leasedAt, now);

    const result = await this.dataSource.transaction(async (manager) => {
      // reports of one batch, and its expiry, take their turns on the lease row
      const [batch]: LeaseCount[] = await manager.query(
        `SELECT status, size, reported FROM contact_lease WHERE id = $1 FOR UPDATE`,
        [batchId],
      );
      const known: Array<{ contact_id: string; outcome: CallOutcome }> = await manager.query(
        `SELECT contact_id, outcome FROM contact_attempt WHERE lease_id = $1 AND contact_id = ANY($2)`,
        [batchId, ids],
      );
      const reported = new Map(known.map((row) => [row.contact_id, row.outcome]));
      const conflicts = outcomes.filter(
        (item) => reported.has(item.contactId) && reported.get(item.contactId) !== item.outcome,
      );
      if (conflicts.length) throw CampaignsError.outcomeConflict(conflicts.map((item) => item.contactId));
      const fresh = outcomes
        .map((item, index) => ({ ...item, at: times[index] }))
        .filter((item) => !reported.has(item.contactId));
      if (!fresh.length)
        return {
          recorded: 0,
          duplicates: outcomes.length,
          campaigns: [] as string[],
          remaining: remaining(batch),
        };
      // a report after the lease expired is still recorded (the call happened), flagged late
      const late = batch.status === 'expired';
      const contacts: BatchContact[] = await manager.query(
        `SELECT i.contact_id AS id, i.campaign_id, i.phone, i.withdrawn_at, p.calendar
           FROM contact_lease_item i JOIN consumer p ON p.phone = i.phone
          WHERE i.lease_id = $2 AND i.contact_id = ANY($1)`,
        [fresh.map((item) => item.contactId), batchId],
      );
      const byId = new Map(contacts.map((contact) => [contact.id, contact]));
      const strangers = fresh.filter((item) => !byId.has(item.contactId)).map((item) => item.contactId);
      if (strangers.length) throw CampaignsError.contactsNotInBatch(batchId, strangers);

      const rows = fresh.map((item) => {
        const contact = byId.get(item.contactId)!;
        return {
          ...item,
          contact,
          outsideWindow: isConsumerCalendar(contact.calendar)
            ? callingTimeRule(contact.calendar, item.at)
            : null,
          withdrawn: contact.withdrawn_at !== null,
          callerNumber: item.callerNumber ? reportedCallerNumber(item.callerNumber) : null,
          callerNumberLawful: item.callerNumber
            ? isLawfulCallerNumberFor(item.callerNumber, contact.calendar)
            : null,
        };
      });
      const attempts: Array<{ id: string; contact_id: string }> = await manager.query(
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
          batchId,
          site.id,
          site.partnerId,
          site.country,
          now,
          rows.map((row) => row.contactId),
          rows.map((row) => row.contact.campaign_id),
          rows.map((row) => row.contact.phone),
          rows.map((row) => row.outcome),
          rows.map((row) => row.at),
          late,
          rows.map((row) => row.outsideWindow),
          rows.map((row) => row.withdrawn),
          rows.map((row) => row.callerNumber),
          rows.map((row) => row.callerNumberLawful),
        ],
      );
      // a call the rules did not allow is recorded, and opens an incident for its partner and site
      const attemptOf = new Map(attempts.map((attempt) => [attempt.contact_id, attempt.id]));
      const incidents = rows.flatMap((row) => [
        ...(row.outsideWindow ? [{ row, kind: 'outside_calling_window', rule: row.outsideWindow }] : []),
        ...(row.withdrawn ? [{ row, kind: 'called_after_withdrawal', rule: null }] : []),
        ...(row.callerNumberLawful === false
          ? [{ row, kind: 'caller_number_not_arcep', rule: 'caller_number' }]
          : []),
      ]);
      if (incidents.length)
        await manager.query(
          `INSERT INTO compliance_incident (kind, partner_id, site_id, campaign_id, attempt_id, occurred_at, detected_at, details)
           SELECT u.kind, $1, $2, u.campaign_id, u.attempt_id, u.at, $3, jsonb_strip_nulls(jsonb_build_object('rule', u.rule))
             FROM unnest($4::text[], $5::uuid[], $6::uuid[], $7::timestamptz[], $8::text[])
                  AS u(kind, campaign_id, attempt_id, at, rule)`,
          [
            site.partnerId,
            site.id,
            now,
            incidents.map((incident) => incident.kind),
            incidents.map((incident) => incident.row.contact.campaign_id),
            incidents.map((incident) => attemptOf.get(incident.row.contactId)),
            incidents.map((incident) => incident.row.at),
            incidents.map((incident) => incident.rule),
          ],
        );
      await manager.query(
        `WITH reported AS (
           UPDATE contact c SET status = CASE WHEN c.status IN ('suppressed', 'done') THEN c.status
                                              WHEN u.outcome = ANY($3) THEN 'pending' ELSE 'done' END,
                  attempts = c.attempts + 1, last_outcome = u.outcome
             FROM unnest($1::uuid[], $2::text[]) AS u(id, outcome) WHERE c.id = u.id
           RETURNING c.id, c.campaign_id, c.phone, c.status),
         dequeued AS (
           DELETE FROM contact_queue q USING reported r
            WHERE q.campaign_id = r.campaign_id AND q.contact_id = r.id AND r.status <> 'pending')
         INSERT INTO contact_queue (campaign_id, contact_id, phone)
         SELECT campaign_id, id, phone FROM reported WHERE status = 'pending'
         ON CONFLICT DO NOTHING`,
        [rows.map((row) => row.contactId), rows.map((row) => row.outcome), RETRY_OUTCOMES],
      );
      await manager.query(
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
          rows.map((row) => row.contact.phone),
          rows.map((row) => row.outcome),
          rows.map((row) => row.at),
          CALLING_RULES.maxAttempts,
          batchId,
        ],
      );
      // a refusal takes effect at once: a contact of that consumer out on another lease is withdrawn from it
      const refusing = rows.filter((row) => row.outcome === 'refused' || row.outcome === 'do_not_call');
      if (refusing.length)
        await manager.query(
          `UPDATE contact_lease_item i SET withdrawn_at = $3
             FROM contact_lease l
            WHERE l.id = i.lease_id AND l.status = 'open' AND i.lease_id <> $2 AND i.phone = ANY($1)
              AND i.withdrawn_at IS NULL
              AND NOT EXISTS (SELECT FROM contact_attempt a WHERE a.lease_id = i.lease_id AND a.contact_id = i.contact_id)`,
          [refusing.map((row) => row.contact.phone), batchId, now],
        );
      await suppressContacts(
        manager,
        rows.filter((row) => row.outcome === 'do_not_call').map((row) => row.contact.phone),
      );
      const retried = new Map<string, number>();
      // an expired lease gave its unreported contacts' share back already
      for (const row of late ? [] : rows)
        if (RETRY_OUTCOMES.includes(row.outcome))
          retried.set(row.contact.campaign_id, (retried.get(row.contact.campaign_id) ?? 0) + 1);
      await releaseAssignments(
        manager,
        [...retried].map(([campaignId, contacts]) => ({ campaignId, siteId: site.id, contacts })),
      );
      const [[closing]]: [LeaseCount[], number] = await manager.query(
        `UPDATE contact_lease SET reported = reported + $2,
                status = CASE WHEN reported + $2 >= size AND status = 'open' THEN 'closed' ELSE status END
          WHERE id = $1
        RETURNING status, size, reported`,
        [batchId, rows.length],
      );
      return {
        recorded: rows.length,
        duplicates: outcomes.length - rows.length,
        campaigns: [...new Set(rows.map((row) => row.contact.campaign_id))],
        remaining: remaining(closing),
      };
    });
    result.campaigns.forEach((campaignId) => this.progress.soon(campaignId));
    return { batchId, recorded: result.recorded, duplicates: result.duplicates, remaining: result.remaining };
  }
}

/** A reported caller number as kept: E.164 when it is a French number, else its digits as reported. */
function reportedCallerNumber(raw: string): string {
  return nationalCallerNumber(raw) ? callerNumberE164(raw) : raw.replace(/[\s.\-()]/g, '');
}
