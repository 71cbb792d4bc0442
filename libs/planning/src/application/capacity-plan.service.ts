import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type {
  CapacityGroupView,
  CapacityPlanView,
  HeadcountSuggestionView,
  PoolingView,
  StaffingPlanView,
  WhatIfView,
} from '#contracts';
import { Clock, type SiteScope, UNRESTRICTED } from '#core';
import type { Actor } from '#identity/access';
import { LiveQueryService } from '#live';
import { type Site, SiteQuery, SitesService } from '#network';
import { PlansService, type SiteStaffingFigures, StaffingReportsService } from '#staffing';
import {
  addOutbound,
  ceilOnce,
  INTERVAL_MINUTES,
  INTERVAL_MS,
  PLANNING_TIME_ZONE,
  pooling,
  type SiteNeeds,
  siteNeeds,
  whatIf,
} from '../domain/capacity-plan.js';
import { PlanningError } from '../domain/planning.error.js';
import { PlanningStore } from '../store/planning.store.js';
import { ForecastService } from './forecast.service.js';
import { OutboundService } from './outbound.service.js';
import { PlanningQueuesService, targetOf } from './planning-queues.service.js';
import { AcceptPlanDto, CapacityQuery, SuggestionQuery, WhatIfDto, WindowQuery } from './planning.dto.js';

export { PLANNING_TIME_ZONE };
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const HOURS_PER_INTERVAL = INTERVAL_MINUTES / 60;
/** the plan's default in-shift shrinkage (breaks, training, coaching) */
const DEFAULT_IN_SHIFT_SHRINKAGE = new CapacityQuery().inShiftShrinkage;

interface PlanWindow {
  from: number;
  to: number;
  /** local date (YYYY-MM-DD) of each interval start */
  dateOf: (start: number) => string;
  starts: number[];
  dates: string[];
}

/**
 * The capacity plan: what each site needs interval by interval against what it has (staffing
 * reports, live seats), what-if answers, pooling, and month-end headcount suggestions.
 */
@Injectable()
export class CapacityPlanService {
  constructor(
    private readonly store: PlanningStore,
    private readonly queues: PlanningQueuesService,
    private readonly forecasts: ForecastService,
    private readonly outbound: OutboundService,
    private readonly sites: SitesService,
    private readonly staffing: StaffingReportsService,
    private readonly plans: PlansService,
    private readonly live: LiveQueryService,
    private readonly clock: Clock,
  ) {}

  whatIf(command: WhatIfDto): WhatIfView {
    const target = targetOf(command.target);
    if (target.kind === 'abandonment' && command.patienceSeconds === undefined)
      throw PlanningError.invalidWhatIf(
        'An abandonment target needs patienceSeconds: without patience nobody abandons (Erlang C).',
        'patienceSeconds',
      );
    if (command.agents && command.agents.length !== command.calls.length)
      throw PlanningError.invalidWhatIf(
        `agents has ${command.agents.length} intervals and calls ${command.calls.length}: give one count per interval.`,
        'agents',
      );
    const serviceSeconds = command.serviceSeconds ?? (target.kind === 'abandonment' ? 0 : target.seconds);
    const result = whatIf({
      calls: command.calls,
      ahtSeconds: command.ahtSeconds,
      patienceSeconds: command.patienceSeconds ?? null,
      target,
      serviceSeconds,
      maxOccupancy: command.maxOccupancy,
      shrinkage: command.shrinkage,
      agents: command.agents,
    });
    return {
      model: command.patienceSeconds === undefined ? 'erlang_c' : 'erlang_a',
      serviceLevelDefinition: 'answered_within_t_over_offered',
      serviceSeconds,
      intervals: result.intervals.map(({ index, calls, requiredAgents, scheduledAgents, outcome }) => ({
        index,
        calls,
        requiredAgents: finite(requiredAgents),
        scheduledAgents: finite(scheduledAgents),
        ...outcome,
        agents: finite(outcome.agents),
        asaSeconds: Number.isFinite(outcome.asaSeconds) ? outcome.asaSeconds : null,
      })),
      scheduledAgentHours: finite(result.scheduledAgentHours),
      peakScheduledAgents: finite(result.peakScheduledAgents),
      serviceLevel: result.serviceLevel,
      probabilityOfAbandoning: result.probabilityOfAbandoning,
    };
  }

