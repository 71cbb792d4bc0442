import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { IN_CI, redisUrl, serverDatabaseUrl } from '../support/environment.js';
import { freePort, until } from '../support/faults.js';
import { exited, migratedScratchDatabase, startAppProcess } from '../support/processes.js';

const REDIS = redisUrl();
const POSTGRES = serverDatabaseUrl();

/** apps/worker as a real process: its probes on WORKER_HEALTH_PORT, and a clean stop on SIGTERM. */
describe.skipIf((!REDIS || !POSTGRES) && !IN_CI)('worker health probes', () => {
  const children: ChildProcess[] = [];
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const drop of drops) await drop();
  });

  it('answers live and ready while it takes jobs, and stops on SIGTERM', async () => {
    const database = await migratedScratchDatabase(POSTGRES!);
    drops.push(database.drop);
    const port = await freePort();
    const worker = startAppProcess('worker', {
      DATABASE_URL: database.url,
      REDIS_URL: REDIS!,
      JOBS_PREFIX: `t-${randomBytes(4).toString('hex')}`,
      REDIS_PREFIX: `t-${randomBytes(4).toString('hex')}`,
      WORKER_HEALTH_PORT: String(port),
      HOST: '127.0.0.1',
    });
    children.push(worker);
    const probe = async (path: string) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    await until(async () => (await probe('/health/ready')).status === 200, 120_000);
    expect(await probe('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await probe('/health/ready')).toEqual({
      status: 200,
      body: { status: 'ok', checks: { database: 'ok', redis: 'ok', jobs: 'ok' } },
    });
    expect((await probe('/health/nothing')).status).toBe(404);

    // Nest runs the shutdown hooks (running jobs finish, connections close), then raises the signal again
    worker.kill('SIGTERM');
    expect([0, 'SIGTERM']).toContain(await exited(worker));
  }, 180_000);
});
