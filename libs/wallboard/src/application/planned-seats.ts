import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EventBus } from '#core';
import { CapacityPlanService, INTERVAL_MS } from '#planning';

/** How long the plan's need of the running interval is reused (other nodes' planning changes, campaigns). */
const REUSE_MS = 60_000;

export interface SeatsNeeded {
  /** start of the planning interval running (epoch ms) */
  interval: number;
  /** agents needed at their seats by site, unrounded (sites needing nobody are absent) */
  bySite: ReadonlyMap<string, number>;
}

/**
 * What the capacity plan needs now, per site, read through planning's public service. A plan
 * reads queues, volumes, forecasts and the running campaigns, so it is read once per interval
 * and minute at most, and again as soon as planning inputs change in this process.
 */
@Injectable()
export class PlannedSeats implements OnModuleInit, OnModuleDestroy {
  private cached?: { interval: number; readAt: number; needs: Promise<SeatsNeeded> };
  private unsubscribe?: () => void;

  constructor(
    private readonly plan: CapacityPlanService,
    private readonly bus: EventBus,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.onAny((name) => {
      if (name === 'planning.updated') this.cached = undefined;
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async at(siteIds: string[], at: Date): Promise<SeatsNeeded> {
    const cached = this.cached;
    const time = at.getTime();
    if (
      cached &&
      time >= cached.interval &&
      time < cached.interval + INTERVAL_MS &&
      Date.now() - cached.readAt < REUSE_MS
    )
      return cached.needs;
    const needs = this.plan.seatsNeededAt(siteIds, at);
    const entry = { interval: time - (time % INTERVAL_MS), readAt: Date.now(), needs };
    this.cached = entry;
    needs.then(
      ({ interval }) => (entry.interval = interval),
      () => this.cached === entry && (this.cached = undefined),
    );
    return needs;
  }
}
