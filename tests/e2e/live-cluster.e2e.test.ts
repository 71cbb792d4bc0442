import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '#config';
import type { LiveSnapshot, StaffingReportEvent } from '#contracts';
import { EventBus } from '#core';
import { DatabaseLocation } from '#db';
import { SeatEventsService } from '#live';
import { createApi } from '../../apps/api/src/bootstrap.js';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { redisUrl } from '../support/environment.js';
import {
  connectLive,
  type DemoSite,
  demoNetwork,
  isoAgo,
  type LiveClient,
  postSeatEvents,
  recordDeltas,
  serverDisconnect,
  subscribe,
} from '../support/live.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const REDIS_URL = redisUrl();

/** Several api nodes and a worker sharing one database and one Redis (REDIS_PREFIX unique to this run). */
describe.skipIf(!REDIS_URL)('live across api nodes sharing Redis', () => {
  let first: TestApi;
  let second: NestFastifyApplication;
  let secondUrl: string;
  let worker: INestApplicationContext;
  let sittel: DemoSite;
  let partner: string;
  let shared: NodeJS.ProcessEnv;
  const sockets: LiveClient[] = [];

  /** One more api node on the same database and Redis. */
  const startNode = async () => {
    const node = await createApi(loadConfig(shared));
    await node.listen({ port: 0, host: '127.0.0.1' });
    return { node, url: `http://127.0.0.1:${(node.getHttpServer().address() as { port: number }).port}` };
  };

  beforeAll(async () => {
    first = await startTestApi({ REDIS_URL: REDIS_URL! });
    shared = {
      ...process.env,
      DATABASE_URL: await first.app.get(DatabaseLocation).url(),
      REDIS_URL: REDIS_URL!,
      REDIS_PREFIX: first.config.REDIS_PREFIX,
      JOBS_PREFIX: first.config.JOBS_PREFIX,
      RUN_MIGRATIONS: 'false',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
    };
    ({ node: second, url: secondUrl } = await startNode());
    worker = await NestFactory.createApplicationContext(
      WorkerModule.with(loadConfig({ ...shared, WORKER_HEALTH_PORT: '0' })),
      {
        logger: false,
      },
    );
    await worker.init();
    sittel = (await demoNetwork(first)).siteOf('Sittel');
    partner = await first.tokenFor('partner');
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await worker?.close();
    await second?.close();
    await first?.close();
  });

  const connectTo = async (baseUrl: string) => {
    const socket = await connectLive(baseUrl, { token: partner });
    sockets.push(socket);
    expect((await subscribe(socket, { scope: 'site', id: sittel.id })).ok).toBe(true);
    return socket;
  };

  it('closes on every node the sockets of a key revoked on one', async () => {
    const admin = await first.tokenFor('admin');
    const created = await first.request('/api/v1/api-keys', {
      method: 'POST',
      token: admin,
      json: { partnerId: sittel.partnerId, name: 'revoked across nodes' },
    });
    const onSecond = await connectLive(secondUrl, { apiKey: created.body.key });
    sockets.push(onSecond);
    expect((await subscribe(onSecond, { scope: 'site', id: sittel.id })).ok).toBe(true);
    const closed = serverDisconnect(onSecond);
    await first.request(`/api/v1/api-keys/${created.body.id}/revoke`, { method: 'POST', token: admin });
    expect(await closed).toBe('io server disconnect');
  });

  it('mirrors to a wall link’s socket on one node what another ingests, and closes it when revoked there', async () => {
    const saved = await first.request('/api/v1/walls/mine', {
      method: 'PUT',
      token: partner,
      json: { screen: '1080p', tiles: [{ id: 'casa', kind: 'site', targetId: sittel.id, size: 'large' }] },
    });
    expect(saved.status, saved.text).toBe(200);
    const share = await first.request('/api/v1/walls/mine/shares', {
      method: 'POST',
      token: partner,
      json: { label: 'across nodes' },
    });
    const onSecond = await connectLive(secondUrl, { wallToken: share.body.token });
    sockets.push(onSecond);
    const ack = await subscribe(onSecond, { scope: 'site', id: sittel.id });
    if (!ack.ok) throw new Error(JSON.stringify(ack));
    const seq = ack.snapshot.sites[0]?.seq ?? 0;
    const deltas = recordDeltas(onSecond);
    expect(
      (
        await postSeatEvents(
          first,
          sittel.id,
          [{ seatId: sittel.seats[1], state: 'paused', at: isoAgo(500) }],
          partner,
        )
      ).status,
    ).toBe(200);
    const delta = await deltas.waitFor((d) => d.sites.some((site) => site.seq > seq));
    expect(delta.seats).toBeUndefined();
    const closed = serverDisconnect(onSecond);
    await first.request(`/api/v1/walls/mine/shares/${share.body.id}`, { method: 'DELETE', token: partner });
    expect(await closed).toBe('io server disconnect');
  });

  it('delivers a seat event ingested on one node to a client connected to the other', async () => {
    const onSecond = recordDeltas(await connectTo(secondUrl));
    const onFirst = recordDeltas(await connectTo(first.baseUrl));
    const seat = sittel.seats[7];
    const response = await postSeatEvents(
      first,
      sittel.id,
      [{ seatId: seat, state: 'on_call', at: isoAgo(1) }],
      partner,
    );
    expect(response.status, response.text).toBe(200);
    const hasSeat = (delta: LiveSnapshot) =>
      delta.seats?.some((s) => s.seatId === seat && s.state === 'on_call') ?? false;
    await onSecond.waitFor(hasSeat);
    await onFirst.waitFor(hasSeat);
    // the socket got it once, not once per node
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(onSecond.deltas.filter(hasSeat)).toHaveLength(1);
  });

  it('answers the same snapshot from either node (live state in Redis)', async () => {
    const seat = sittel.seats[8];
    await postSeatEvents(first, sittel.id, [{ seatId: seat, state: 'paused', at: isoAgo(1) }], partner);
    const fromSecond = await fetch(`${secondUrl}/api/v1/sites/${sittel.id}/live`, {
      headers: { authorization: `Bearer ${partner}` },
    }).then((r) => r.json() as Promise<LiveSnapshot>);
    const fromFirst = (await first.request(`/api/v1/sites/${sittel.id}/live`, { token: partner }))
      .body as LiveSnapshot;
    expect(fromSecond.seats?.find((s) => s.seatId === seat)?.state).toBe('paused');
    expect(fromSecond.totals).toEqual(fromFirst.totals);
    // an event older than what the other node stored is ignored there too
    const stale = await fetch(`${secondUrl}/api/v1/sites/${sittel.id}/seat-events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner}`, 'content-type': 'application/json' },
      body: JSON.stringify({ events: [{ seatId: seat, state: 'available', at: isoAgo(60_000) }] }),
    }).then((r) => r.json());
    expect(stale).toEqual({ received: 1, applied: 0, ignored: 1 });
  });

  it("reaches sockets from the worker's domain events through the Redis emitter", async () => {
    const socket = await connectTo(secondUrl);
    const report: StaffingReportEvent = {
      siteId: sittel.id,
      partnerId: sittel.partnerId,
      period: '2011-03',
      version: 1,
      agentsInProduction: 90,
      agentsInTraining: 12,
      seatsInstalled: 120,
      seatsStaffed: 95,
    };
    const received = new Promise((resolve) => socket.once('staffing.report', resolve));
    worker.get(EventBus).publish('staffing.report', report);
    expect(await received).toEqual(report);
  });

  it('delivers coalesced deltas produced by the worker (e.g. the simulator writing through the service)', async () => {
    const recorder = recordDeltas(await connectTo(first.baseUrl));
    const seat = sittel.seats[9];
    await worker
      .get(SeatEventsService)
      .ingest({}, sittel.id, [{ seatId: seat, state: 'wrap_up', at: isoAgo(1) }]);
    await recorder.waitFor(
      (delta) => delta.seats?.some((s) => s.seatId === seat && s.state === 'wrap_up') ?? false,
    );
  });

  it('flushes a closing node’s pending updates to the other nodes, and closes without a stray rejection', async () => {
    const { node: closing } = await startNode();
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const recorder = recordDeltas(await connectTo(secondUrl));
      const seat = sittel.seats[11];
      const states = ['available', 'on_call', 'wrap_up', 'available', 'on_call', 'paused'] as const;
      const base = Date.now() - 60_000;
      const ingest = closing.get(SeatEventsService);
      // more batches than the room's burst: the last ones wait in the coalescer when the node closes
      for (const [round, state] of states.entries())
        await ingest.ingest({}, sittel.id, [
          { seatId: seat, state, at: new Date(base + round * 1000).toISOString() },
        ]);
      await closing.close();
      await recorder.waitFor(
        (delta) => delta.seats?.some((s) => s.seatId === seat && s.state === 'paused') ?? false,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});
