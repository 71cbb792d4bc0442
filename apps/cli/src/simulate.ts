import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { CampaignSites } from '#campaigns';
import { AppConfig } from '#config';
import type { SeatEventInput, SeatEventsResult } from '#contracts';
import { UNRESTRICTED } from '#core';
import {
  CALLING_WINDOWS,
  CALLING_ZONE,
  SeatEventsService,
  SeatFeedSimulator,
  type SimulatedEvent,
  type SimulatedSeat,
} from '#live';
import { SiteDirectory } from '#network';

type Options = Record<string, string | undefined>;
type Sink = (siteId: string, events: SeatEventInput[]) => Promise<SeatEventsResult>;
/** Where the seats are, how to post their events, and the sites a campaign is worked at. */
interface Feed {
  seats: SimulatedSeat[];
  sink: Sink;
  sitesOf(campaignId: string): Promise<Set<string>>;
}

export class SimulateUsageError extends Error {}

export const SIMULATE_OPTIONS = [
  'url',
  'api-key',
  'email',
  'password',
  'speed',
  'start',
  'duration',
  'staffing',
  'campaigns',
  'tick',
];

export const SIMULATE_USAGE =
  'simulate [--url http://localhost:3000 [--api-key K | --email E --password P]] [--speed 60] [--start now|HH:MM|ISO] [--duration S] [--staffing 0.85] [--campaigns id,id] [--tick ms]';

/**
 * A seat-state feed for the demo network: over HTTP to a running api (`--url`; the way a
 * partner's system reports), or written through the live service of this process (needs
 * REDIS_URL so that the api nodes see the same live state). `--speed 60` plays a simulated
 * minute every real second; `at` stays real time, so the api accepts the events.
 */
export async function simulate(app: INestApplicationContext | undefined, options: Options): Promise<void> {
  const speed = numberOption(options, 'speed', 60, 0.1, 10_000);
  const duration = numberOption(options, 'duration', 0, 0, 7 * 86_400);
  const tick = numberOption(options, 'tick', 1000, 50, 60_000);
  const staffing = numberOption(options, 'staffing', 0.85, 0, 1);
  const campaignIds = options.campaigns
    ?.split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const { seats, sink, sitesOf } = options.url ? await overHttp(options) : await throughService(app!);
  // a seat event may only name a campaign its site works: each site takes one of those given
  const sitesOfCampaign = campaignIds?.length
    ? new Map(await Promise.all(campaignIds.map(async (id) => [id, await sitesOf(id)] as const)))
    : undefined;
  if (!seats.length) throw new SimulateUsageError('no active seats to simulate: seed the demo network first');
  const simStart = startOf(options.start);
  const realStart = Date.now();
  const simulator = new SeatFeedSimulator({ seats, campaignIds, sitesOfCampaign, staffing }, simStart);
  console.log(
    `simulating ${seats.length} seats on ${new Set(seats.map((s) => s.siteId)).size} sites from ${DateTime.fromMillis(simStart, { zone: CALLING_ZONE }).toFormat("ccc dd LLL HH:mm 'Paris'")} at ${speed}x${options.url ? ` to ${options.url}` : ' through the live service'}`,
  );
  const totals = { posted: 0, applied: 0, ignored: 0 };
  let stopped = false;
  const stop = () => (stopped = true);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let lastReport = realStart;
  // with --duration, the last tick lands on its end: the feed plays duration x speed of calling
  // day however slowly the api answered
  const end = duration ? realStart + duration * 1000 : Infinity;
  for (let last = false; !stopped && !last;) {
    const realNow = Math.min(Date.now(), end);
    last = realNow >= end;
    const simNow = simStart + (realNow - realStart) * speed;
    const bySite = new Map<string, SimulatedEvent[]>();
    for (const event of simulator.advance(simNow))
      bySite.set(event.siteId, [...(bySite.get(event.siteId) ?? []), event]);
    await Promise.all(
      [...bySite].map(async ([siteId, events]) => {
        const result = await sink(
          siteId,
          events.map((event) => ({
            seatId: event.seatId,
            state: event.state,
            campaignId: event.campaignId,
            at: new Date(Math.min(realNow, realNow - (simNow - event.at) / speed)).toISOString(),
          })),
        );
        totals.posted += result.received;
        totals.applied += result.applied;
        totals.ignored += result.ignored;
      }),
    );
    if (realNow - lastReport >= 10_000) {
      lastReport = realNow;
      const states = simulator
        .states()
        .reduce<Record<string, number>>((acc, s) => ({ ...acc, [s.state]: (acc[s.state] ?? 0) + 1 }), {});
      console.log(
        `${DateTime.fromMillis(simNow, { zone: CALLING_ZONE }).toFormat('HH:mm')} Paris  ${JSON.stringify(states)}  ${JSON.stringify(totals)}`,
      );
    }
    if (!last)
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, Math.min(tick - (Date.now() - realNow), end - Date.now()))),
      );
  }
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  console.log(JSON.stringify(totals));
}

