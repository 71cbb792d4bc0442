import { Module } from '@nestjs/common';
import { NetworkModule } from '#network';
import { StaffingModule } from '#staffing';
import { DemoSeeder } from './demo-seeder.js';

@Module({ imports: [NetworkModule, StaffingModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
