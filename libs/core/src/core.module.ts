import { Global, Module } from '@nestjs/common';
import { EventBus } from './events/event-bus.js';
import { SpoolSweeper } from './http/spooled-upload.js';
import { Clock, SystemClock } from './time/clock.js';

/**
 * Process-wide basics: the clock (overridden with a FixedClock in tests), the domain event bus, and
 * the sweep of uploads a crash left spooled.
 */
@Global()
@Module({
  providers: [{ provide: Clock, useClass: SystemClock }, EventBus, SpoolSweeper],
  exports: [Clock, EventBus],
})
export class CoreModule {}
