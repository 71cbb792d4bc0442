import { Module } from '@nestjs/common';
import { CampaignsModule } from '#campaigns';
import { NetworkModule } from '#network';
import { PlanningModule } from '#planning';
import { StaffingModule } from '#staffing';
import { DemoSeeder } from './demo-seeder.js';

@Module({
  imports: [NetworkModule, StaffingModule, PlanningModule, CampaignsModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
