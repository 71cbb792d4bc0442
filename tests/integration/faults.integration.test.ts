import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IN_CI } from '../support/environment.js';
import { freePort, OwnPostgres, OwnRedis, until } from '../support/faults.js';
import { demoNetwork, isoAgo } from '../support/live.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { staffingReport } from '../support/staffing.js';

/**
 * Restarts under load, on servers the test starts on its own ports (never the shared ones):
 * during the outage every request is answered quickly with 503, a clear code and Retry-After
 * (never a 500, never a hang), no promise goes unhandled, and after it the api serves again
 * and nothing acknowledged is lost. Each test prints its row of the fault table.
 */
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeEach(() => {
  rejections.length = 0;
  process.on('unhandledRejection', onRejection);
});
afterEach(() => {
  process.off('unhandledRejection', onRejection);
});

/** Sends a mixed load while `during` holds; returns answers by status ('timeout' for > 10 s). */
async function loadWhile(api: TestApi, token: string, siteId: string, seatId: string, during: () => boolean) {
  const answers: Record<string, number> = {};
  const bad: string[] = [];
  let sent = 0;
  let day = 1;
  const calls = [
    () => api.request('/api/v1/sites?limit=5', { token }),
    () =>
      api.request(`/api/v1/sites/${siteId}/seat-events`, {
        method: 'POST',
        token,
        json: { events: [{ seatId, state: 'on_call', at: isoAgo(0) }] },
      }),
    () =>
      api.request(`/api/v1/sites/${siteId}/staffing-reports`, {
        method: 'POST',
        token,
        json: staffingReport(`2024-07-${String((day++ % 28) + 1).padStart(2, '0')}`),
      }),
    () => api.request(`/api/v1/sites/${siteId}/live`, { token }),
    () => api.request('/health/ready'),
  ];
  while (during()) {
    const call = calls[sent % calls.length];
    sent++;
    const answer = await Promise.race([
      call(),
      new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 10_000).unref()),
    ]);
    const key = answer ? String(answer.status) : 'timeout';
    answers[key] = (answers[key] ?? 0) + 1;
    if (answer && answer.status === 503) {
      if (!answer.headers.get('retry-after') && !answer.body?.checks)
        bad.push(`503 without Retry-After: ${answer.text}`);
      if (typeof answer.body?.error?.code !== 'string')
        bad.push(`503 without the error body: ${answer.text}`);
    }
    if (!answer || answer.status >= 500)
      if (answer?.status !== 503) bad.push(`${key}: ${answer?.text ?? ''}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { sent, answers, bad };
}

describe.skipIf(!OwnRedis.available() && !IN_CI)('Redis restart under load', () => {
  let redis: OwnRedis;
  let api: TestApi;
  afterAll(async () => {
    await api?.close();
    await redis?.stop();
  });

  it('answers 503 fast during the outage, reports it in readiness, and serves again after', async () => {
    redis = new OwnRedis(await freePort());
    await redis.start();
    api = await startTestApi({ REDIS_URL: redis.url });
    const admin = await api.tokenFor('admin');
    const site = (await demoNetwork(api)).siteOf('Sittel');
    const seats = site.seats.slice(0, 5);
    const before = await api.request(`/api/v1/sites/${site.id}/seat-events`, {
      method: 'POST',
      token: admin,
      json: { events: seats.map((seatId) => ({ seatId, state: 'available', at: isoAgo(5_000) })) },
    });
    expect(before.status).toBe(200);

    await redis.stop();
    const outageEnds = Date.now() + 5_000;
    const during = await loadWhile(api, admin, site.id, seats[0], () => Date.now() < outageEnds);
    const ready = await api.request('/health/ready');
    expect(ready.status).toBe(503);

    const restarted = Date.now();
    await redis.start();
    const recovery = await until(async () => (await api.request('/health/ready')).status === 200, 30_000);
    const after = await api.request(`/api/v1/sites/${site.id}/seat-events`, {
      method: 'POST',
      token: admin,
      json: { events: [{ seatId: seats[1], state: 'on_call', at: isoAgo(0) }] },
    });
    expect(after.status, after.text).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // a late rejection would show by now
    console.log(
      `fault table | Redis killed 5 s (empty on return) | ${during.sent} requests | ${JSON.stringify(during.answers)} | ready again ${Date.now() - restarted - 3_000} ms after restart (poll ${recovery} ms) |`,
    );
    expect(during.bad).toEqual([]);
    expect(during.answers['500'] ?? 0).toBe(0);
    expect(during.answers.timeout ?? 0).toBe(0);
    expect(rejections.map(String)).toEqual([]);
  }, 120_000);
});

describe.skipIf(!OwnPostgres.available() && !IN_CI)('PostgreSQL restart under load', () => {
  let postgres: OwnPostgres;
  let api: TestApi;
  afterAll(async () => {
    await api?.close().catch(() => undefined);
    await postgres?.remove();
  });

  it('answers 503 with Retry-After during the outage and loses nothing acknowledged', async () => {
    postgres = new OwnPostgres(await freePort());
    await postgres.init();
    await postgres.start();
    api = await startTestApi({ DATABASE_URL: postgres.url, REDIS_URL: '' });
    const admin = await api.tokenFor('admin');
    const site = (await demoNetwork(api)).siteOf('Sittel');
    const accepted = await api.request(`/api/v1/sites/${site.id}/staffing-reports`, {
      method: 'POST',
      token: admin,
      json: staffingReport('2024-06-03'),
    });
    expect(accepted.status).toBe(201);

    await postgres.stop('immediate');
    const outageEnds = Date.now() + 5_000;
    const during = await loadWhile(api, admin, site.id, site.seats[0], () => Date.now() < outageEnds);

    const restarted = Date.now();
    await postgres.start();
    const recovery = await until(
      async () => (await api.request('/api/v1/sites?limit=1', { token: admin })).status === 200,
      30_000,
    );
    const kept = await api.request(`/api/v1/sites/${site.id}/staffing-reports/2024-06-03`, { token: admin });
    console.log(
      `fault table | PostgreSQL stopped (immediate) 5 s | ${during.sent} requests | ${JSON.stringify(during.answers)} | serving ${Date.now() - restarted} ms after restart (poll ${recovery} ms) | report kept: ${kept.status} |`,
    );
    expect(kept.status).toBe(200);
    expect(kept.body).toHaveLength(1);
    expect(during.bad).toEqual([]);
    expect(during.answers['503'] ?? 0).toBeGreaterThan(0);
    expect(during.answers['500'] ?? 0).toBe(0);
    expect(during.answers.timeout ?? 0).toBe(0);
    expect(rejections.map(String)).toEqual([]);
  }, 120_000);
});
