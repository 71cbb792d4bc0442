import { Injectable } from '@nestjs/common';
import type { OppositionListStatus } from '#contracts';
import { Clock } from '#core';
import { CampaignsError } from '../domain/campaigns.error.js';
import { ContactsStore } from './contacts.store.js';
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
    private readonly store: ContactsStore,
    private readonly clock: Clock,
  ) {}

  /** When the opposition list was last refreshed, and whether it is older than 30 days. */
  async oppositionList(): Promise<OppositionListStatus> {
    const last = await this.store.lastOppositionListRefresh();
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
    const { added, contactsSuppressed } = await this.store.suppress([...unique.values()], {
      at: this.clock.now(),
      source,
      refresh: source.toLowerCase() === OPPOSITION_LIST_SOURCE,
      refreshedBy: refreshedBy ?? null,
    });
    return { received: rawPhones.length, added, contactsSuppressed };
  }
}
