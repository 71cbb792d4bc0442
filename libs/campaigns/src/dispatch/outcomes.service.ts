import { Injectable } from '@nestjs/common';
import type { CallOutcome, OutcomesResult } from '#contracts';
import { Clock, scopeAllowsSite, type SiteScope } from '#core';
import { SiteDirectory } from '#network';
import {
  callerNumberE164,
  isLawfulCallerNumberFor,
  nationalCallerNumber,
} from '../compliance/caller-number.js';
import { callingTimeRule } from '../compliance/calling-rules.js';
import { isConsumerCalendar } from '../compliance/consumer-regions.js';
import { suppressContacts } from '../contacts/contacts.store.js';
import { CampaignsError } from '../domain/campaigns.error.js';
import type { ContactLease } from '../domain/contact-lease.entity.js';
import { ProgressPublisher } from '../progress/progress-publisher.js';
import { OutcomeDto } from './dispatch.dto.js';
import {
  type AttemptToRecord,
  type BatchContact,
  DispatchStore,
  type IncidentToOpen,
  type LeaseCount,
} from './dispatch.store.js';

/** Outcomes after which the contact goes back to the pool for another attempt. */
const RETRY_OUTCOMES: readonly CallOutcome[] = ['no_answer', 'callback'];
/** Clock skew allowed between partners' dialers and the server on a reported call time. */
const SKEW_MS = 60_000;

/** Contacts of the batch still to report: none once it is closed or expired. */
function remaining(lease: LeaseCount): number {
  return lease.status === 'open' ? lease.size - lease.reported : 0;
}

type ReportedOutcome = Omit<OutcomeDto, 'at'> & { at: Date };

/**
 * Records what happened to each contact of a leased batch, all or nothing, before answering:
 * one attempt per contact (with the site and its country, for the transparency report), the
 * contact closed or queued again for another attempt, the consumer released, a refusal starting
 * the 60-day cooldown and do_not_call suppressing the number everywhere. A call the rules did not
 * allow is recorded and opens a compliance incident. A repeated identical report is acknowledged
 * again without writing; a different outcome for a reported contact is a conflict.
 */
@Injectable()
export class OutcomesService {
  constructor(
    private readonly store: DispatchStore,
    private readonly directory: SiteDirectory,
    private readonly clock: Clock,
    private readonly progress: ProgressPublisher,
  ) {}

  async report(scope: SiteScope, batchId: string, outcomes: OutcomeDto[]): Promise<OutcomesResult> {
    const lease = await this.store.lease(batchId);
    const site = lease && (await this.directory.site(lease.siteId));
    if (!lease || !site || !scopeAllowsSite(scope, site)) throw CampaignsError.batchNotFound(batchId);
    const ids = outcomes.map((item) => item.contactId);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    if (repeated.length) throw CampaignsError.duplicateInReport([...new Set(repeated)]);
    const now = this.clock.now();
    const reported = reportedTimes(outcomes, lease, now);

    const result = await this.store.transaction(async (tx) => {
      const batch = await tx.lockLease(batchId);
      const known = await tx.recordedOutcomes(batchId, ids);
      const conflicts = reported.filter(
        (item) => known.has(item.contactId) && known.get(item.contactId) !== item.outcome,
      );
      if (conflicts.length) throw CampaignsError.outcomeConflict(conflicts.map((item) => item.contactId));
      const fresh = reported.filter((item) => !known.has(item.contactId));
      if (!fresh.length)
        return {
          recorded: 0,
          duplicates: outcomes.length,
          campaigns: [] as string[],
          remaining: remaining(batch),
        };
      const contacts = new Map(
        (
          await tx.batchContacts(
            batchId,
            fresh.map((item) => item.contactId),
          )
        ).map((contact) => [contact.id, contact]),
      );
      const strangers = fresh.filter((item) => !contacts.has(item.contactId)).map((item) => item.contactId);
      if (strangers.length) throw CampaignsError.contactsNotInBatch(batchId, strangers);
      const rows = fresh.map((item) => attemptOf(item, contacts.get(item.contactId)!));

      // a report after the lease expired is still recorded (the call happened), flagged late
      const late = batch.status === 'expired';
      const attempts = await tx.recordAttempts(
        {
          leaseId: batchId,
          siteId: site.id,
          partnerId: site.partnerId,
          country: site.country,
          reportedAt: now,
          late,
        },
        rows,
      );
      await tx.openIncidents(
        { partnerId: site.partnerId, siteId: site.id },
        now,
        incidentsOf(rows, attempts),
      );
      await tx.settleContacts(rows, RETRY_OUTCOMES);
      await tx.settleConsumers(batchId, rows);
      // a refusal takes effect at once: a contact of that consumer out on another lease is withdrawn from it
      const refusing = rows.filter((row) => row.outcome === 'refused' || row.outcome === 'do_not_call');
      await tx.withdrawFromOtherLeases(
        refusing.map((row) => row.phone),
        batchId,
        now,
      );
      await suppressContacts(
        tx.manager,
        rows.filter((row) => row.outcome === 'do_not_call').map((row) => row.phone),
      );
      // an expired lease gave its unreported contacts' share back already
      await tx.releaseAssignments(late ? [] : retriedBySite(rows, site.id));
      const closing = await tx.countReported(batchId, rows.length);
      return {
        recorded: rows.length,
        duplicates: outcomes.length - rows.length,
        campaigns: [...new Set(rows.map((row) => row.campaignId))],
        remaining: remaining(closing),
      };
    });
    result.campaigns.forEach((campaignId) => this.progress.soon(campaignId));
    return { batchId, recorded: result.recorded, duplicates: result.duplicates, remaining: result.remaining };
  }
}

