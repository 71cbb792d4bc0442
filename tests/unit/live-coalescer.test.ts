import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Coalescer, figuresOf, roomsForEvent, sumFigures } from '#live';

describe('Coalescer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setup = (flushMs = 0) => {
    const flushed: Array<{ key: string; batch: number[] }> = [];
    const coalescer = new Coalescer<number[]>(
      { ratePerSecond: 5, burst: 3 },
      (pending, next) => [...(pending ?? []), ...next],
      async (key, batch) => {
        if (flushMs) await new Promise((resolve) => setTimeout(resolve, flushMs));
        flushed.push({ key, batch });
      },
      () => Date.now(),
    );
    return { coalescer, flushed };
  };

  it('flushes a quiet key at once (next tick), merging what arrived in the same tick', async () => {
    const { coalescer, flushed } = setup();
    coalescer.push('site:a', [1]);
    coalescer.push('site:a', [2]);
    expect(flushed).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(flushed).toEqual([{ key: 'site:a', batch: [1, 2] }]);
  });

  it('holds a busy key to the rate after the burst, and flushes the last state in the end', async () => {
    const { coalescer, flushed } = setup();
    for (let i = 1; i <= 100; i++) {
      coalescer.push('site:a', [i]);
      await vi.advanceTimersByTimeAsync(10); // 100 pushes a second for one second
    }
    expect(flushed.length).toBeLessThanOrEqual(3 + 5 + 1);
    await vi.advanceTimersByTimeAsync(1000);
    const all = flushed.flatMap((f) => f.batch);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i + 1)); // nothing lost, in order
    expect(flushed.at(-1)!.batch.at(-1)).toBe(100);
  });

  it('keys are independent, and flushes of one key never overlap', async () => {
    const { coalescer, flushed } = setup(300);
    coalescer.push('a', [1]);
    coalescer.push('b', [1]);
    await vi.advanceTimersByTimeAsync(50);
    coalescer.push('a', [2]);
    await vi.advanceTimersByTimeAsync(100);
    expect(flushed).toEqual([]); // both first flushes still running
    await vi.advanceTimersByTimeAsync(200);
    expect(flushed.map((f) => f.key).sort()).toEqual(['a', 'b']);
    await vi.advanceTimersByTimeAsync(400);
    expect(flushed.filter((f) => f.key === 'a').map((f) => f.batch)).toEqual([[1], [2]]);
  });

  it('drains what arrived behind a running flush once that flush finishes (shutdown keeps the newest state)', async () => {
    const { coalescer, flushed } = setup(300);
    coalescer.push('a', [1]);
    await vi.advanceTimersByTimeAsync(50); // [1] is being flushed
    coalescer.push('a', [2]);
    let stopped = false;
    void coalescer.drain().then(() => {
      coalescer.stop(); // as the publisher does on shutdown
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(500);
    expect(stopped).toBe(false); // [1] then [2], 300 ms each
    await vi.advanceTimersByTimeAsync(200);
    expect(stopped).toBe(true);
    expect(flushed.map((f) => f.batch)).toEqual([[1], [2]]);
    expect(coalescer.pendingKeys).toBe(0);
  });

  it('retries a failed flush with what it carried', async () => {
    let fail = true;
    const seen: number[][] = [];
    const coalescer = new Coalescer<number[]>(
      { ratePerSecond: 5, burst: 1 },
      (pending, next) => [...(pending ?? []), ...next],
      async (_key, batch) => {
        if (fail) {
          fail = false;
          throw new Error('redis down');
        }
        seen.push(batch);
      },
    );
    coalescer.push('a', [1]);
    await vi.advanceTimersByTimeAsync(1);
    coalescer.push('a', [2]);
    await vi.advanceTimersByTimeAsync(500);
    expect(seen).toEqual([[1, 2]]);
  });
});

describe('occupancy figures', () => {
  it('counts never-reported seats as offline and computes occupancy over seats able to take calls', () => {
    const site = figuresOf({ on_call: 6, wrap_up: 2, available: 2, paused: 3, offline: 1 }, 20, 24, 18);
    expect(site).toEqual({
      seats: 20,
      installedSeats: 24,
      counts: { offline: 7, available: 2, on_call: 6, wrap_up: 2, paused: 3 },
      staffed: 13,
      occupancy: 0.8,
      headcount: 18,
    });
    expect(figuresOf({ paused: 2 }, 2, 2, null).occupancy).toBeNull();
    const total = sumFigures([site, figuresOf({ available: 10 }, 10, 10, null)]);
    expect(total).toMatchObject({
      seats: 30,
      staffed: 23,
      headcount: 18,
      counts: { available: 12, offline: 7 },
    });
    expect(total.occupancy).toBeCloseTo(8 / 20, 4);
  });

  it('routes domain events to the network and the rooms their payload names', () => {
    expect(roomsForEvent({ siteId: 's', partnerId: 'p', campaignId: 'c' } as never)).toEqual([
      'network',
      'partner:p',
      'site:s',
      'campaign:c',
    ]);
    expect(roomsForEvent({ siteId: null, partnerId: null } as never)).toEqual(['network']);
  });
});
