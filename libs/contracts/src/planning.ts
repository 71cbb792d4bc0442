/** Capacity planning: the shapes of the `/planning` routes. */
export type PlanningTargetKind = 'service_level' | 'asa' | 'abandonment';

export interface PlanningTarget {
  kind: PlanningTargetKind;
  /** service_level: answer time T; asa: the highest mean wait of answered calls */
  seconds?: number;
  /** service_level: share of offered calls answered within T */
  level?: number;
  /** abandonment: highest share of offered calls that abandon */
  rate?: number;
}

/** The figures of one interval of one queue. Service level: answered within T over all offered calls. */
export interface QueueFiguresView {
  agents: number;
  trafficErlangs: number;
  probabilityOfWaiting: number;
  serviceLevel: number;
  serviceLevelOfAnswered: number;
  /** null when the queue grows without bound */
  asaSeconds: number | null;
  occupancy: number;
  probabilityOfAbandoning: number;
}

export interface WhatIfIntervalView extends QueueFiguresView {
  index: number;
  calls: number;
  requiredAgents: number;
  /** required agents over (1 − shrinkage), not rounded */
  scheduledAgents: number;
}

export interface WhatIfView {
  model: 'erlang_c' | 'erlang_a';
  serviceLevelDefinition: 'answered_within_t_over_offered';
  serviceSeconds: number;
  intervals: WhatIfIntervalView[];
  scheduledAgentHours: number;
  peakScheduledAgents: number;
  serviceLevel: number;
  probabilityOfAbandoning: number;
}

export interface PlanningQueueView {
  id: string;
  name: string;
  ahtSeconds: number;
  patienceSeconds: number | null;
  target: PlanningTarget;
  maxOccupancy: number;
  sites: Array<{ siteId: string; share: number }>;
}

export interface VolumesResult {
  queueId: string;
  /** intervals written (an interval sent again replaces the stored one) */
  intervals: number;
}

export interface VolumePointView {
  start: string;
  calls: number;
}

export interface CapacityIntervalView {
  start: string;
  /** agents to schedule, shrinkage included, rounded up once on the group's total */
  requiredAgents: number;
  /** agents present at once (on the phones or on in-shift breaks): the seats they need */
  requiredSeats: number;
  /** staffed seats (latest staffing report) − required seats; negative: short */
  gap: number | null;
}

export interface CapacityDayView {
  date: string;
  scheduledAgentHours: number;
  peakAgents: number;
  peakSeats: number;
}

export interface CapacityGroupView {
  key: string;
  label: string;
  siteIds: string[];
  /** from the latest staffing reports */
  staffedSeats: number | null;
  declaredHeadcount: number | null;
  absenteeism: number | null;
  /** seats not offline right now (live seat states) */
  liveAgents: number;
  /** live agents − required seats of the interval running now; null when now is outside the window */
  liveGap: number | null;
  intervals: CapacityIntervalView[];
  days: CapacityDayView[];
}

export interface CapacityPlanView {
  from: string;
  days: number;
  timeZone: string;
  groupBy: 'site' | 'partner' | 'country';
  inShiftShrinkage: number;
  /** first interval whose demand is forecast (Holt–Winters, no stored volume); null: stored volumes only */
  forecastFrom: string | null;
  groups: CapacityGroupView[];
}

export interface PoolingIntervalView {
  start: string;
  calls: number;
  pooledAgents: number;
  splitAgents: number;
  /** agents the split costs: split − pooled */
  splitCost: number;
}

export interface PoolingView {
  queueId: string;
  sites: number;
  intervals: PoolingIntervalView[];
  pooledAgentHours: number;
  splitAgentHours: number;
  splitCostAgentHours: number;
}

export interface HeadcountSuggestionView {
  siteId: string;
  month: string;
  /** null when the site answers no queue with volumes that month */
  suggestedHeadcount: number | null;
  scheduledAgentHours: number;
  daysWithDemand: number;
  hoursPerFtePerWeek: number;
  declaredHeadcount: number | null;
  plannedHeadcount: number | null;
}

