import { ApiProperty } from '@nestjs/swagger';
import type {
  CapacityDayView,
  CapacityGroupView,
  CapacityIntervalView,
  CapacityPlanView,
  ForecastPointView,
  HandleTimeView,
  OutboundCalendarView,
  OutboundHandleTimesView,
  OutboundPlanView,
  QueueForecastView,
  HeadcountSuggestionView,
  PlanningQueueView,
  PlanningTarget,
  PlanningTargetKind,
  PoolingIntervalView,
  PoolingView,
  VolumePointView,
  VolumesResult,
  WhatIfIntervalView,
  WhatIfView,
} from '#contracts';
import { CAPACITY_GROUPS, TARGET_KINDS } from '../application/planning.dto.js';

const nullableNumber = (description?: string) => ApiProperty({ type: Number, nullable: true, description });

export class WhatIfIntervalResponse implements WhatIfIntervalView {
  @ApiProperty() index: number;
  @ApiProperty() calls: number;
  @ApiProperty({ description: 'agents on the phones the target needs (-1: out of reach)' })
  requiredAgents: number;
  @ApiProperty({ description: 'required agents / (1 − shrinkage), not rounded' }) scheduledAgents: number;
  @ApiProperty({ description: 'agents the figures below are computed at (given, or required)' })
  agents: number;
  @ApiProperty({ description: 'offered load, Erlangs' }) trafficErlangs: number;
  @ApiProperty() probabilityOfWaiting: number;
  @ApiProperty({ description: 'answered within T over all offered calls' }) serviceLevel: number;
  @ApiProperty({ description: 'answered within T over answered calls' }) serviceLevelOfAnswered: number;
  @nullableNumber('mean wait of answered calls, seconds; null when the queue grows without bound')
  asaSeconds: number | null;
  @ApiProperty() occupancy: number;
  @ApiProperty() probabilityOfAbandoning: number;
}

export class WhatIfResponse implements WhatIfView {
  @ApiProperty({ enum: ['erlang_c', 'erlang_a'] }) model: 'erlang_c' | 'erlang_a';
  @ApiProperty({ enum: ['answered_within_t_over_offered'] })
  serviceLevelDefinition: 'answered_within_t_over_offered';
  @ApiProperty() serviceSeconds: number;
  @ApiProperty({ type: [WhatIfIntervalResponse] }) intervals: WhatIfIntervalResponse[];
  @ApiProperty({ description: 'scheduled agent-hours, rounded up once on the total' })
  scheduledAgentHours: number;
  @ApiProperty() peakScheduledAgents: number;
  @ApiProperty({ description: 'over all intervals, weighted by calls' }) serviceLevel: number;
  @ApiProperty() probabilityOfAbandoning: number;
}

export class TargetResponse implements PlanningTarget {
  @ApiProperty({ enum: TARGET_KINDS }) kind: PlanningTargetKind;
  @ApiProperty({ required: false }) seconds?: number;
  @ApiProperty({ required: false }) level?: number;
  @ApiProperty({ required: false }) rate?: number;
}

export class QueueSiteResponse {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() share: number;
}

export class PlanningQueueResponse implements PlanningQueueView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() ahtSeconds: number;
  @nullableNumber('mean patience, seconds; null: Erlang C') patienceSeconds: number | null;
  @ApiProperty({ type: TargetResponse }) target: TargetResponse;
  @ApiProperty() maxOccupancy: number;
  @ApiProperty({ type: [QueueSiteResponse] }) sites: QueueSiteResponse[];
}

export class VolumesResponse implements VolumesResult {
  @ApiProperty({ format: 'uuid' }) queueId: string;
  @ApiProperty() intervals: number;
}

export class VolumePointResponse implements VolumePointView {
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty() calls: number;
}

export class CapacityIntervalResponse implements CapacityIntervalView {
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty() requiredAgents: number;
  @ApiProperty() requiredSeats: number;
  @nullableNumber('staffed seats − required seats') gap: number | null;
}

export class CapacityDayResponse implements CapacityDayView {
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty() scheduledAgentHours: number;
  @ApiProperty() peakAgents: number;
  @ApiProperty() peakSeats: number;
}

