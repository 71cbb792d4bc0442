import { Injectable } from '@nestjs/common';
import type { OutboundPlanView } from '#contracts';
import {
  AttemptActivity,
  CALENDAR_NAMES,
  CampaignsService,
  callingWindows,
  type ConsumerCalendar,
  ProgressService,
  zoneOfCalendar,
} from '#campaigns';
import { Clock, type SiteScope, UNRESTRICTED } from '#core';
import { CampaignMinutesStore, LiveQueryService } from '#live';
import { INTERVAL_MS, PLANNING_TIME_ZONE } from '../domain/capacity-plan.js';
import {
  type HandleSample,
  type HandleTimes,
  measureHandleTimes,
  MIN_MEASURED_ATTEMPTS,
} from '../domain/handle-times.js';
import {
  type CalendarPlan,
  type OutboundCampaign,
  type OutboundInterval,
  type OutboundPlan,
  OUTBOUND_DEFAULTS,
  outboundPlan,
} from '../domain/outbound.js';

/** Days of seat-minute history and attempts a campaign's handle times are measured over. */
export const HANDLE_HISTORY_DAYS = 28;
const DAY_MS = 86_400_000;

function isCalendar(calendar: string): calendar is ConsumerCalendar {
  return (CALENDAR_NAMES as string[]).includes(calendar);
}

/**
 * The 30-minute intervals of [from, to) whose start lies in a calling window of the calendar's
 * consumers (their clock, their territory's public holidays: campaigns' calling rules); none for
 * a calendar the rules do not know (such a consumer is never leased).
 */
export function lawfulStarts(calendar: string, from: number, to: number): number[] {
  if (!isCalendar(calendar)) return [];
  const starts: number[] = [];
  for (const [opens, closes] of callingWindows(calendar, new Date(from), new Date(to)))
    for (let start = Math.ceil(opens / INTERVAL_MS) * INTERVAL_MS; start < closes; start += INTERVAL_MS)
      starts.push(start);
  return starts;
}

type CampaignPlan = OutboundPlan & {
  intervals: OutboundInterval[];
  calendars: CalendarPlan[];
  sites: OutboundCampaign['sites'];
  handleTimes: HandleTimes;
};

export interface OutboundLoad {
  siteId: string;
  start: number;
  /** agents on the phones (not rounded) */
  agents: number;
}

/**
 * The outbound workload of the running campaigns (read through campaigns' public services): per
 * campaign, the calls left and the agents per lawful interval; per site and interval, the agents
 * its share of each campaign needs, which the capacity plan adds to the inbound queues'.
 */
