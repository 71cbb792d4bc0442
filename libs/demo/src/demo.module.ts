import { Module } from '@nestjs/common';
import { NetworkModule } from '#network';
import { PlanningModule } from '#planning';
import { StaffingModule } from '#staffing';
import { DemoSeeder } from './demo-seeder.js';

@Module({
  imports: [NetworkModule, StaffingModule, PlanningModule],
  providers: [DemoSeeder],
  exports: [DemoSeeder],
})
export class DemoModule {}