export class CapacityGroupResponse implements CapacityGroupView {
  @ApiProperty() key: string;
  @ApiProperty() label: string;
  @ApiProperty({ type: [String] }) siteIds: string[];
  @nullableNumber() staffedSeats: number | null;
  @nullableNumber() declaredHeadcount: number | null;
  @nullableNumber('absence share from staffing reports') absenteeism: number | null;
  @ApiProperty({ description: 'seats not offline right now' }) liveAgents: number;
  @nullableNumber('live agents − required seats now') liveGap: number | null;
  @ApiProperty({ type: [CapacityIntervalResponse] }) intervals: CapacityIntervalResponse[];
  @ApiProperty({ type: [CapacityDayResponse] }) days: CapacityDayResponse[];
}

export class CapacityPlanResponse implements CapacityPlanView {
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty() days: number;
  @ApiProperty() timeZone: string;
  @ApiProperty({ enum: CAPACITY_GROUPS }) groupBy: 'site' | 'partner' | 'country';
  @ApiProperty() inShiftShrinkage: number;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      'first interval whose demand is forecast (Holt–Winters, no stored volume); null: stored volumes only',
  })
  forecastFrom: string | null;
  @ApiProperty({ type: [CapacityGroupResponse] }) groups: CapacityGroupResponse[];
}

export class PoolingIntervalResponse implements PoolingIntervalView {
  @ApiProperty({ format: 'date-time' }) start: string;
  @ApiProperty() calls: number;
  @ApiProperty() pooledAgents: number;
  @ApiProperty() splitAgents: number;
  @ApiProperty() splitCost: number;
}

export class PoolingResponse implements PoolingView {
  @ApiProperty({ format: 'uuid' }) queueId: string;
  @ApiProperty() sites: number;
  @ApiProperty({ type: [PoolingIntervalResponse] }) intervals: PoolingIntervalResponse[];
  @ApiProperty() pooledAgentHours: number;
  @ApiProperty() splitAgentHours: number;
  @ApiProperty() splitCostAgentHours: number;
}

export class HeadcountSuggestionResponse implements HeadcountSuggestionView {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({ example: '2026-12' }) month: string;
  @nullableNumber('null when the site answers no queue with volumes that month') suggestedHeadcount:
    number | null;
  @ApiProperty() scheduledAgentHours: number;
  @ApiProperty() daysWithDemand: number;
  @ApiProperty() hoursPerFtePerWeek: number;
  @nullableNumber() declaredHeadcount: number | null;
  @nullableNumber() plannedHeadcount: number | null;
}

export class ForecastPointResponse implements ForecastPointView {
  @ApiProperty({ format: 'date-time' }) start: string;
  @nullableNumber('stored volume of the interval; null when none') actual: number | null;
  @ApiProperty({ description: 'Holt–Winters forecast, calls' }) holtWinters: number;
  @ApiProperty({ description: 'the same interval one week before, calls' }) seasonalNaive: number;
}

export class ForecastParamsResponse {
  @ApiProperty() alpha: number;
  @ApiProperty() beta: number;
  @ApiProperty() gamma: number;
}

export class ForecastWapeResponse {
  @nullableNumber('Σ|actual − forecast| / Σ actual on the held-out weeks') holtWinters: number | null;
  @nullableNumber() seasonalNaive: number | null;
}

export class QueueForecastResponse implements QueueForecastView {
  @ApiProperty({ format: 'uuid' }) queueId: string;
  @ApiProperty({ format: 'date' }) from: string;
  @ApiProperty() weeks: number;
  @ApiProperty() historyWeeks: number;
  @ApiProperty() holdoutWeeks: number;
  @ApiProperty({ description: 'intervals of history with a stored volume (the others count as 0 calls)' })
  historyIntervals: number;
  @ApiProperty({ description: 'false: less than two weeks of history before the held-out weeks' })
  available: boolean;
  @ApiProperty({ type: ForecastParamsResponse, nullable: true }) params: ForecastParamsResponse | null;
  @ApiProperty({ type: ForecastWapeResponse }) wape: ForecastWapeResponse;
  @ApiProperty({
    type: [ForecastPointResponse],
    description: 'held-out weeks: actuals against both forecasts',
  })
  heldOut: ForecastPointResponse[];
  @ApiProperty({ type: [ForecastPointResponse] }) intervals: ForecastPointResponse[];
}

