import { Module } from '@nestjs/common';
import { AlertsModule } from '#alerts';
import { CampaignsModule } from '#campaigns';
import { LiveModule } from '#live';
import { ActivityPublisher } from './application/activity-publisher.js';
import { ActivityRollup } from './application/activity-rollup.js';
import { ActivityService } from './application/activity.service.js';
import { WallThresholds } from './application/wall-thresholds.js';
import { WallsService } from './application/walls.service.js';
import { WallboardController } from './http/wallboard.controller.js';
import { WallboardStore } from './store/wallboard.store.js';
import { WallboardJobs } from './wallboard.jobs.js';

const services = [
  WallboardStore,
  ActivityService,
  ActivityPublisher,
  ActivityRollup,
  WallThresholds,
  WallsService,
];

/** Activity figures, trends, walls and their thresholds: no HTTP (worker). */
@Module({
  imports: [LiveModule, CampaignsModule, AlertsModule],
  providers: [...services, WallboardJobs],
  exports: services,
})
export class WallboardModule {}

/** `GET /live/activity` and the walls' routes, for the api. */
@Module({ imports: [WallboardModule, LiveModule], controllers: [WallboardController] })
export class WallboardHttpModule {}
