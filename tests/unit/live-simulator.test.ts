import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { CALLING_ZONE, SeatFeedSimulator, type SimulatedEvent } from '#live';
import { startOf } from '../../apps/cli/src/simulate.js';

/** A deterministic random source (mulberry32). */
function seeded(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const paris = (iso: string) => DateTime.fromISO(iso, { zone: CALLING_ZONE }).toMillis();
const seats = Array.from({ length: 200 }, (_, i) => ({ seatId: `seat-${i}`, siteId: `site-${i % 4}` }));

function play(fromIso: string, toIso: string, stepMs = 60_000) {
  const simulator = new SeatFeedSimulator(
    { seats, campaignIds: ['c1', 'c2'], random: seeded(42) },
    paris(fromIso),
  );
  const events: SimulatedEvent[] = [];
  const online = new Map<number, number>();
  for (let t = paris(fromIso); t <= paris(toIso); t += stepMs) {
    events.push(...simulator.advance(t));
    online.set(t, simulator.states().filter((s) => s.state !== 'offline').length);
  }
  return { events, online: (iso: string) => online.get(paris(iso)) ?? NaN };
}

describe('seat feed simulator', () => {
  const { events, online } = play('2011-03-14T08:00', '2011-03-14T22:00'); // a Monday

  it('staffs seats only within the French calling day (10-13, 14-20 Paris)', () => {
    expect(online('2011-03-14T09:30')).toBe(0);
    expect(online('2011-03-14T11:00')).toBeGreaterThan(100);
    expect(online('2011-03-14T11:00')).toBeLessThanOrEqual(200);
    expect(online('2011-03-14T13:30')).toBe(0);
    expect(online('2011-03-14T16:00')).toBeGreaterThan(100);
    expect(online('2011-03-14T20:35')).toBe(0); // calls in progress at 20:00 end, none start
    const minuteOf = (at: number) => {
      const local = DateTime.fromMillis(at, { zone: CALLING_ZONE });
      return local.hour * 60 + local.minute;
    };
    const callStarts = events.filter((e) => e.state === 'on_call').map((e) => minuteOf(e.at));
    expect(callStarts.every((m) => (m >= 10 * 60 && m < 13 * 60) || (m >= 14 * 60 && m < 20 * 60))).toBe(
      true,
    );
    const firstLogin = Math.min(...events.filter((e) => e.state !== 'offline').map((e) => e.at));
    expect(firstLogin).toBeGreaterThanOrEqual(paris('2011-03-14T10:00'));
  });

  it('plays calls of plausible length, wrap-ups and breaks, in time order per seat', () => {
    const bySeat = new Map<string, SimulatedEvent[]>();
    for (const e of events) bySeat.set(e.seatId, [...(bySeat.get(e.seatId) ?? []), e]);
    const calls: number[] = [];
    let breaks = 0;
    for (const list of bySeat.values()) {
      for (let i = 1; i < list.length; i++) expect(list[i].at).toBeGreaterThan(list[i - 1].at);
      list.forEach((e, i) => {
        if (e.state === 'on_call' && list[i + 1]) calls.push(list[i + 1].at - e.at);
        if (e.state === 'paused') breaks++;
      });
    }
    calls.sort((a, b) => a - b);
    const median = calls[Math.floor(calls.length / 2)] / 60_000;
    expect(median).toBeGreaterThan(2);
    expect(median).toBeLessThan(4.5);
    expect(calls.length).toBeGreaterThan(200 * 10);
    expect(breaks).toBeGreaterThan(150);
    expect(new Set(events.filter((e) => e.state !== 'offline').map((e) => e.campaignId))).toEqual(
      new Set(['c1', 'c2']),
    );
    expect(events.filter((e) => e.state === 'offline').every((e) => e.campaignId === null)).toBe(true);
  });

  it('stays offline at weekends', () => {
    expect(play('2011-03-19T08:00', '2011-03-19T21:00').events).toEqual([]);
  });

  it('starts the demo at the last calling day when run outside calling hours', () => {
    const sunday = DateTime.fromISO('2011-03-20T15:00', { zone: CALLING_ZONE });
    expect(DateTime.fromMillis(startOf(undefined, sunday), { zone: CALLING_ZONE }).toISO()).toMatch(
      /^2011-03-18T09:55/,
    );
    const tuesday = DateTime.fromISO('2011-03-15T11:00', { zone: CALLING_ZONE });
    expect(startOf(undefined, tuesday)).toBe(tuesday.toMillis());
    expect(DateTime.fromMillis(startOf('14:30', tuesday), { zone: CALLING_ZONE }).toFormat('HH:mm')).toBe(
      '14:30',
    );
  });

  it('gives a site only a campaign it works (seat events naming another are refused)', () => {
    const sitesOfCampaign = new Map([
      ['c1', new Set(['site-0', 'site-1'])],
      ['c2', new Set(['site-1'])],
    ]);
    const simulator = new SeatFeedSimulator(
      { seats, campaignIds: ['c1', 'c2'], sitesOfCampaign, random: seeded(7) },
      paris('2011-03-14T10:00'),
    );
    const played: SimulatedEvent[] = [];
    for (let t = paris('2011-03-14T10:00'); t <= paris('2011-03-14T12:00'); t += 60_000)
      played.push(...simulator.advance(t));
    const pairs = new Set(played.filter((e) => e.campaignId).map((e) => `${e.siteId}:${e.campaignId}`));
    expect(pairs.size).toBeGreaterThan(0);
    for (const pair of pairs) expect(['site-0:c1', 'site-1:c1', 'site-1:c2']).toContain(pair);
    expect(played.some((e) => ['site-2', 'site-3'].includes(e.siteId) && e.campaignId)).toBe(false);
  });
});