export class OutboundSiteResponse {
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() share: number;
  @ApiProperty({ description: 'agents on the phones per lawful interval for its share, not rounded' })
  agentsPerInterval: number;
}

export class HandleTimeResponse implements HandleTimeView {
  @ApiProperty({
    description: 'on a call: talk of a reached attempt; dialling and ringing of an unreached one',
  })
  talkSeconds: number;
  @ApiProperty() wrapUpSeconds: number;
  @ApiProperty({ description: 'talk + wrap-up: what one attempt of this kind holds an agent' })
  seconds: number;
  @ApiProperty({
    enum: ['measured', 'assumed'],
    description:
      'measured from the seat-minutes of the seats working the campaign and its attempts, interval by interval; ' +
      'assumed (the default) while this kind has fewer than minMeasuredAttempts attempts in intervals with seat history',
  })
  source: 'measured' | 'assumed';
  @ApiProperty({ description: 'attempts of this kind in intervals with seat history: the sample' })
  attempts: number;
}

export class OutboundHandleTimesResponse implements OutboundHandleTimesView {
  @ApiProperty({ description: 'days of history before now the handle times are measured over' })
  historyDays: number;
  @ApiProperty() minMeasuredAttempts: number;
  @ApiProperty({ description: '30-minute intervals with seat history of the campaign and attempts' })
  intervals: number;
  @ApiProperty({ description: 'seat-minutes on a call or in wrap-up in those intervals' })
  busySeatMinutes: number;
  @ApiProperty({
    type: HandleTimeResponse,
    description: 'attempts that reached someone: reached, sale, refused, callback, do_not_call',
  })
  reached: HandleTimeResponse;
  @ApiProperty({
    type: HandleTimeResponse,
    description: 'attempts that reached nobody: no_answer, wrong_number',
  })
  unreached: HandleTimeResponse;
}

export class OutboundCalendarResponse implements OutboundCalendarView {
  @ApiProperty({ description: 'FR, FR-AM (Alsace-Moselle), GP, MQ, GF, RE, YT, PM, BL, MF' })
  calendar: string;
  @ApiProperty({ example: 'Indian/Reunion' }) timeZone: string;
  @ApiProperty() contactsLeft: number;
  @ApiProperty({
    description: "lawful intervals on these consumers' clock and public holidays used by the plan",
  })
  lawfulIntervals: number;
  @ApiProperty({ description: 'agents on the phones in each of them for these contacts, not rounded' })
  agentsPerInterval: number;
}

export class OutboundPlanResponse implements OutboundPlanView {
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'posterior mean reach rate per attempt' }) reachRate: number;
  @ApiProperty({ description: 'expected attempts per contact left (at most 4)' }) attemptsPerContact: number;
  @ApiProperty() secondsPerAttempt: number;
  @ApiProperty() callsLeft: number;
  @ApiProperty() workHours: number;
  @ApiProperty({
    description:
      "30-minute intervals lawful for at least one calendar's contacts (their clock and holidays) until the end date (or the finish)",
  })
  lawfulIntervals: number;
  @ApiProperty({ description: 'mean over the lawful intervals' }) callsPerInterval: number;
  @ApiProperty({ description: 'agents on the phones per lawful interval, all sites, mean, not rounded' })
  agentsPerInterval: number;
  @ApiProperty({ description: "the busiest interval's agents on the phones, not rounded" })
  peakAgentsPerInterval: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishesAt: string | null;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firstInterval: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastInterval: string | null;
  @ApiProperty({ type: [OutboundSiteResponse] }) sites: OutboundSiteResponse[];
  @ApiProperty({
    type: [OutboundCalendarResponse],
    description: 'the contacts left by their consumer calendar',
  })
  calendars: OutboundCalendarResponse[];
  @ApiProperty({ type: OutboundHandleTimesResponse }) handleTimes: OutboundHandleTimesResponse;
}
