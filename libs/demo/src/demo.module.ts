import { Module } from '@nestjs/common';
import { NetworkModule } from '#network';
import { DemoSeeder } from './demo-seeder.js';

@Module({ imports: [NetworkModule], providers: [DemoSeeder], exports: [DemoSeeder] })
export class DemoModule {}
