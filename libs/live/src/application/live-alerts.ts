import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { DateTime } from 'luxon';
import { AlertsService } from '#alerts';
import { AllocationService } from '#campaigns';
import type { SiteLive } from '#contracts';
import { Clock, UNRESTRICTED } from '#core';
import { StaffedCapacity } from '#staffing';
import { isCallingTime } from '../domain/calling-day.js';
import { LiveQueryService } from './live-query.service.js';
import { LiveStore } from './live-store.js';
import { SeatRegistry } from './seat-registry.js';

export const LIVE_ALERT_KINDS = {
  belowPlan: 'live.seats_below_plan',
  belowAllocation: 'live.seats_below_allocation',
  feedSilent: 'live.feed_silent',
} as const;

export const LIVE_ALERTS_EVERY_MS = 30_000;
/** Staffed seats under this share of the target raise an alert. */
export const SHORTFALL_RATIO = 0.8;
/**
 * An open shortfall alert resolves only once staffed seats are back to this share of the target
 * (hysteresis: a site hovering around the raise threshold does not open and resolve every check).
 */
export const RECOVERED_RATIO = 0.9;
/** A site whose feed reported nothing for this long while seats are staffed is "silent". */
export const SILENT_AFTER_MS = 5 * 60_000;
/** Minutes after a calling window opens before shortfalls count (agents are still logging in). */
const LOGIN_GRACE_MINUTES = 15;

interface Finding {
  siteId: string;
  partnerId: string;
  dedupeKey: string;
  message: string;
  details: Record<string, unknown>;
}

/**
 * Live alerts, checked every 30 s during the French calling day: a site whose staffed seats fall
 * below its headcount plan or below its share of a running campaign, and a seat feed that went
 * silent while seats were staffed. Raised and resolved through libs/alerts (idempotent while open).
 */
@Injectable()
export class LiveAlerts {
  private allocations?: AllocationService | null;

  constructor(
    private readonly alerts: AlertsService,
    private readonly registry: SeatRegistry,
    private readonly query: LiveQueryService,
    private readonly store: LiveStore,
    private readonly capacity: StaffedCapacity,
    private readonly modules: ModuleRef,
    private readonly clock: Clock,
  ) {}

  /** Raises what is wrong at `at` (default now) and resolves what no longer is. */
  async check(at: Date = this.clock.now()): Promise<Record<string, number>> {
    const sites = await this.query.siteFigures(await this.registry.sitesOf(UNRESTRICTED));
    const fed = sites.filter((site) => site.lastEventAt !== null);
    const calling = isCallingTime(at);
    const settled = isCallingTime(at, LOGIN_GRACE_MINUTES);
    const findings = {
      [LIVE_ALERT_KINDS.feedSilent]: calling ? this.silentFeeds(fed, at) : [],
      [LIVE_ALERT_KINDS.belowPlan]: settled ? await this.belowPlan(fed, at) : [],
      [LIVE_ALERT_KINDS.belowAllocation]: settled ? await this.belowAllocation(fed) : [],
    };
    const open: Record<string, number> = {};
    for (const [kind, list] of Object.entries(findings)) {
      // agents logging in after a break: shortfalls neither open nor resolve until it settles
      if (calling && !settled && kind !== LIVE_ALERT_KINDS.feedSilent) {
        open[kind] = (await this.alerts.openOf(kind)).length;
        continue;
      }
      for (const finding of list) await this.alerts.raise({ kind, ...finding });
      await this.alerts.resolveAllExcept(
        kind,
        list.map((finding) => finding.dedupeKey),
      );
      open[kind] = list.length;
    }
    return open;
  }

  private silentFeeds(sites: SiteLive[], at: Date): Finding[] {
    return sites
      .filter((site) => site.staffed > 0 && at.getTime() - Date.parse(site.lastEventAt!) > SILENT_AFTER_MS)
      .map((site) => ({
        siteId: site.siteId,
        partnerId: site.partnerId,
        dedupeKey: site.siteId,
        message: `${site.name}: no seat state received since ${site.lastEventAt} while ${site.staffed} seats were staffed; is the feed down?`,
        details: { lastEventAt: site.lastEventAt, staffed: site.staffed },
      }));
  }

