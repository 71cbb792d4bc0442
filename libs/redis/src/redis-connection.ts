import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { AppConfig } from '#config';

const logger = new Logger('Redis');

/**
 * A Redis client that fails fast while Redis is away (after its first connection, commands are
 * refused at once instead of queued and retried for seconds: callers answer 503) and reports
 * connection errors through the JSON logger, once per outage, instead of ioredis's raw traces.
 */
export function createRedisClient(url: string, options: RedisOptions = {}, name = 'redis'): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1, ...options });
  watchConnection(client, name, options.enableOfflineQueue === undefined);
  return client;
}

/** Logs a client's outages (first error, then its return) through the JSON logger. */
export function watchConnection(client: Redis, name: string, failFastOnceReady = false): void {
  let down = false;
  client.on('error', (error: Error & { code?: string }) => {
    if (down) return;
    down = true;
    logger.warn(
      { connection: name, error: { name: error.name, message: error.message, code: error.code } },
      'Redis connection lost',
    );
  });
  client.on('ready', () => {
    if (failFastOnceReady) client.options.enableOfflineQueue = false;
    if (!down) return;
    down = false;
    logger.log({ connection: name }, 'Redis connection back');
  });
}

/**
 * The process's shared Redis command connection when REDIS_URL is set. `client` is undefined
 * in embedded mode: callers pick their in-memory implementation then.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  readonly client?: Redis;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    if (config.REDIS_URL)
      this.client = createRedisClient(config.REDIS_URL, { lazyConnect: false }, 'commands');
  }

  /** A new connection with the same settings (subscribers and blocking commands need their own). */
  duplicate(options: { maxRetriesPerRequest?: number | null } = {}, name = 'duplicate'): Redis {
    if (!this.config.REDIS_URL) throw new Error('REDIS_URL is not set');
    const client = new Redis(this.config.REDIS_URL, options);
    watchConnection(client, name);
    return client;
  }

  /** Whether Redis answers now (readiness); true in embedded mode, where there is none. */
  async answers(timeoutMs = 1000): Promise<boolean> {
    if (!this.client) return true;
    if (this.client.status !== 'ready') return false;
    return Promise.race([
      this.client.ping().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref()),
    ]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client?.quit().catch(() => undefined);
  }
}
