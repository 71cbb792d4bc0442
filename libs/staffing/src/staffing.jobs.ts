import { Injectable } from '@nestjs/common';
import { type ContextJob, contextJob, ContextJobs } from '#jobs';
import { Idempotency, PURGE_IDEMPOTENCY_EVERY_MS, PURGE_IDEMPOTENCY_JOB } from './application/idempotency.js';
import {
  MISSING_REPORTS_EVERY_MS,
  MISSING_REPORTS_JOB,
  MissingReports,
} from './application/missing-reports.js';

/** The staffing jobs: the missing-report sweep and the purge of stored Idempotency-Key answers. */
@Injectable()
export class StaffingJobs extends ContextJobs {
  constructor(
    private readonly missingReports: MissingReports,
    private readonly idempotency: Idempotency,
  ) {
    super();
  }

  protected jobs(): ContextJob[] {
    return [
      contextJob(
        MISSING_REPORTS_JOB,
        ({ at }) => this.missingReports.sweep(at ? new Date(at) : undefined),
        MISSING_REPORTS_EVERY_MS,
      ),
      contextJob(PURGE_IDEMPOTENCY_JOB, () => this.idempotency.purge(), PURGE_IDEMPOTENCY_EVERY_MS),
    ];
  }
}
