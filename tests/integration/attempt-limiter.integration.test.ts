import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '#config';
import { AttemptLimiter, RedisConnection } from '#redis';
import { redisUrl } from '../support/environment.js';

const REDIS_URL = redisUrl();
const connections: RedisConnection[] = [];

function limiter(redis: string): AttemptLimiter {
  const config = loadConfig({
    REDIS_URL: redis,
    REDIS_PREFIX: `test-attempts-${randomBytes(4).toString('hex')}`,
    JWT_SECRET: randomBytes(24).toString('hex'),
  });
  const connection = new RedisConnection(config);
  connections.push(connection);
  return new AttemptLimiter(connection, config);
}

const drivers: Array<[string, () => AttemptLimiter]> = [
  ['memory', () => limiter('')],
  ...(REDIS_URL ? [['redis', () => limiter(REDIS_URL)] as [string, () => AttemptLimiter]] : []),
];

afterAll(() => Promise.all(connections.map((connection) => connection.onApplicationShutdown())));
afterEach(() => vi.useRealTimers());

const policy = { threshold: 5, baseDelaySeconds: 60, maxDelaySeconds: 600, idleSeconds: 3600 };

describe.each(drivers)('%s attempt limiter', (_name, create) => {
  it('lets exactly `threshold` of 40 parallel attempts through', async () => {
    const attempts = create();
    const decisions = await Promise.all(Array.from({ length: 40 }, () => attempts.begin('parallel', policy)));
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(5);
    expect(decisions.filter((decision) => !decision.allowed)).toHaveLength(35);
  });

  it('doubles the delay after each attempt let through, up to the cap; clear starts again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T10:00:00Z'));
    const attempts = create();
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await attempts.begin('pair', policy)).allowed).toBe(true);
    const waits: number[] = [];
    for (let round = 0; round < 5; round++) {
      const refused = await attempts.begin('pair', policy);
      expect(refused.allowed).toBe(false);
      waits.push(refused.retryAfterSeconds);
      vi.setSystemTime(Date.now() + refused.retryAfterSeconds * 1000);
      expect((await attempts.begin('pair', policy)).allowed).toBe(true);
    }
    expect(waits).toEqual([60, 120, 240, 480, 600]);
    await attempts.clear('pair');
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await attempts.begin('pair', policy)).allowed).toBe(true);
    expect((await attempts.begin('pair', policy)).allowed).toBe(false);
    expect((await attempts.begin('other', policy)).allowed).toBe(true);
  });
});