  /** Required agents and seats per site, partner or country and interval, against staffed seats and live agents. */
  async plan(scope: SiteScope, query: CapacityQuery): Promise<CapacityPlanView> {
    const window = this.windowOf(query);
    const sites = await this.visibleSites(scope);
    const siteIds = sites.map((site) => site.id);
    const [{ needs, forecastFrom }, figures, live] = await Promise.all([
      this.needs(window, siteIds, query.inShiftShrinkage, window.dates.at(-1)!),
      this.staffing.latestFigures(siteIds, window.dates.at(-1)!),
      this.live.snapshot(UNRESTRICTED, { scope: 'network' }),
    ]);
    const liveBySite = new Map(live.sites.map((site) => [site.siteId, site.staffed]));
    const now = this.clock.now().getTime();
    const current = now >= window.from && now < window.to ? now - ((now - window.from) % INTERVAL_MS) : null;
    const groups = new Map<string, { label: string; sites: Site[] }>();
    for (const site of sites) {
      const [key, label] =
        query.groupBy === 'site'
          ? [site.id, site.name]
          : query.groupBy === 'partner'
            ? [site.partnerId, site.partner?.name ?? site.partnerId]
            : [site.country, site.country];
      const group = groups.get(key) ?? { label, sites: [] };
      group.sites.push(site);
      groups.set(key, group);
    }
    return {
      from: window.dates[0],
      days: query.days,
      timeZone: PLANNING_TIME_ZONE,
      groupBy: query.groupBy,
      inShiftShrinkage: query.inShiftShrinkage,
      forecastFrom: forecastFrom === null ? null : new Date(forecastFrom).toISOString(),
      groups: [...groups].map(([key, group]) =>
        groupView(key, group.label, group.sites, window, needs, figures, liveBySite, current),
      ),
    };
  }

  /**
   * Agents each of the sites needs at its seats in the interval running at `at` (the plan's
   * requiredSeats before rounding: on the phones plus in-shift shrinkage, inbound and outbound),
   * so a caller rounds once on whatever total it shows; sites needing nobody are left out.
   */
  async seatsNeededAt(
    siteIds: string[],
    at: Date,
    inShiftShrinkage = DEFAULT_IN_SHIFT_SHRINKAGE,
  ): Promise<{ interval: number; bySite: Map<string, number> }> {
    const day = DateTime.fromJSDate(at, { zone: PLANNING_TIME_ZONE }).startOf('day');
    const interval = at.getTime() - ((at.getTime() - day.toMillis()) % INTERVAL_MS);
    const date = day.toISODate()!;
    const window: PlanWindow = {
      from: interval,
      to: interval + INTERVAL_MS,
      starts: [interval],
      dates: [date],
      dateOf: () => date,
    };
    const { needs } = await this.needs(window, siteIds, inShiftShrinkage, date);
    const wanted = new Set(siteIds);
    const bySite = new Map<string, number>();
    for (const [siteId, need] of needs)
      if (wanted.has(siteId) && need.present[0] > 0) bySite.set(siteId, need.present[0]);
    return { interval, bySite };
  }

  /** One pooled queue against today's split across sites, interval by interval. */
  async pooling(scope: SiteScope, queueId: string, query: WindowQuery): Promise<PoolingView> {
    await this.queues.get(scope, queueId); // a queue outside the caller's sites is not found
    const queue = await this.queues.spec(queueId);
    const window = this.windowOf(query);
    const volumes = await this.store.volumes([queueId], window.from, window.to);
    const intervals = pooling(queue, volumes);
    const pooled = intervals.reduce((sum, i) => sum + i.pooledAgents, 0) * HOURS_PER_INTERVAL;
    const split = intervals.reduce((sum, i) => sum + i.splitAgents, 0) * HOURS_PER_INTERVAL;
    return {
      queueId,
      sites: queue.sites.length,
      intervals: intervals.map((i) => ({
        start: new Date(i.start).toISOString(),
        calls: i.calls,
        pooledAgents: i.pooledAgents,
        splitAgents: i.splitAgents,
        splitCost: i.splitAgents - i.pooledAgents,
      })),
      pooledAgentHours: pooled,
      splitAgentHours: split,
      splitCostAgentHours: split - pooled,
    };
  }

