import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Gauge } from 'prom-client';
import { Metrics } from '#observability';

/** `plateau_alerts_open{kind}`: open alerts by kind, counted when Prometheus scrapes. */
@Injectable()
export class AlertsMetrics {
  constructor(@Optional() @Inject(Metrics) metrics: Metrics | undefined, dataSource: DataSource) {
    if (!metrics) return;
    new Gauge({
      name: 'plateau_alerts_open',
      help: 'Open alerts by kind',
      labelNames: ['kind'],
      registers: [metrics.registry],
      async collect() {
        const rows: Array<{ kind: string; open: number }> = await dataSource.query(
          `SELECT kind, count(*)::int AS open FROM alert WHERE resolved_at IS NULL GROUP BY kind`,
        );
        this.reset();
        for (const row of rows) this.set({ kind: row.kind }, row.open);
      },
    });
  }
}
