import { Inject, Injectable, Optional } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { Metrics } from '#observability';
import { AlertsStore } from '../store/alerts.store.js';

/** `plateau_alerts_open{kind}`: open alerts by kind, counted when Prometheus scrapes. */
@Injectable()
export class AlertsMetrics {
  constructor(@Optional() @Inject(Metrics) metrics: Metrics | undefined, store: AlertsStore) {
    if (!metrics) return;
    new Gauge({
      name: 'plateau_alerts_open',
      help: 'Open alerts by kind',
      labelNames: ['kind'],
      registers: [metrics.registry],
      async collect() {
        const rows = await store.openCounts();
        this.reset();
        for (const row of rows) this.set({ kind: row.kind }, row.open);
      },
    });
  }
}
