import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { AllocationSiteRow } from './allocation.store.js';
import { SeatHoursReader } from './seat-hours.port.js';

export interface HoursWindow {
  siteId: string;
  from: Date;
  to: Date;
}

/**
 * Staffed hours of a site's seats in a window, from the seat-state history, through the
 * SeatHoursReader port that the live context provides. Live is optional here (the campaigns module
 * also runs without it): without it hours are unknown (null), never zero.
 */
@Injectable()
export class SiteHours {
  private history?: SeatHoursReader | null;

  constructor(private readonly modules: ModuleRef) {}

  async staffedHours(windows: readonly HoursWindow[]): Promise<Map<string, number | null>> {
    const history = this.historyReader();
    const hours = new Map<string, number | null>();
    for (const window of windows) {
      if (!history) {
        hours.set(window.siteId, null);
        continue;
      }
      // whole minutes: the window's first minute to the minute after its last attempt
      const from = new Date(Math.floor(window.from.getTime() / 60_000) * 60_000);
      const to = new Date(Math.floor(window.to.getTime() / 60_000) * 60_000 + 60_000);
      hours.set(window.siteId, await history.staffedHours(window.siteId, from, to));
    }
    return hours;
  }

  /**
   * Hours while each site worked the campaign (its first to its last attempt) and their cost at
   * the campaign site's cost per hour; null where either is unknown.
   */
  async costsOf(
    rows: readonly AllocationSiteRow[],
  ): Promise<Map<string, { hours: number | null; cost: number | null }>> {
    const hours = await this.staffedHours(
      rows
        .filter((row) => row.firstAttemptAt && row.lastAttemptAt)
        .map((row) => ({ siteId: row.siteId, from: row.firstAttemptAt!, to: row.lastAttemptAt! })),
    );
    return new Map(
      rows.map((row) => {
        const worked = hours.get(row.siteId) ?? null;
        const cost = worked !== null && row.costPerHour !== null ? worked * row.costPerHour : null;
        return [row.siteId, { hours: worked, cost }];
      }),
    );
  }

  private historyReader(): SeatHoursReader | null {
    if (this.history === undefined) {
      try {
        this.history = this.modules.get(SeatHoursReader, { strict: false });
      } catch {
        this.history = null;
      }
    }
    return this.history;
  }
}
