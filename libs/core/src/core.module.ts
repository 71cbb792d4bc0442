import { Global, Module } from '@nestjs/common';
import { EventBus } from './events/event-bus.js';
import { Clock, SystemClock } from './time/clock.js';

/** Process-wide basics: the clock (overridden with a FixedClock in tests) and the domain event bus. */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }, EventBus], exports: [Clock, EventBus] })
export class CoreModule {}
