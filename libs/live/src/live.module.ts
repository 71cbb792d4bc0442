import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '#alerts';
import { AppConfig } from '#config';
import { CampaignSitesModule, SeatHoursReader } from '#campaigns';
import { NetworkModule } from '#network';
import { StaffingModule } from '#staffing';
import { RedisConnection } from '#redis';
import { LiveAlerts } from './application/live-alerts.js';
import { LiveBroadcaster } from './application/live-broadcaster.js';
import { LiveMetrics } from './application/live-metrics.js';
import { LivePublisher } from './application/live-publisher.js';
import { LiveRecovery } from './application/live-recovery.js';
import { LiveQueryService } from './application/live-query.service.js';
import { LiveStore } from './application/live-store.js';
import { MemoryLiveStore } from './application/memory-live-store.js';
import { OccupancyRollup } from './application/occupancy-rollup.js';
import { RedisLiveStore } from './application/redis-live-store.js';
import { LiveSeatHours } from './application/seat-hours.js';
import { SeatEventsService } from './application/seat-events.service.js';
import { SeatRegistry } from './application/seat-registry.js';
import { SeatStateStore } from './store/seat-state.store.js';
import { SiteMinuteStore } from './store/site-minutes.store.js';
import { LiveSeatState } from './domain/live-seat-state.entity.js';
import { LiveSiteMinute } from './domain/live-site-minute.entity.js';
import { LiveJobs } from './live.jobs.js';
import { CampaignMinutesStore } from './store/campaign-minutes.store.js';
import { LiveController } from './http/live.controller.js';
import { LiveGateway } from './http/live.gateway.js';

/** Redis keys of the live store (per REDIS_PREFIX, so test runs sharing a server stay apart). */
export function liveRedisPrefix(config: AppConfig): string {
  return `${config.REDIS_PREFIX}:live`;
}

const services = [
  SeatRegistry,
  LiveQueryService,
  LiveBroadcaster,
  LivePublisher,
  LiveMetrics,
  SeatEventsService,
  OccupancyRollup,
  LiveAlerts,
  LiveRecovery,
  CampaignMinutesStore,
];

/** Live seat state, aggregation, history and publishing: no HTTP, no sockets (worker, cli). */
@Module({
  imports: [
    NetworkModule,
    AlertsModule,
    StaffingModule,
    CampaignSitesModule,
    TypeOrmModule.forFeature([LiveSiteMinute, LiveSeatState]),
  ],
  providers: [
    SeatStateStore,
    SiteMinuteStore,
    ...services,
    LiveJobs,
    { provide: SeatHoursReader, useClass: LiveSeatHours },
    {
      provide: LiveStore,
      inject: [AppConfig, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) =>
        redis.client ? new RedisLiveStore(redis.client, liveRedisPrefix(config)) : new MemoryLiveStore(),
    },
  ],
  exports: [LiveStore, SeatHoursReader, ...services],
})
export class LiveModule {}

/** The live REST routes and the socket.io `/live` gateway, for the api. */
@Module({ imports: [LiveModule], controllers: [LiveController], providers: [LiveGateway] })
export class LiveHttpModule {}