@Injectable()
export class OutboundService {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly progress: ProgressService,
    private readonly attempts: AttemptActivity,
    private readonly live: LiveQueryService,
    private readonly campaignMinutes: CampaignMinutesStore,
    private readonly clock: Clock,
  ) {}

  async plans(): Promise<CampaignPlan[]> {
    const running = await this.running(UNRESTRICTED);
    const now = this.clock.now().getTime();
    const measured = await this.handleTimes(
      running.map(({ campaign }) => campaign.id),
      now,
    );
    return Promise.all(
      running.map(async ({ campaign, sites }) => {
        const [progress, calendars, live] = await Promise.all([
          this.progress.of(UNRESTRICTED, campaign.id),
          this.progress.contactsLeftByCalendar(campaign.id),
          this.live.snapshot(UNRESTRICTED, { scope: 'campaign', id: campaign.id }),
        ]);
        const split = sites.map((site) => ({ siteId: site.siteId, share: site.share }));
        const outbound: OutboundCampaign = {
          id: campaign.id,
          name: campaign.name,
          endsAt: campaign.endsAt?.getTime() ?? null,
          contactsLeft: progress.contactsLeft,
          calendars,
          attempts: progress.attempts,
          reached: progress.reached,
          sites: split,
        };
        const agentsNow = live.sites.reduce((sum, site) => sum + site.staffed, 0);
        const handleTimes = measured.get(campaign.id)!;
        const assumptions = {
          ...OUTBOUND_DEFAULTS,
          reachedSeconds: handleTimes.reached.seconds,
          unreachedSeconds: handleTimes.unreached.seconds,
        };
        return {
          ...outboundPlan(outbound, now, lawfulStarts, agentsNow, assumptions),
          sites: split,
          handleTimes,
        };
      }),
    );
  }

  /**
   * Each campaign's handle times over the HANDLE_HISTORY_DAYS before `now`: its seats' minute
   * history (live) and its attempts (campaigns), interval by interval.
   */
  private async handleTimes(campaignIds: string[], now: number): Promise<Map<string, HandleTimes>> {
    const from = new Date(now - HANDLE_HISTORY_DAYS * DAY_MS);
    const to = new Date(now);
    const [minutes, attempts] = await Promise.all([
      this.campaignMinutes.byInterval(campaignIds, from, to),
      this.attempts.attemptsByInterval(campaignIds, from, to),
    ]);
    const samples = new Map<string, Map<number, HandleSample>>();
    const sampleOf = (campaignId: string, start: number): HandleSample => {
      let intervals = samples.get(campaignId);
      if (!intervals) samples.set(campaignId, (intervals = new Map()));
      let sample = intervals.get(start);
      if (!sample)
        intervals.set(
          start,
          (sample = { talkMinutes: 0, wrapUpMinutes: 0, sampledMinutes: 0, reached: 0, unreached: 0 }),
        );
      return sample;
    };
    for (const interval of minutes)
      Object.assign(sampleOf(interval.campaignId, interval.start), {
        talkMinutes: interval.onCall,
        wrapUpMinutes: interval.wrapUp,
        sampledMinutes: interval.minutes,
      });
    for (const interval of attempts)
      Object.assign(sampleOf(interval.campaignId, interval.start), {
        reached: interval.reached,
        unreached: interval.attempts - interval.reached,
      });
    return new Map(campaignIds.map((id) => [id, measureHandleTimes([...(samples.get(id)?.values() ?? [])])]));
  }

  /** The plans; a caller limited to some sites sees the campaigns they work, with those sites only. */
  async views(scope: SiteScope): Promise<OutboundPlanView[]> {
    const visible =
      scope.partnerId || scope.siteIds
        ? new Map(
            (await this.running(scope)).map(({ campaign, sites }) => [
              campaign.id,
              new Set(sites.map((site) => site.siteId)),
            ]),
          )
        : undefined;
    const iso = (at: number) => new Date(at).toISOString();
    return (await this.plans())
      .filter((plan) => !visible || visible.has(plan.campaignId))
      .map(({ intervals, sites, finishesAt, calendars, handleTimes, ...plan }) => ({
        ...plan,
        finishesAt: finishesAt === null ? null : iso(finishesAt),
        firstInterval: intervals.length ? iso(intervals[0].start) : null,
        lastInterval: intervals.length ? iso(intervals.at(-1)!.start) : null,
        sites: sites
          .filter((site) => !visible || visible.get(plan.campaignId)!.has(site.siteId))
          .map((site) => ({ ...site, agentsPerInterval: plan.agentsPerInterval * site.share })),
        calendars: calendars.map((calendar) => ({
          ...calendar,
          timeZone: isCalendar(calendar.calendar) ? zoneOfCalendar(calendar.calendar) : PLANNING_TIME_ZONE,
        })),
        handleTimes: {
          historyDays: HANDLE_HISTORY_DAYS,
          minMeasuredAttempts: MIN_MEASURED_ATTEMPTS,
          ...handleTimes,
        },
      }));
  }

  private async running(scope: SiteScope) {
    const query = { status: 'running', limit: 200, offset: 0 } as Parameters<CampaignsService['list']>[1];
    return (await this.campaigns.list(scope, query)).items;
  }

  /** Agents per site and lawful interval of [from, to) that the running campaigns need. */
  async loads(from: number, to: number): Promise<OutboundLoad[]> {
    const loads: OutboundLoad[] = [];
    for (const plan of await this.plans())
      for (const { start, agents } of plan.intervals) {
        if (start < from || start >= to) continue;
        for (const site of plan.sites)
          if (site.share > 0) loads.push({ siteId: site.siteId, start, agents: agents * site.share });
      }
    return loads;
  }
}
