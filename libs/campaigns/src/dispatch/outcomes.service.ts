import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CallOutcome, OutcomesResult } from '#contracts';
import { Clock, RequestError, RequestErrorCode, scopeAllowsSite, type SiteScope } from '#core';
import { Site } from '#network';
import { CALLING_RULES } from '../compliance/calling-rules.js';
import { suppressContacts } from '../contacts/suppressions.service.js';
import { CampaignsError } from '../domain/campaigns.error.js';
import { ContactLease } from '../domain/contact-lease.entity.js';
import { ProgressPublisher } from '../progress/progress-publisher.js';
import { OutcomeDto } from './dispatch.dto.js';
import { releaseAssignments } from './site-assignments.js';

/** Outcomes after which the contact goes back to the pool for another attempt. */
const RETRY_OUTCOMES: readonly CallOutcome[] = ['no_answer', 'callback'];
/** How far in the future a reported call time may be (clock skew of partners' dialers). */
const FUTURE_SLACK_MS = 60_000;

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
    private readonly clock: Clock,
    private readonly progress: ProgressPublisher,
  ) {}

  async report(scope: SiteScope, batchId: string, outcomes: OutcomeDto[]): Promise<OutcomesResult> {
    const lease = await this.dataSource.getRepository(ContactLease).findOneBy({ id: batchId });
    const site = lease && (await this.dataSource.getRepository(Site).findOneBy({ id: lease.siteId }));
    if (!lease || !site || !scopeAllowsSite(scope, site)) throw CampaignsError.batchNotFound(batchId);
    const ids = outcomes.map((item) => item.contactId);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    if (repeated.length) throw CampaignsError.duplicateInReport([...new Set(repeated)]);
    const now = this.clock.now();
    const times = outcomes.map((item) => (item.at ? new Date(item.at) : now));
    const future = times.findIndex((at) => at.getTime() > now.getTime() + FUTURE_SLACK_MS);
    if (future >= 0)
      throw RequestError.invalid(
        RequestErrorCode.ValidationFailed,
        `outcomes.${future}.at is in the future.`,
        [{ field: `outcomes.${future}.at`, problems: ['must not be in the future'] }],
      );

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
      // an expired batch has given its unreported contacts back: they are no longer the site's to report
      const contacts: BatchContact[] =
        batch.status === 'expired'
          ? []
          : await manager.query(
              `SELECT contact_id AS id, campaign_id, phone FROM contact_lease_item
                WHERE lease_id = $2 AND contact_id = ANY($1)`,
              [fresh.map((item) => item.contactId), batchId],
            );
      const byId = new Map(contacts.map((contact) => [contact.id, contact]));
      const strangers = fresh.filter((item) => !byId.has(item.contactId)).map((item) => item.contactId);
      if (strangers.length) throw CampaignsError.contactsNotInBatch(batchId, strangers);

      const rows = fresh.map((item) => ({ ...item, contact: byId.get(item.contactId)! }));
      await manager.query(
        `INSERT INTO contact_attempt (contact_id, campaign_id, lease_id, phone, site_id, partner_id, site_country,
                                      outcome, attempted_at, reported_at)
         SELECT u.contact_id, u.campaign_id, $1, u.phone, $2, $3, $4, u.outcome, u.at, $5
           FROM unnest($6::uuid[], $7::uuid[], $8::text[], $9::text[], $10::timestamptz[])
                AS u(contact_id, campaign_id, phone, outcome, at)`,
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
        ],
      );
      await manager.query(
        `WITH reported AS (
           UPDATE contact c SET status = CASE WHEN c.status = 'suppressed' THEN 'suppressed'
                                              WHEN u.outcome = ANY($3) THEN 'pending' ELSE 'done' END,
                  attempts = c.attempts + 1, last_outcome = u.outcome
             FROM unnest($1::uuid[], $2::text[]) AS u(id, outcome) WHERE c.id = u.id
           RETURNING c.id, c.campaign_id, c.phone, c.status)
         INSERT INTO contact_queue (campaign_id, contact_id, phone)
         SELECT campaign_id, id, phone FROM reported WHERE status = 'pending'
         ON CONFLICT DO NOTHING`,
        [rows.map((row) => row.contactId), rows.map((row) => row.outcome), RETRY_OUTCOMES],
      );
      await manager.query(
        `UPDATE consumer p SET leased_until = NULL, lease_id = NULL,
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
        ],
      );
      await suppressContacts(
        manager,
        rows.filter((row) => row.outcome === 'do_not_call').map((row) => row.contact.phone),
      );
      const retried = new Map<string, number>();
      for (const row of rows)
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