  /** The month-end headcount a site needs for the month's demand: agent-hours per week over hours per FTE. */
  async suggestion(
    scope: SiteScope,
    siteId: string,
    month: string,
    query: SuggestionQuery,
  ): Promise<HeadcountSuggestionView> {
    if (!MONTH.test(month)) throw PlanningError.invalidMonth(month);
    await this.visibleSite(scope, siteId);
    const first = DateTime.fromISO(`${month}-01`, { zone: PLANNING_TIME_ZONE });
    const days = Math.round(first.plus({ months: 1 }).diff(first, 'days').days);
    const window = this.windowOf({ date: first.toISODate()!, days });
    const lastDay = window.dates.at(-1)!;
    const [{ needs }, figures, plans] = await Promise.all([
      this.needs(window, [siteId], query.inShiftShrinkage, lastDay),
      this.staffing.latestFigures([siteId], lastDay),
      this.plans.list(scope, siteId, { from: month, to: month }),
    ]);
    const site = needs.get(siteId);
    let hours = 0;
    const daysWithDemand = new Set<string>();
    window.starts.forEach((start, index) => {
      const scheduled = site?.scheduled[index] ?? 0;
      if (scheduled <= 0) return;
      hours += scheduled * HOURS_PER_INTERVAL;
      daysWithDemand.add(window.dateOf(start));
    });
    const weeklyHours = daysWithDemand.size ? (hours / daysWithDemand.size) * 7 : 0;
    return {
      siteId,
      month,
      suggestedHeadcount: daysWithDemand.size ? ceilOnce(weeklyHours / query.hoursPerFtePerWeek) : null,
      scheduledAgentHours: Math.round(hours * 10) / 10,
      daysWithDemand: daysWithDemand.size,
      hoursPerFtePerWeek: query.hoursPerFtePerWeek,
      declaredHeadcount: figures.get(siteId)?.headcount ?? null,
      plannedHeadcount: plans[0]?.headcount ?? null,
    };
  }

  /** Puts the suggestion (or the manager's own figure) into the staffing plan of the month. */
  async accept(
    actor: Actor,
    scope: SiteScope,
    siteId: string,
    month: string,
    command: AcceptPlanDto,
  ): Promise<StaffingPlanView> {
    const suggestion = await this.suggestion(scope, siteId, month, command);
    const headcount = command.headcount ?? suggestion.suggestedHeadcount;
    if (headcount === null) throw PlanningError.noDemand(siteId, month);
    const note =
      command.note?.trim() ||
      `capacity plan: suggested ${suggestion.suggestedHeadcount ?? 'none'} for ${suggestion.scheduledAgentHours} scheduled agent-hours over ${suggestion.daysWithDemand} day(s)`;
    return this.plans.put(actor, scope, siteId, month, { headcount, note: note.slice(0, 500) });
  }

  /** Required agents per site and interval for every queue the sites answer. */
  private async needs(window: PlanWindow, siteIds: string[], inShift: number, asOf: string) {
    const queues = (await this.store.queues()).filter((queue) =>
      queue.sites.some((site) => siteIds.includes(site.siteId)),
    );
    const answering = [...new Set(queues.flatMap((queue) => queue.sites.map((site) => site.siteId)))];
    const queueIds = queues.map((queue) => queue.id);
    const outbound = (await this.outbound.loads(window.from, window.to)).filter((load) =>
      siteIds.includes(load.siteId),
    );
    const [stored, forecast, figures] = await Promise.all([
      this.store.volumes(queueIds, window.from, window.to),
      this.forecasts.planVolumes(queueIds, window.from, window.to),
      this.staffing.latestFigures([...new Set([...answering, ...outbound.map((load) => load.siteId)])], asOf),
    ]);
    // a stored volume wins; the forecast fills the intervals from today on that have none
    const known = new Set(stored.map((volume) => `${volume.queueId}:${volume.start}`));
    const fills = forecast.filter((volume) => !known.has(`${volume.queueId}:${volume.start}`));
    const volumes = fills.length ? [...stored, ...fills] : stored;
    const shrinkageOf = (siteId: string) => ({
      inShift,
      absence: (figures.get(siteId)?.absenteeismPct ?? 0) / 100,
    });
    const span = { from: window.from, intervals: window.starts.length };
    const needs = siteNeeds(queues, volumes, shrinkageOf, span);
    addOutbound(needs, outbound, shrinkageOf, span);
    return {
      needs,
      forecastFrom: fills.reduce<number | null>(
        (first, v) => (first === null || v.start < first ? v.start : first),
        null,
      ),
    };
  }

