import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '#config';

/**
 * The process's shared Redis command connection when REDIS_URL is set. `client` is undefined
 * in embedded mode: callers pick their in-memory implementation then.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client?: Redis;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    if (config.REDIS_URL)
      this.client = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: false });
  }

  /** A new connection with the same settings (subscribers and blocking commands need their own). */
  duplicate(options: { maxRetriesPerRequest?: number | null } = {}): Redis {
    if (!this.config.REDIS_URL) throw new Error('REDIS_URL is not set');
    return new Redis(this.config.REDIS_URL, options);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => undefined);
  }
}