/** Sent in the `network` room when planning inputs (queues, volumes) change. */
export interface PlanningUpdatedEvent {
  reason: 'queue' | 'volumes';
  queueId: string;
  at: string;
}

export interface ForecastPointView {
  start: string;
  /** stored volume of the interval, null when none */
  actual: number | null;
  holtWinters: number;
  seasonalNaive: number;
}

/** A queue's coming weeks by Holt–Winters and seasonal naive, and both scored on held-out weeks. */
export interface QueueForecastView {
  queueId: string;
  /** first forecast day (Europe/Paris) */
  from: string;
  weeks: number;
  historyWeeks: number;
  holdoutWeeks: number;
  /** intervals of history with a stored volume (the rest count as 0 calls) */
  historyIntervals: number;
  /** false when the history is shorter than two weeks before the held-out part: nothing forecast */
  available: boolean;
  params: { alpha: number; beta: number; gamma: number } | null;
  wape: { holtWinters: number | null; seasonalNaive: number | null };
  /** the held-out weeks (the last of the history): actuals against both forecasts */
  heldOut: ForecastPointView[];
  /** the coming weeks */
  intervals: ForecastPointView[];
}

/** A running campaign's outbound workload: calls left and agents per lawful interval to finish in time. */
/** What one attempt of a kind holds an agent, and where the figure comes from. */
export interface HandleTimeView {
  /** on a call: talk of a reached attempt; dialling and ringing of an unreached one */
  talkSeconds: number;
  wrapUpSeconds: number;
  /** talk + wrap-up */
  seconds: number;
  /** measured from the campaign's seat-minutes and attempts, or assumed (the default) for want of data */
  source: 'measured' | 'assumed';
  /** attempts of this kind in intervals with seat history: the sample */
  attempts: number;
}

/** A campaign's handle times over its recent history (live's minute history by campaign and its attempts). */
export interface OutboundHandleTimesView {
  /** days of history read before now */
  historyDays: number;
  /** attempts a kind needs to be measured rather than assumed */
  minMeasuredAttempts: number;
  /** 30-minute intervals with seat history and attempts */
  intervals: number;
  /** seat-minutes on a call or in wrap-up in them */
  busySeatMinutes: number;
  /** attempts that reached someone (reached, sale, refused, callback, do_not_call) */
  reached: HandleTimeView;
  /** attempts that reached nobody (no_answer, wrong_number) */
  unreached: HandleTimeView;
}

/** The contacts left of one consumer calendar and the lawful intervals their calls are spread over. */
export interface OutboundCalendarView {
  /** FR, FR-AM (Alsace-Moselle), GP, MQ, GF, RE, YT, PM, BL, MF */
  calendar: string;
  timeZone: string;
  contactsLeft: number;
  /** lawful intervals on these consumers' clock and holidays used by the plan */
  lawfulIntervals: number;
  /** agents on the phones in each of them for these contacts, not rounded */
  agentsPerInterval: number;
}

export interface OutboundPlanView {
  campaignId: string;
  name: string;
  /** posterior mean reach rate per attempt (Beta prior, attempts and reached so far) */
  reachRate: number;
  /** expected attempts per contact left, at most 4 */
  attemptsPerContact: number;
  secondsPerAttempt: number;
  callsLeft: number;
  workHours: number;
  /** 30-minute intervals lawful for at least one calendar's contacts (weekdays 10-13 and 14-20 on the consumers' clock, no public holiday of their territory) until the end date, or the finish */
  lawfulIntervals: number;
  /** mean over those intervals */
  callsPerInterval: number;
  /** agents on the phones per lawful interval over all sites, mean over those intervals, not rounded */
  agentsPerInterval: number;
  /** the busiest interval's agents on the phones, not rounded */
  peakAgentsPerInterval: number;
  /** without an end date: when the work is done at today's live agents on the campaign */
  finishesAt: string | null;
  /** the end date has passed (or leaves no lawful interval) with contacts left */
  overdue: boolean;
  firstInterval: string | null;
  lastInterval: string | null;
  sites: Array<{ siteId: string; share: number; agentsPerInterval: number }>;
  calendars: OutboundCalendarView[];
  handleTimes: OutboundHandleTimesView;
}
