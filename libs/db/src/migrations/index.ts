import { Network1763800000000 } from './1763800000000-network.js';
import { Identity1763800100000 } from './1763800100000-identity.js';
import { Alerts1763800200000 } from './1763800200000-alerts.js';
import { Staffing1763800210000 } from './1763800210000-staffing.js';
import { IdempotencyJson1763800210001 } from './1763800210001-idempotency-json.js';
import { Live1763800300000 } from './1763800300000-live.js';
import { Campaigns1763800400000 } from './1763800400000-campaigns.js';
import { ContactLocality1763800410000 } from './1763800410000-contact-locality.js';
import { DispatchQueue1763800420000 } from './1763800420000-dispatch-queue.js';
import { ConsumerRecentAttempts1763800430000 } from './1763800430000-consumer-recent-attempts.js';
import { PauseReasons1763801900000 } from './1763801900000-pause-reasons.js';
import { Billing1763801910000 } from './1763801910000-billing.js';
import { Planning1763802000000 } from './1763802000000-planning.js';
import { TestAndLearn1763802100000 } from './1763802100000-test-and-learn.js';
import { ConsumerCalendar1763802216000 } from './1763802216000-consumer-calendar.js';
import { AttemptFlags1763802226000 } from './1763802226000-attempt-flags.js';
import { DropAccountLock1763803000000 } from './1763803000000-drop-account-lock.js';
import { ComplianceReport1763803200000 } from './1763803200000-compliance-report.js';
import { OppositionListRefresh1763803210000 } from './1763803210000-opposition-list-refresh.js';
import { Wallboard1763803600000 } from './1763803600000-wallboard.js';
import { CampaignContactCount1763804100000 } from './1763804100000-campaign-contact-count.js';
import { ContractOffers1763804200000 } from './1763804200000-contract-offers.js';
import { LiveCampaignMinute1763804500000 } from './1763804500000-live-campaign-minute.js';
import { ExchangeRates1763804600000 } from './1763804600000-exchange-rates.js';
import { QueueLawfulBasis1763805000000 } from './1763805000000-queue-lawful-basis.js';

/** Every migration, in order. One set for the embedded server and DATABASE_URL's alike. */
export const MIGRATIONS = [
  Network1763800000000,
  Identity1763800100000,
  Alerts1763800200000,
  Staffing1763800210000,
  IdempotencyJson1763800210001,
  Live1763800300000,
  Campaigns1763800400000,
  ContactLocality1763800410000,
  DispatchQueue1763800420000,
  ConsumerRecentAttempts1763800430000,
  PauseReasons1763801900000,
  Billing1763801910000,
  Planning1763802000000,
  TestAndLearn1763802100000,
  ConsumerCalendar1763802216000,
  AttemptFlags1763802226000,
  DropAccountLock1763803000000,
  ComplianceReport1763803200000,
  OppositionListRefresh1763803210000,
  Wallboard1763803600000,
  CampaignContactCount1763804100000,
  ContractOffers1763804200000,
  LiveCampaignMinute1763804500000,
  ExchangeRates1763804600000,
  QueueLawfulBasis1763805000000,
];
