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
      // a scheduled run writes the minute its slot fell due, even when it runs late: a worker killed
      // mid-rollup hands the job over only once its lock expires (up to 30 s), often in the next
      // minute, which the next slot writes anyway; the minute of the killed run would stay a gap
      contextJob(
        'live.rollup',
        ({ at }, job) => this.rollup.rollup(new Date(at ?? job.dueAt)),
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
