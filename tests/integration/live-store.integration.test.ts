import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveStore, MemoryLiveStore, RedisLiveStore } from '#live';
import { redisUrl } from '../support/environment.js';

const REDIS_URL = redisUrl();
const clients: Redis[] = [];
const prefix = `test-live-${randomBytes(4).toString('hex')}`;

const stores: Array<[string, () => LiveStore]> = [
  ['memory', () => new MemoryLiveStore()],
  ...(REDIS_URL
    ? [
        [
          'redis',
          () => {
            const client = new Redis(REDIS_URL);
            clients.push(client);
            return new RedisLiveStore(client, `${prefix}:${randomBytes(3).toString('hex')}`);
          },
        ] as [string, () => LiveStore],
      ]
    : []),
];

afterAll(async () => {
  if (clients[0]) {
    const keys = await clients[0].keys(`${prefix}:*`);
    if (keys.length) await clients[0].del(...keys);
  }
  await Promise.all(clients.map((client) => client.quit()));
});

describe.each(stores)('%s live store', (_name, create) => {
  const site = randomUUID();
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  const campaign = randomUUID();
  const other = randomUUID();

  it('applies in order, ignores stale events, keeps since across a repeated state', async () => {
    const store = create();
    const first = await store.apply(
      site,
      [
        { seatId: a, state: 'available', campaignId: null, at: 1000 },
        { seatId: b, state: 'on_call', campaignId: campaign, at: 1000 },
        { seatId: a, state: 'on_call', campaignId: campaign, at: 2000 },
        { seatId: a, state: 'available', campaignId: null, at: 1500 }, // stale
      ],
      5000,
    );
    expect(first.applied.map((change) => [change.seatId, change.state])).toEqual([
      [a, 'available'],
      [b, 'on_call'],
      [a, 'on_call'],
    ]);
    expect(first.ignored).toBe(1);
    expect(first.seq).toBe(1);
    const second = await store.apply(
      site,
      [{ seatId: b, state: 'on_call', campaignId: other, at: 3000 }],
      6000,
    );
    expect(second.applied[0]).toMatchObject({
      since: 1000,
      previousCampaignId: campaign,
      campaignId: other,
      previousState: 'on_call',
      previousPauseReason: null,
    });
    expect(second.seq).toBe(2);

    const counters = (await store.siteCounters([site, randomUUID()])).get(site)!;
    expect(counters.counts).toMatchObject({ on_call: 2, available: 0 });
    expect(counters).toMatchObject({ seq: 2, lastEventAt: 6000 });
    expect(Object.fromEntries(await store.campaignCounters(campaign))).toEqual({ [site]: { on_call: 1 } });
    expect(Object.fromEntries(await store.campaignCounters(other))).toEqual({ [site]: { on_call: 1 } });
    const seats = await store.seats(site);
    expect(seats.get(a)).toEqual({
      state: 'on_call',
      campaignId: campaign,
      pauseReason: null,
      at: 2000,
      since: 2000,
    });
    expect(await store.siteIds()).toContain(site);

    // a batch of only stale events changes nothing and does not move the sequence
    const stale = await store.apply(
      site,
      [
        { seatId: c, state: 'paused', campaignId: null, at: 1 },
        { seatId: a, state: 'paused', campaignId: null, at: 1 },
      ],
      7000,
    );
    expect(stale).toMatchObject({ ignored: 1, seq: 3 });
    const none = await store.apply(site, [{ seatId: a, state: 'paused', campaignId: null, at: 1 }], 8000);
    expect(none).toEqual({ applied: [], ignored: 1, seq: 3 });
  });

  it("keeps a paused seat's reason, changes it within the same pause, and drops it when the pause ends", async () => {
    const store = create();
    const there = randomUUID();
    await store.apply(
      there,
      [{ seatId: a, state: 'paused', campaignId: null, pauseReason: 'lunch', at: 100 }],
      100,
    );
    expect((await store.seats(there)).get(a)).toMatchObject({
      state: 'paused',
      pauseReason: 'lunch',
      since: 100,
    });
    await store.apply(
      there,
      [{ seatId: a, state: 'paused', campaignId: null, pauseReason: 'coaching', at: 200 }],
      200,
    );
    // the same pause goes on (since kept), for another reason
    expect((await store.seats(there)).get(a)).toMatchObject({ pauseReason: 'coaching', since: 100 });
    await store.apply(there, [{ seatId: a, state: 'available', campaignId: null, at: 300 }], 300);
    expect((await store.seats(there)).get(a)).toMatchObject({ state: 'available', pauseReason: null });
    await store.restore(there, [
      { seatId: b, state: 'paused', campaignId: null, pauseReason: 'training', at: 100, since: 100 },
    ]);
    expect((await store.seats(there)).get(b)).toMatchObject({ pauseReason: 'training' });
  });

  it('restores saved seats without overwriting newer ones, and keeps headcounts', async () => {
    const store = create();
    const there = randomUUID();
    await store.apply(there, [{ seatId: a, state: 'on_call', campaignId: null, at: 9000 }], 9000);
    await store.restore(there, [
      { seatId: a, state: 'paused', campaignId: null, pauseReason: null, at: 100, since: 50 },
      { seatId: b, state: 'wrap_up', campaignId: null, pauseReason: null, at: 100, since: 40 },
    ]);
    const seats = await store.seats(there);
    expect(seats.get(a)?.state).toBe('on_call');
    expect(seats.get(b)).toEqual({
      state: 'wrap_up',
      campaignId: null,
      pauseReason: null,
      at: 100,
      since: 40,
    });
    await store.setHeadcount(there, 42);
    expect(Object.fromEntries(await store.headcounts([there, site]))).toEqual({ [there]: 42 });
  });
});

describe('live store epoch', () => {
  it('memory: each store (each process start) is a new epoch, stable while it lives', async () => {
    const first = new MemoryLiveStore();
    expect(await first.epoch()).toBe(await first.epoch());
    expect(await new MemoryLiveStore().epoch()).not.toBe(await first.epoch());
  });

  it.skipIf(!REDIS_URL)(
    'redis: shared by every node on one prefix; a flushed store is a new epoch',
    async () => {
      const client = new Redis(REDIS_URL!);
      clients.push(client);
      const shared = `${prefix}:epoch-${randomBytes(3).toString('hex')}`;
      const [one, two] = [new RedisLiveStore(client, shared), new RedisLiveStore(client, shared)];
      const epoch = await one.epoch();
      expect(await two.epoch()).toBe(epoch);
      expect(await new RedisLiveStore(client, `${shared}-other`).epoch()).not.toBe(epoch);
      await client.del(`${shared}:epoch`);
      const after = await two.epoch();
      expect(after).not.toBe(epoch);
      expect(await one.epoch()).toBe(after);
    },
  );
});