/**
 * Each outcome with the time its call was made: between its lease's start and now (dialers'
 * clock skew allowed), else nothing is recorded. No time means now.
 */
function reportedTimes(outcomes: OutcomeDto[], lease: ContactLease, now: Date): ReportedOutcome[] {
  const reported = outcomes.map((item) => ({ ...item, at: item.at ? new Date(item.at) : now }));
  const outside = reported.findIndex(
    ({ at }) => at.getTime() < lease.leasedAt.getTime() - SKEW_MS || at.getTime() > now.getTime() + SKEW_MS,
  );
  if (outside >= 0) throw CampaignsError.callTimeOutsideLease(outside, lease.leasedAt, now);
  return reported;
}

/** The attempt an outcome records, with what the rules say of its call. */
function attemptOf(item: ReportedOutcome, contact: BatchContact): AttemptToRecord {
  return {
    contactId: item.contactId,
    campaignId: contact.campaign_id,
    phone: contact.phone,
    outcome: item.outcome,
    at: item.at,
    outsideWindow: isConsumerCalendar(contact.calendar) ? callingTimeRule(contact.calendar, item.at) : null,
    withdrawn: contact.withdrawn_at !== null,
    callerNumber: item.callerNumber ? reportedCallerNumber(item.callerNumber) : null,
    callerNumberLawful: item.callerNumber
      ? isLawfulCallerNumberFor(item.callerNumber, contact.calendar)
      : null,
  };
}

/**
 * A call the rules did not allow opens an incident for its partner and site: outside the
 * consumer's window, after a refusal withdrew it, from a number outside the ARCEP ranges for the
 * consumer's territory, or with no caller number reported (the number presented cannot be checked).
 */
function incidentsOf(rows: AttemptToRecord[], attempts: Map<string, string>): IncidentToOpen[] {
  return rows.flatMap((row) => {
    const incident = (kind: IncidentToOpen['kind'], rule: string | null): IncidentToOpen => ({
      kind,
      campaignId: row.campaignId,
      attemptId: attempts.get(row.contactId)!,
      at: row.at,
      rule,
    });
    return [
      ...(row.outsideWindow ? [incident('outside_calling_window', row.outsideWindow)] : []),
      ...(row.withdrawn ? [incident('called_after_withdrawal', null)] : []),
      ...(row.callerNumberLawful === false ? [incident('caller_number_not_arcep', 'caller_number')] : []),
      ...(row.callerNumber === null ? [incident('caller_number_missing', 'caller_number')] : []),
    ];
  });
}

/** Contacts queued again for another attempt, by campaign: they stop counting against the site's share. */
function retriedBySite(rows: AttemptToRecord[], siteId: string) {
  const retried = new Map<string, number>();
  for (const row of rows)
    if (RETRY_OUTCOMES.includes(row.outcome))
      retried.set(row.campaignId, (retried.get(row.campaignId) ?? 0) + 1);
  return [...retried].map(([campaignId, contacts]) => ({ campaignId, siteId, contacts }));
}

/** A reported caller number as kept: E.164 when it is a French number, else its digits as reported. */
function reportedCallerNumber(raw: string): string {
  return nationalCallerNumber(raw) ? callerNumberE164(raw) : raw.replace(/[\s.\-()]/g, '');
}
