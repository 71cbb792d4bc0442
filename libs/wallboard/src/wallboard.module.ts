import { Module } from '@nestjs/common';
import { AlertsModule } from '#alerts';
import { BillingModule } from '#billing';
import { CampaignsModule } from '#campaigns';
import { LiveModule, WallLinks } from '#live';
import { PlanningModule } from '#planning';
import { ActivityPublisher } from './application/activity-publisher.js';
import { ActivityRollup } from './application/activity-rollup.js';
import { ActivityService } from './application/activity.service.js';
import { PlannedSeats } from './application/planned-seats.js';
import { WallLinkRooms } from './application/wall-link-rooms.js';
import { WallThresholds } from './application/wall-thresholds.js';
import { WallsService } from './application/walls.service.js';
import { WallboardController } from './http/wallboard.controller.js';
import { WallboardStore } from './store/wallboard.store.js';
import { WallboardJobs } from './wallboard.jobs.js';

const services = [
  WallboardStore,
  ActivityService,
  PlannedSeats,
  ActivityPublisher,
  ActivityRollup,
  WallThresholds,
  WallLinkRooms,
  WallsService,
];

/** Activity figures, trends, walls and their thresholds, the live gateway's WallLinks: no HTTP (worker). */
@Module({
  imports: [LiveModule, CampaignsModule, AlertsModule, PlanningModule, BillingModule],
  providers: [...services, WallboardJobs, { provide: WallLinks, useExisting: WallLinkRooms }],
  exports: [...services, WallLinks],
})
export class WallboardModule {}

/** `GET /live/activity` and the walls' routes, for the api. */
@Module({ imports: [WallboardModule, LiveModule], controllers: [WallboardController] })
export class WallboardHttpModule {}
