import { Injectable } from '@nestjs/common';
import { AppConfig } from '#config';
import { RedisConnection } from './redis-connection.js';

export interface RateDecision {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Fixed-window counters: in Redis when REDIS_URL is set (shared by every api node), in
 * memory otherwise.
 */
@Injectable()
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly config: AppConfig,
  ) {}

  async hit(key: string, limit: number, windowSeconds: number): Promise<RateDecision> {
    const client = this.redis.client;
    if (client) {
      const redisKey = `${this.config.REDIS_PREFIX}:rate:${key}`;
      const [[, count], [, ttl]] = (await client.multi().incr(redisKey).ttl(redisKey).exec()) as [
        [null, number],
        [null, number],
      ];
      if (ttl < 0) await client.expire(redisKey, windowSeconds);
      return { allowed: count <= limit, count, retryAfterSeconds: ttl > 0 ? ttl : windowSeconds };
    }
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowSeconds * 1000 };
      this.windows.set(key, window);
      if (this.windows.size > 100_000) this.evictExpired(now);
    }
    window.count++;
    return {
      allowed: window.count <= limit,
      count: window.count,
      retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)),
    };
  }

  async reset(key: string): Promise<void> {
    this.windows.delete(key);
    await this.redis.client?.del(`${this.config.REDIS_PREFIX}:rate:${key}`);
  }

  private evictExpired(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}
