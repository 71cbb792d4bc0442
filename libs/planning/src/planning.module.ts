import { Module } from '@nestjs/common';
import { CampaignsModule } from '#campaigns';
import { LiveModule } from '#live';
import { NetworkModule } from '#network';
import { StaffingModule } from '#staffing';
import { CapacityPlanService } from './application/capacity-plan.service.js';
import { ForecastService } from './application/forecast.service.js';
import { OutboundService } from './application/outbound.service.js';
import { PlanningEvents } from './application/planning-events.js';
import { PlanningQueuesService } from './application/planning-queues.service.js';
import { PlanningController } from './http/planning.controller.js';
import { PlanningStore } from './store/planning.store.js';

const services = [
  PlanningStore,
  PlanningEvents,
  PlanningQueuesService,
  ForecastService,
  OutboundService,
  CapacityPlanService,
];

/** Capacity planning without HTTP: queues, volumes, required agents and seats, suggestions. */
@Module({
  imports: [NetworkModule, StaffingModule, CampaignsModule, LiveModule],
  providers: services,
  exports: [PlanningQueuesService, ForecastService, OutboundService, CapacityPlanService],
})
export class PlanningModule {}

/** The planning REST routes, for the api. */
@Module({ imports: [PlanningModule], controllers: [PlanningController] })
export class PlanningHttpModule {}
