import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NetworkModule } from '#network';
import { AlertsMetrics } from './application/alerts-metrics.js';
import { AlertsService } from './application/alerts.service.js';
import { Alert } from './domain/alert.entity.js';
import { AlertsController } from './http/alerts.controller.js';
import { AlertsStore } from './store/alerts.store.js';

/** Stored alerts for every context (raise/resolve/list), without HTTP (worker, cli). */
@Module({
  imports: [NetworkModule, TypeOrmModule.forFeature([Alert])],
  providers: [AlertsStore, AlertsService, AlertsMetrics],
  exports: [AlertsService],
})
export class AlertsModule {}

/** `GET /alerts`, for the api. */
@Module({ imports: [AlertsModule], controllers: [AlertsController] })
export class AlertsHttpModule {}
