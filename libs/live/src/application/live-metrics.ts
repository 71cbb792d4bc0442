import { Inject, Injectable, Optional } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { SEAT_STATES } from '#contracts';
import { UNRESTRICTED } from '#core';
import { Metrics } from '#observability';
import { sumFigures } from '../domain/occupancy.js';
import { LiveQueryService } from './live-query.service.js';
import { SeatRegistry } from './seat-registry.js';

/** Prometheus figures of the live layer, on the process's registry (absent in the cli). */
@Injectable()
export class LiveMetrics {
  private readonly events?: Counter<'outcome'>;
  private readonly sockets?: Gauge;

  constructor(
    @Optional() @Inject(Metrics) metrics: Metrics | undefined,
    registry: SeatRegistry,
    query: LiveQueryService,
  ) {
    if (!metrics) return;
    const registers = [metrics.registry];
    new Gauge({
      name: 'plateau_live_seats',
      help: 'Seats of the whole network by live state',
      labelNames: ['state'],
      registers,
      async collect() {
        const totals = sumFigures(await query.siteFigures(await registry.sitesOf(UNRESTRICTED)));
        for (const state of SEAT_STATES) this.set({ state }, totals.counts[state]);
      },
    });
    this.sockets = new Gauge({
      name: 'plateau_live_sockets',
      help: 'Dashboards connected to this node on /live',
      registers,
    });
    this.events = new Counter({
      name: 'plateau_live_seat_events_total',
      help: 'Seat events received, by outcome (applied, ignored as out of order)',
      labelNames: ['outcome'],
      registers,
    });
  }

  eventsIngested(applied: number, ignored: number): void {
    if (applied) this.events?.inc({ outcome: 'applied' }, applied);
    if (ignored) this.events?.inc({ outcome: 'ignored' }, ignored);
  }

  socketConnected(): void {
    this.sockets?.inc();
  }

  socketDisconnected(): void {
    this.sockets?.dec();
  }
}
