import { Global, Module } from '@nestjs/common';
import { Clock, SystemClock } from './time/clock.js';

/** Process-wide basics: the clock (overridden with a FixedClock in tests). */
@Global()
@Module({ providers: [{ provide: Clock, useClass: SystemClock }], exports: [Clock] })
export class CoreModule {}