/** When to start: now during a calling day, else the last weekday's 09:55 in Paris; or as given. */
export function startOf(value: string | undefined, now = DateTime.now().setZone(CALLING_ZONE)): number {
  if (value && value !== 'now') {
    const clock = /^(\d{1,2}):(\d{2})$/.exec(value);
    const parsed = clock
      ? now.set({ hour: Number(clock[1]), minute: Number(clock[2]), second: 0, millisecond: 0 })
      : DateTime.fromISO(value, { zone: CALLING_ZONE });
    if (!parsed.isValid)
      throw new SimulateUsageError('--start must be now, HH:MM (Paris) or an ISO date-time');
    return parsed.toMillis();
  }
  const minutes = now.hour * 60 + now.minute;
  const calling =
    now.weekday <= 5 && CALLING_WINDOWS.some(([from, to]) => minutes >= from - 10 && minutes < to);
  if (calling) return now.toMillis();
  let day = now.hour * 60 + now.minute >= CALLING_WINDOWS[0][0] - 5 ? now : now.minus({ days: 1 });
  while (day.weekday > 5) day = day.minus({ days: 1 });
  return day.set({ hour: 9, minute: 55, second: 0, millisecond: 0 }).toMillis();
}

async function throughService(app: INestApplicationContext): Promise<Feed> {
  if (!app.get(AppConfig).REDIS_URL)
    console.warn(
      'warning: REDIS_URL is not set, so the live state written here stays in this process; pass --url to feed a running api',
    );
  // the active seats of the active sites, read through the network's public API
  const directory = app.get(SiteDirectory);
  const activeSites = new Set((await directory.find({ status: 'active' })).map((site) => site.id));
  const seats: SimulatedSeat[] = [...(await directory.activeSeatIds())]
    .filter(([siteId]) => activeSites.has(siteId))
    .flatMap(([siteId, seatIds]) => [...seatIds].map((seatId) => ({ seatId, siteId })));
  const service = app.get(SeatEventsService);
  const campaignSites = app.get(CampaignSites);
  const sitesOf = (campaignId: string) => campaignSites.sitesWorking(campaignId);
  return { seats, sink: (siteId, events) => service.ingest(UNRESTRICTED, siteId, events), sitesOf };
}

async function overHttp(options: Options): Promise<Feed> {
  const base = options.url!.replace(/\/$/, '');
  let authorization = options['api-key'] ? `ApiKey ${options['api-key']}` : '';
  let loggedInAt = 0;
  const authorize = async () => {
    if (options['api-key'] || Date.now() - loggedInAt < 5 * 60_000) return authorization;
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: options.email ?? 'admin@plateau.demo',
        password: options.password ?? 'plateau-admin-demo',
      }),
    });
    if (!login.ok)
      throw new SimulateUsageError(`login failed (${login.status}): pass --api-key or --email/--password`);
    authorization = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;
    loggedInAt = Date.now();
    return authorization;
  };
  const get = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${base}/api/v1${path}`, { headers: { authorization: await authorize() } });
    if (!response.ok)
      throw new SimulateUsageError(`GET ${path} failed (${response.status}): ${await response.text()}`);
    return (await response.json()) as T;
  };
  const sites = await pages<{ id: string; status: string }>((offset) =>
    get(`/sites?limit=200&offset=${offset}`),
  );
  const seats: SimulatedSeat[] = [];
  for (const site of sites.filter((s) => s.status === 'active'))
    for (const seat of await pages<{ id: string; active: boolean }>((offset) =>
      get(`/sites/${site.id}/seats?limit=200&offset=${offset}`),
    ))
      if (seat.active) seats.push({ seatId: seat.id, siteId: site.id });
  const sink: Sink = async (siteId, events) => {
    const response = await fetch(`${base}/api/v1/sites/${siteId}/seat-events`, {
      method: 'POST',
      headers: { authorization: await authorize(), 'content-type': 'application/json' },
      body: JSON.stringify({ events }),
    });
    if (!response.ok)
      throw new Error(`POST seat-events for ${siteId} failed (${response.status}): ${await response.text()}`);
    return (await response.json()) as SeatEventsResult;
  };
  const sitesOf = async (campaignId: string) =>
    new Set(
      (
        await get<{ sites: Array<{ siteId: string }> }>(`/campaigns/${encodeURIComponent(campaignId)}`)
      ).sites.map((site) => site.siteId),
    );
  return { seats, sink, sitesOf };
}

async function pages<T>(fetchPage: (offset: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ;) {
    const page = await fetchPage(offset);
    items.push(...page.items);
    offset += page.items.length;
    if (!page.items.length || offset >= page.total) return items;
  }
}

function numberOption(options: Options, name: string, fallback: number, min: number, max: number): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max)
    throw new SimulateUsageError(`--${name} must be a number between ${min} and ${max}`);
  return value;
}
