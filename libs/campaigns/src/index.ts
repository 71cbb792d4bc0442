export { CampaignsOptions } from './campaigns.options.js';
export {
  CALLING_RULES,
  SqlParameters,
  callableCalendars,
  callingTimeRule,
  callingWindows,
  complianceRefusals,
  consumerFreeAtSql,
  consumerMayCallSql,
  consumerRuleSql,
  contractInForce,
  lawfulBasisRule,
  lawfulBasisSql,
  nextCallingTime,
  windowEnd,
  type ContactBasis,
  type ConsumerRecord,
} from './compliance/calling-rules.js';
export {
  ARCEP_ALL_CALLER_PREFIXES,
  callerNumberCalendars,
  isArcepCallerNumber,
  isLawfulCallerNumberFor,
} from './compliance/caller-number.js';
export {
  CALENDAR_NAMES,
  calendarOfAddress,
  zoneOfCalendar,
  type ConsumerCalendar,
} from './compliance/consumer-regions.js';
export { canApply, nextStatus } from './campaigns/campaign-lifecycle.js';
export { CampaignsService } from './campaigns/campaigns.service.js';
export { CampaignSites, CampaignSitesModule } from './campaigns/campaign-sites.reader.js';
export { OVERSEAS_NATIONAL, PhoneNormaliser } from './contacts/phone-number.js';
export { ContactRowValidator } from './contacts/contact-row.js';
export { ContactImportService, importJobId } from './contacts/contact-import.service.js';
export { OPPOSITION_LIST_SOURCE, SuppressionsService } from './contacts/suppressions.service.js';
export { compareArms, credibleInterval } from './allocation/posteriors.js';
export {
  allocate,
  decisiveness,
  fitWithinBounds,
  seededRandom,
  testAndLearn,
  type Shares,
  type SiteAllocationInput,
} from './allocation/allocation-strategies.js';
export { AllocationService } from './allocation/allocation.service.js';
export { SeatHoursReader } from './allocation/seat-hours.port.js';
export { CampaignCostReader, type CampaignSiteWindow } from './allocation/campaign-cost.port.js';
export { LeaseService } from './dispatch/lease.service.js';
export { OutcomesService } from './dispatch/outcomes.service.js';
export { LeaseExpiry } from './dispatch/lease-expiry.js';
export { ProgressService } from './progress/progress.service.js';
export { AttemptActivity } from './progress/attempt-activity.js';
export type { AttemptInterval, AttemptMinute, HeldContacts } from './progress/progress.store.js';
export { OutcomeFigures } from './reporting/outcome-figures.js';
export { CampaignsHttpModule, CampaignsModule } from './campaigns.module.js';
export { ImportRecovery, RECOVERY_GRACE_MS } from './contacts/import-recovery.js';