  private async belowPlan(sites: SiteLive[], at: Date): Promise<Finding[]> {
    if (!sites.length) return [];
    const month = DateTime.fromJSDate(at, { zone: 'UTC' }).startOf('month').toISODate()!;
    const plans = await this.capacity.plannedHeadcounts(
      month,
      sites.map((site) => site.siteId),
    );
    const open = await this.openKeys(LIVE_ALERT_KINDS.belowPlan);
    return sites.flatMap((site) => {
      const plan = plans.get(site.siteId);
      if (!plan) return [];
      // seats against seats: the plan is people, at most one per active seat at a time
      const expected = Math.min(plan, site.seats);
      const target = Math.floor(expected * SHORTFALL_RATIO);
      const recovered = Math.ceil(expected * RECOVERED_RATIO);
      if (site.staffed >= (open.has(site.siteId) ? recovered : target)) return [];
      const share = Math.round((site.staffed / expected) * 100);
      return [
        {
          siteId: site.siteId,
          partnerId: site.partnerId,
          dedupeKey: site.siteId,
          message:
            `${site.name}: ${site.staffed} of ${expected} expected seats staffed (${share}%), below ${target} seats ` +
            `(${SHORTFALL_RATIO * 100}%); clears at ${recovered} seats. Expected seats: the ${plan} people ` +
            `planned for ${month?.slice(0, 7)}, at most the site's ${site.seats} active seats.`,
          details: {
            staffed: site.staffed,
            expected,
            plan,
            activeSeats: site.seats,
            target,
            recovered,
            month,
          },
        },
      ];
    });
  }

  /** Seats on each running campaign at each site against the site's share of the campaign's staffed seats. */
  private async belowAllocation(sites: SiteLive[]): Promise<Finding[]> {
    const allocations = this.allocationReader();
    if (!sites.length || !allocations) return [];
    const rows = await allocations.runningShares();
    const byId = new Map(sites.map((site) => [site.siteId, site]));
    const open = await this.openKeys(LIVE_ALERT_KINDS.belowAllocation);
    const findings: Finding[] = [];
    for (const campaignId of new Set(rows.map((row) => row.campaignId))) {
      const counters = await this.store.campaignCounters(campaignId);
      const staffedAt = (siteId: string) => {
        const counts = counters.get(siteId) ?? {};
        return Object.entries(counts).reduce(
          (sum, [state, n]) => sum + (state === 'offline' ? 0 : Math.max(0, n ?? 0)),
          0,
        );
      };
      const shares = rows.filter((row) => row.campaignId === campaignId);
      const total = shares.reduce((sum, row) => sum + staffedAt(row.siteId), 0);
      for (const row of shares) {
        const site = byId.get(row.siteId);
        const expected = Math.floor(total * row.share * SHORTFALL_RATIO);
        const staffed = staffedAt(row.siteId);
        const dedupeKey = `${campaignId}:${row.siteId}`;
        const recovered = Math.ceil(total * row.share * RECOVERED_RATIO);
        if (!site || expected < 5 || staffed >= (open.has(dedupeKey) ? recovered : expected)) continue;
        findings.push({
          siteId: site.siteId,
          partnerId: site.partnerId,
          dedupeKey,
          message: `${site.name}: ${staffed} seats on campaign "${row.campaignName}", below ${expected} (${SHORTFALL_RATIO * 100}% of its ${Math.round(row.share * 100)}% share of ${total} staffed seats).`,
          details: { campaignId, staffed, expected, share: row.share, campaignStaffed: total },
        });
      }
    }
    return findings;
  }

  private async openKeys(kind: string): Promise<Set<string>> {
    return new Set((await this.alerts.openOf(kind)).map((alert) => alert.dedupeKey));
  }

  /**
   * Campaign shares come from the campaigns context when this process runs it (the api and the
   * worker do; the command line does not, and skips this check).
   */
  private allocationReader(): AllocationService | null {
    if (this.allocations === undefined) {
      try {
        this.allocations = this.modules.get(AllocationService, { strict: false });
      } catch {
        this.allocations = null;
      }
    }
    return this.allocations;
  }
}
