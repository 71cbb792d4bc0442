import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { OppositionListStatus } from '#contracts';
import { Clock } from '#core';
import { CampaignsError } from '../domain/campaigns.error.js';
import { PhoneNormaliser } from './phone-number.js';

export interface SuppressionResult {
  received: number;
  /** numbers newly put on the opposition list */
  added: number;
  /** pending contacts of every campaign withdrawn */
  contactsSuppressed: number;
}

/** Suppressions from this source are a refresh of the opposition list (Bloctel). */
export const OPPOSITION_LIST_SOURCE = 'bloctel';
/** A launch with an opposition list older than this asks for a confirmation. */
export const OPPOSITION_LIST_MAX_AGE_DAYS = 30;

/**
 * The opposition list: a suppressed number is never leased again, in any campaign, by any
 * partner. Numbers are normalised like imports; one bad number refuses the whole request.
 */
@Injectable()
export class SuppressionsService {
  private readonly phones = new PhoneNormaliser();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** When the opposition list was last refreshed, and whether it is older than 30 days. */
  async oppositionList(): Promise<OppositionListStatus> {
    const [last]: Array<{ refreshed_at: Date; source: string; numbers: number; added: number }> =
      await this.dataSource.query(
        `SELECT refreshed_at, source, numbers, added FROM opposition_list_refresh ORDER BY refreshed_at DESC LIMIT 1`,
      );
    const ageDays = last
      ? Math.floor((this.clock.now().getTime() - last.refreshed_at.getTime()) / 86_400_000)
      : null;
    return {
      lastRefreshAt: last?.refreshed_at.toISOString() ?? null,
      source: last?.source ?? null,
      numbers: last?.numbers ?? null,
      added: last?.added ?? null,
      ageDays,
      maxAgeDays: OPPOSITION_LIST_MAX_AGE_DAYS,
      stale: ageDays === null || ageDays >= OPPOSITION_LIST_MAX_AGE_DAYS,
    };
  }

  async suppress(rawPhones: string[], source: string, refreshedBy?: string): Promise<SuppressionResult> {
    const normalised = rawPhones.map((raw) => this.phones.normalise(raw));
    const invalid = normalised.flatMap((phone, index) => (typeof phone === 'string' ? [index] : []));
    if (invalid.length) throw CampaignsError.invalidPhones(invalid);
    const unique = new Map(
      normalised.flatMap((phone) => (typeof phone === 'string' ? [] : [[phone.e164, phone] as const])),
    );
    const numbers = [...unique.values()];
    return this.dataSource.transaction(async (manager) => {
      const [{ added }] = await manager.query(
        `WITH upserted AS (
           INSERT INTO consumer (phone, region, time_zone, calendar, clock_source, do_not_call_at, do_not_call_source)
           SELECT n.phone, n.region, n.time_zone, n.region, n.clock_source, s.at, s.source
             FROM unnest($1::text[], $2::text[], $3::text[], $6::text[]) AS n(phone, region, time_zone, clock_source)
                  CROSS JOIN (VALUES ($4::timestamptz, $5::text)) AS s(at, source)
           ON CONFLICT (phone) DO UPDATE SET do_not_call_at = EXCLUDED.do_not_call_at,
                                             do_not_call_source = EXCLUDED.do_not_call_source
             WHERE consumer.do_not_call_at IS NULL
           RETURNING phone)
         SELECT count(*)::int AS added FROM upserted`,
        [
          numbers.map((phone) => phone.e164),
          numbers.map((phone) => phone.region),
          numbers.map((phone) => phone.timeZone),
          this.clock.now(),
          source,
          numbers.map((phone) => (phone.located ? 'number' : 'fallback')),
        ],
      );
      const contactsSuppressed = await suppressContacts(
        manager,
        numbers.map((phone) => phone.e164),
      );
      if (source.toLowerCase() === OPPOSITION_LIST_SOURCE)
        await manager.query(
          `INSERT INTO opposition_list_refresh (refreshed_at, source, numbers, added, refreshed_by)
           VALUES ($1, $2, $3, $4, $5)`,
          [this.clock.now(), source, numbers.length, added, refreshedBy ?? null],
        );
      return { received: rawPhones.length, added, contactsSuppressed };
    });
  }
}

/**
 * Withdraws the pending contacts of these numbers from every campaign: off the queues, marked so
 * that one out on a lease now is not queued again, and no longer counted among their campaign's
 * contacts (`countedContactSql`: pending ones are, suppressed ones are not).
 */
export async function suppressContacts(manager: EntityManager, phones: string[]): Promise<number> {
  if (!phones.length) return 0;
  const [{ suppressed }] = await manager.query(
    `WITH suppressed AS (
       UPDATE contact SET status = 'suppressed' WHERE phone = ANY($1) AND status = 'pending'
       RETURNING id, campaign_id),
     dequeued AS (
       DELETE FROM contact_queue q USING suppressed s WHERE q.campaign_id = s.campaign_id AND q.contact_id = s.id),
     uncounted AS (
       UPDATE campaign c SET contact_count = c.contact_count - w.contacts
         FROM (SELECT campaign_id, count(*)::int AS contacts FROM suppressed GROUP BY campaign_id) w
        WHERE c.id = w.campaign_id)
     SELECT count(*)::int AS suppressed FROM suppressed`,
    [phones],
  );
  return suppressed;
}