  /** Intervals of `days` local days from `date` (today by default). */
  window(query: { date?: string; days: number }): PlanWindow {
    return this.windowOf(query);
  }

  private windowOf(query: { date?: string; days: number }): PlanWindow {
    const zone = PLANNING_TIME_ZONE;
    const first = query.date
      ? DateTime.fromISO(query.date, { zone })
      : DateTime.fromJSDate(this.clock.now(), { zone }).startOf('day');
    if (!first.isValid) throw PlanningError.invalidWhatIf(`${query.date} is not a date.`, 'date');
    const from = first.toMillis();
    const to = first.plus({ days: query.days }).toMillis();
    const starts: number[] = [];
    for (let start = from; start < to; start += INTERVAL_MS) starts.push(start);
    const dates = Array.from({ length: query.days }, (_, i) => first.plus({ days: i }).toISODate()!);
    return {
      from,
      to,
      starts,
      dates,
      dateOf: (start) => DateTime.fromMillis(start, { zone }).toISODate()!,
    };
  }

  private async visibleSites(scope: SiteScope): Promise<Site[]> {
    const query = Object.assign(new SiteQuery(), { limit: 10_000, offset: 0 });
    return (await this.sites.list(scope, query)).items;
  }

  private async visibleSite(scope: SiteScope, siteId: string): Promise<Site> {
    try {
      return await this.sites.get(scope, siteId);
    } catch {
      throw PlanningError.siteNotFound(siteId);
    }
  }
}

function groupView(
  key: string,
  label: string,
  sites: Site[],
  window: PlanWindow,
  needs: Map<string, SiteNeeds>,
  figures: Map<string, SiteStaffingFigures>,
  liveBySite: Map<string, number>,
  current: number | null,
): CapacityGroupView {
  const known = sites.map((site) => figures.get(site.id)).filter((f): f is SiteStaffingFigures => !!f);
  const staffedSeats = known.length ? known.reduce((sum, f) => sum + f.seatsStaffed, 0) : null;
  const declaredHeadcount = known.length ? known.reduce((sum, f) => sum + f.headcount, 0) : null;
  const absenteeism = known.length
    ? known.reduce((sum, f) => sum + f.absenteeismPct * f.headcount, 0) /
      100 /
      Math.max(
        1,
        known.reduce((sum, f) => sum + f.headcount, 0),
      )
    : null;
  const liveAgents = sites.reduce((sum, site) => sum + (liveBySite.get(site.id) ?? 0), 0);
  const days = new Map<string, { hours: number; peakAgents: number; peakSeats: number }>();
  for (const date of window.dates) days.set(date, { hours: 0, peakAgents: 0, peakSeats: 0 });
  let liveGap: number | null = null;
  const intervals = window.starts.map((start, index) => {
    let scheduled = 0;
    let present = 0;
    for (const site of sites) {
      const need = needs.get(site.id);
      if (!need) continue;
      scheduled += need.scheduled[index];
      present += need.present[index];
    }
    const requiredAgents = ceilOnce(scheduled);
    const requiredSeats = ceilOnce(present);
    const day = days.get(window.dateOf(start));
    if (day) {
      day.hours += scheduled * HOURS_PER_INTERVAL;
      day.peakAgents = Math.max(day.peakAgents, requiredAgents);
      day.peakSeats = Math.max(day.peakSeats, requiredSeats);
    }
    if (start === current) liveGap = liveAgents - requiredSeats;
    return {
      start: new Date(start).toISOString(),
      requiredAgents,
      requiredSeats,
      gap: staffedSeats === null ? null : staffedSeats - requiredSeats,
    };
  });
  return {
    key,
    label,
    siteIds: sites.map((site) => site.id),
    staffedSeats,
    declaredHeadcount,
    absenteeism,
    liveAgents,
    liveGap,
    intervals,
    days: [...days].map(([date, day]) => ({
      date,
      scheduledAgentHours: Math.ceil(day.hours * 10 - 1e-9) / 10,
      peakAgents: day.peakAgents,
      peakSeats: day.peakSeats,
    })),
  };
}

/** JSON has no Infinity: an unreachable goal is reported as -1. */
function finite(value: number): number {
  return Number.isFinite(value) ? value : -1;
}
