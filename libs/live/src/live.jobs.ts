import { Injectable } from '@nestjs/common';
import { type ContextJob, contextJob, ContextJobs } from '#jobs';
import { LIVE_ALERTS_EVERY_MS, LiveAlerts } from './application/live-alerts.js';
import { OccupancyRollup, ROLLUP_EVERY_MS } from './application/occupancy-rollup.js';

/** The live jobs: the minute rollup (occupancy rows, saved seat states) and the live alerts. */
@Injectable()
export class LiveJobs extends ContextJobs {
  constructor(
    private readonly rollup: OccupancyRollup,
    private readonly alerts: LiveAlerts,
  ) {
    super();
  }

  protected jobs(): ContextJob[] {
    return [
      contextJob(
        'live.rollup',
        ({ at }) => this.rollup.rollup(at ? new Date(at) : undefined),
        ROLLUP_EVERY_MS,
      ),
      contextJob(
        'live.alerts',
        ({ at }) => this.alerts.check(at ? new Date(at) : undefined),
        LIVE_ALERTS_EVERY_MS,
      ),
    ];
  }
}
