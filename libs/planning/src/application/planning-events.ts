import { Injectable } from '@nestjs/common';
import type { PlanningUpdatedEvent } from '#contracts';
import { Clock, EventBus } from '#core';

/** Tells dashboards (`planning.updated`, network room) that planning inputs changed, after the write. */
@Injectable()
export class PlanningEvents {
  constructor(
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  updated(reason: PlanningUpdatedEvent['reason'], queueId: string): void {
    this.events.publish('planning.updated', { reason, queueId, at: this.clock.now().toISOString() });
  }
}
