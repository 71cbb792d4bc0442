import { Injectable } from '@nestjs/common';
import { AppConfig } from '#config';
import { RedisConnection } from './redis-connection.js';

export interface AttemptPolicy {
  /** Attempts allowed before the first delay. */
  threshold: number;
  /** The first delay; each attempt let through after a delay doubles it. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** A key left alone this long starts again from zero. */
  idleSeconds: number;
}

export interface AttemptDecision {
  allowed: boolean;
  retryAfterSeconds: number;
}

/**
 * Reserves an attempt before the caller checks it (one atomic step: a Lua script in Redis, a
 * synchronous map update in memory), so parallel attempts cannot all pass a read-then-write
 * check. From the `threshold`-th attempt on, each one let through sets a delay that doubles
 * (up to `maxDelaySeconds`); `clear` after a success starts again from zero.
 */
@Injectable()
export class AttemptLimiter {
  private readonly states = new Map<string, { attempts: number; lockedUntil: number; expiresAt: number }>();

  constructor(
    private readonly redis: RedisConnection,
    private readonly config: AppConfig,
  ) {}

  async begin(key: string, policy: AttemptPolicy): Promise<AttemptDecision> {
    const now = Date.now();
    const client = this.redis.client;
    if (client) {
      const [allowed, waitMs] = (await client.eval(
        ATTEMPT_SCRIPT,
        1,
        this.redisKey(key),
        now,
        policy.threshold,
        policy.baseDelaySeconds * 1000,
        policy.maxDelaySeconds * 1000,
        policy.idleSeconds,
      )) as [number, number];
      return { allowed: allowed === 1, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    let state = this.states.get(key);
    if (!state || state.expiresAt <= now) {
      state = { attempts: 0, lockedUntil: 0, expiresAt: 0 };
      this.states.set(key, state);
      if (this.states.size > 100_000) this.evictExpired(now);
    }
    if (state.lockedUntil > now)
      return { allowed: false, retryAfterSeconds: Math.ceil((state.lockedUntil - now) / 1000) };
    state.attempts += 1;
    if (state.attempts >= policy.threshold) state.lockedUntil = now + delayMs(state.attempts, policy);
    state.expiresAt = now + policy.idleSeconds * 1000;
    return { allowed: true, retryAfterSeconds: 0 };
  }

  async clear(key: string): Promise<void> {
    this.states.delete(key);
    await this.redis.client?.del(this.redisKey(key));
  }

  private redisKey(key: string): string {
    return `${this.config.REDIS_PREFIX}:attempts:${key}`;
  }

  private evictExpired(now: number): void {
    for (const [key, state] of this.states) if (state.expiresAt <= now) this.states.delete(key);
  }
}

function delayMs(attempts: number, policy: AttemptPolicy): number {
  const doublings = attempts - policy.threshold;
  return Math.min(policy.baseDelaySeconds * 2 ** doublings, policy.maxDelaySeconds) * 1000;
}

/** The same rule as the in-memory branch, as one Redis step. */
const ATTEMPT_SCRIPT = `
local now = tonumber(ARGV[1])
local threshold = tonumber(ARGV[2])
local locked = tonumber(redis.call('HGET', KEYS[1], 'lockedUntil') or '0')
if locked > now then return {0, locked - now} end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if attempts >= threshold then
  local delay = math.min(tonumber(ARGV[3]) * 2 ^ (attempts - threshold), tonumber(ARGV[4]))
  redis.call('HSET', KEYS[1], 'lockedUntil', now + delay)
end
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[5]))
return {1, 0}
`;
