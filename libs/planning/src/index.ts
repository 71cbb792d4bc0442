export {
  erlangB,
  erlangC,
  meetsGoal,
  nextErlangB,
  queueOutcome,
  requiredAgentCount,
  requiredAgents,
  scheduledAgents,
  trafficOf,
  MAX_AGENTS,
  type QueueLoad,
  type QueueOutcome,
  type StaffingGoal,
  type StaffingTarget,
} from './domain/queueing.js';
export {
  addOutbound,
  agentsFor,
  ceilOnce,
  goalOf,
  pooling,
  siteNeeds,
  totalShrinkage,
  whatIf,
  INTERVAL_MINUTES,
  INTERVAL_MS,
  INTERVAL_SECONDS,
  type PoolingInterval,
  type QueueSpec,
  type QueueVolume,
  type Shrinkage,
  type PlanWindowSpan,
  type SiteNeeds,
  type WhatIfInput,
  type WhatIfInterval,
  type WhatIfResult,
} from './domain/capacity-plan.js';
export { PlanningError, PlanningErrorCode, type VolumeProblem } from './domain/planning.error.js';
export { CapacityPlanService, PLANNING_TIME_ZONE } from './application/capacity-plan.service.js';
export { PlanningQueuesService } from './application/planning-queues.service.js';
export { ForecastService, PLAN_HISTORY_WEEKS } from './application/forecast.service.js';
export {
  HANDLE_HISTORY_DAYS,
  lawfulStarts,
  OutboundService,
  type OutboundLoad,
} from './application/outbound.service.js';
export {
  attemptsPerContact,
  outboundPlan,
  OUTBOUND_DEFAULTS,
  type CalendarPlan,
  type LawfulStarts,
  type OutboundAssumptions,
  type OutboundCampaign,
  type OutboundInterval,
  type OutboundPlan,
} from './domain/outbound.js';
export {
  HANDLE_PRIOR,
  measureHandleTimes,
  MIN_MEASURED_ATTEMPTS,
  PRIOR_WEIGHT_ATTEMPTS,
  type HandlePrior,
  type HandleSample,
  type HandleTime,
  type HandleTimes,
} from './domain/handle-times.js';
export {
  AcceptPlanDto,
  CapacityQuery,
  CreateQueueDto,
  ForecastQuery,
  PutVolumesDto,
  SuggestionQuery,
  TargetDto,
  WhatIfDto,
  WindowQuery,
} from './application/planning.dto.js';
export { PlanningModule, PlanningHttpModule } from './planning.module.js';
export {
  forecastQueue,
  holtWinters,
  localWeekSlots,
  seasonalNaive,
  wape,
  WEEK_INTERVALS,
  type HoltWintersParams,
  type QueueForecast,
} from './domain/forecast.js';
