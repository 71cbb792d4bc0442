import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { RedisConnection } from '#redis';

export type CheckState = 'ok' | 'down';

export interface Readiness {
  ready: boolean;
  /** database always; redis when REDIS_URL is set; what the process adds (the worker's jobs) */
  checks: Record<string, CheckState | string>;
  /** what is not answering, as a sentence ('database and redis not answering') */
  problem?: string;
}

/** What every Plateau process needs to serve: the database answers, and Redis when it is configured. */
@Injectable()
export class ReadinessChecks {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisConnection,
  ) {}

  async check(extra: Record<string, CheckState | string> = {}): Promise<Readiness> {
    const [database, redis] = await Promise.all([
      // a probe of the connection, reading no table: the one query outside a context's store
      this.dataSource.query('SELECT 1').then(
        () => true,
        () => false,
      ),
      this.redis.answers(),
    ]);
    const checks: Record<string, CheckState | string> = {
      database: database ? 'ok' : 'down',
      ...(this.redis.client ? { redis: redis ? 'ok' : 'down' } : {}),
      ...extra,
    };
    const failing = Object.entries(checks).filter(([, state]) => state !== 'ok');
    return failing.length
      ? {
          ready: false,
          checks,
          problem: failing
            .map(([name, state]) => (state === 'down' ? `${name} not answering` : `${name} ${state}`))
            .join(' and '),
        }
      : { ready: true, checks };
  }
}
