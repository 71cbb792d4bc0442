import { Injectable } from '@nestjs/common';
import { type ContextJob, contextJob, ContextJobs } from '#jobs';
import { ActivityRollup } from './application/activity-rollup.js';
import { MINUTE_MS } from './domain/activity.js';

/** The wallboard's job: the minute rollup of seats by campaign, activity to every room, tile thresholds. */
@Injectable()
export class WallboardJobs extends ContextJobs {
  constructor(private readonly rollup: ActivityRollup) {
    super();
  }

  protected jobs(): ContextJob[] {
    return [
      contextJob('wallboard.rollup', ({ at }) => this.rollup.run(at ? new Date(at) : undefined), MINUTE_MS),
    ];
  }
}
