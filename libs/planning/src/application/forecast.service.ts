import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import type { ForecastPointView, QueueForecastView } from '#contracts';
import { Clock, type SiteScope } from '#core';
import { INTERVAL_MS, PLANNING_TIME_ZONE, type QueueVolume } from '../domain/capacity-plan.js';
import { forecastQueue, holtWinters, localWeekSlots, WEEK_INTERVALS } from '../domain/forecast.js';
import { PlanningError } from '../domain/planning.error.js';
import { PlanningStore } from '../store/planning.store.js';
import { PlanningQueuesService } from './planning-queues.service.js';
import type { ForecastQuery } from './planning.dto.js';

const WEEK_MS = WEEK_INTERVALS * INTERVAL_MS;
/** Weeks of history the capacity plan fits its forecast on. */
export const PLAN_HISTORY_WEEKS = 8;

/**
 * Interval volume forecasts of the queues from their stored history: the forecast route (both
 * methods scored on held-out weeks) and the volumes the capacity plan uses where none is stored.
 * History and horizon are 30-minute intervals of absolute time from local midnight; the season is
 * keyed on each interval's local interval of the week (PLANNING_TIME_ZONE), so calls that come at
 * 09:00 Paris are forecast at 09:00 Paris across a daylight-saving change.
 */
@Injectable()
export class ForecastService {
  constructor(
    private readonly store: PlanningStore,
    private readonly clock: Clock,
    private readonly queues: PlanningQueuesService,
  ) {}

  /** A caller limited to some sites forecasts the queues that route calls to them. */
  async forecast(scope: SiteScope, queueId: string, query: ForecastQuery): Promise<QueueForecastView> {
    await this.queues.get(scope, queueId); // a queue outside the caller's sites is not found
    if (query.historyWeeks < query.holdoutWeeks + 2)
      throw PlanningError.invalidWhatIf(
        `historyWeeks (${query.historyWeeks}) must hold two weeks more than holdoutWeeks (${query.holdoutWeeks}).`,
        'historyWeeks',
      );
    const first = this.firstDay(query.date);
    const from = first.toMillis();
    const to = first.plus({ weeks: query.weeks }).toMillis();
    const historyFrom = from - query.historyWeeks * WEEK_MS;
    const [history, ahead] = await Promise.all([
      this.store.volumes([queueId], historyFrom, from),
      this.store.volumes([queueId], from, to),
    ]);
    const horizon = (to - from) / INTERVAL_MS;
    const holdout = query.holdoutWeeks * WEEK_INTERVALS;
    const series = seriesOf(history, historyFrom, from);
    const result = forecastQueue(series.calls, horizon, holdout, WEEK_INTERVALS, slotsOf(series, horizon));
    const actualAhead = new Map(ahead.map((volume) => [volume.start, volume.calls]));
    const point = (start: number, actual: number | null, hw: number, naive: number): ForecastPointView => ({
      start: new Date(start).toISOString(),
      actual,
      holtWinters: round(hw),
      seasonalNaive: naive,
    });
    const heldOutFrom = from - holdout * INTERVAL_MS;
    return {
      queueId,
      from: first.toISODate()!,
      weeks: query.weeks,
      historyWeeks: query.historyWeeks,
      holdoutWeeks: query.holdoutWeeks,
      historyIntervals: history.length,
      available: result !== null,
      params: result?.params ?? null,
      wape: {
        holtWinters: result?.wape.holtWinters ?? null,
        seasonalNaive: result?.wape.seasonalNaive ?? null,
      },
      heldOut: result
        ? result.heldOut.actual.map((actual, i) =>
            point(
              heldOutFrom + i * INTERVAL_MS,
              actual,
              result.heldOut.holtWinters[i],
              result.heldOut.seasonalNaive[i],
            ),
          )
        : [],
      intervals: result
        ? result.holtWinters.map((hw, i) => {
            const start = from + i * INTERVAL_MS;
            return point(start, actualAhead.get(start) ?? null, hw, result.seasonalNaive[i]);
          })
        : [],
    };
  }

  /**
   * Holt–Winters volumes of the queues for the intervals of [from, to) from the start of today on,
   * fitted on the PLAN_HISTORY_WEEKS before today; a queue with less than two weeks of history gets
   * none. Rounded to whole calls.
   */
  async planVolumes(queueIds: string[], from: number, to: number): Promise<QueueVolume[]> {
    const today = DateTime.fromJSDate(this.clock.now(), { zone: PLANNING_TIME_ZONE })
      .startOf('day')
      .toMillis();
    if (!queueIds.length || to <= today) return [];
    const historyFrom = today - PLAN_HISTORY_WEEKS * WEEK_MS;
    const history = await this.store.volumes(queueIds, historyFrom, today);
    const volumes: QueueVolume[] = [];
    for (const queueId of queueIds) {
      const series = seriesOf(
        history.filter((volume) => volume.queueId === queueId),
        historyFrom,
        today,
      );
      if (series.calls.length < 2 * WEEK_INTERVALS) continue;
      const horizon = (to - today) / INTERVAL_MS;
      const { forecast } = holtWinters(series.calls, horizon, WEEK_INTERVALS, slotsOf(series, horizon));
      forecast.forEach((calls, i) => {
        const start = today + i * INTERVAL_MS;
        if (start >= from) volumes.push({ queueId, start, calls: Math.round(calls) });
      });
    }
    return volumes;
  }

  private firstDay(date: string | undefined): DateTime {
    const first = date
      ? DateTime.fromISO(date, { zone: PLANNING_TIME_ZONE })
      : DateTime.fromJSDate(this.clock.now(), { zone: PLANNING_TIME_ZONE }).startOf('day');
    if (!first.isValid) throw PlanningError.invalidWhatIf(`${date} is not a date.`, 'date');
    return first;
  }
}

/**
 * Calls per interval of [from, to) from the first stored volume on (a queue younger than the window
 * is not taken for one that received no call), and the start of the first; an interval without a
 * volume after it counts 0 calls.
 */
function seriesOf(volumes: QueueVolume[], from: number, to: number): { calls: Float64Array; from: number } {
  const series = new Float64Array((to - from) / INTERVAL_MS);
  let first = series.length;
  for (const volume of volumes) {
    const index = (volume.start - from) / INTERVAL_MS;
    series[index] = volume.calls;
    if (index < first) first = index;
  }
  return { calls: series.subarray(first), from: from + first * INTERVAL_MS };
}

/** The local interval of the week of the series' intervals, then of the `horizon` after them. */
function slotsOf(series: { calls: Float64Array; from: number }, horizon: number): Int16Array {
  return localWeekSlots(series.from, series.calls.length + horizon, PLANNING_TIME_ZONE);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
