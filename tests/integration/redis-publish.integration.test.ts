import { Emitter } from '@socket.io/redis-emitter';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { withPublishFailuresHandled } from '#redis';
import { redisUrl } from '../support/environment.js';

const REDIS_URL = redisUrl();

describe.skipIf(!REDIS_URL)('socket.io publishing through Redis', () => {
  const clients: Redis[] = [];
  const connect = () => {
    const client = new Redis(REDIS_URL!, { maxRetriesPerRequest: 1 });
    clients.push(client);
    return client;
  };
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((client) => client.quit()));
  });

  it('still delivers what an emitter publishes', async () => {
    const key = `test-${Date.now()}:socket.io`;
    const subscriber = connect();
    await subscriber.psubscribe(`${key}#/live#*`);
    const received = new Promise<string>((resolve) =>
      subscriber.on('pmessageBuffer', (_pattern, channel: Buffer) => resolve(channel.toString())),
    );
    const failures: Error[] = [];
    const publisher = withPublishFailuresHandled(connect(), (error) => failures.push(error));
    new Emitter(publisher, { key }).of('/live').to('site:1').emit('site.occupancy', { ok: true });
    expect(await received).toBe(`${key}#/live#site:1#`);
    expect(failures).toEqual([]);
  });

  it('hands a failed publish on a closed connection to its handler instead of rejecting unhandled', async () => {
    const client = connect();
    await client.quit();
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const failures: Error[] = [];
      const publisher = withPublishFailuresHandled(client, (error) => failures.push(error));
      new Emitter(publisher, { key: 'closed' }).of('/live').to('site:1').emit('site.occupancy', {});
      await expect.poll(() => failures.map((error) => error.message)).toEqual(['Connection is closed.']);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(rejections).toEqual([]);
      expect(await publisher.publish('plain', 'call')).toBe(0);
      expect(failures).toHaveLength(2);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
