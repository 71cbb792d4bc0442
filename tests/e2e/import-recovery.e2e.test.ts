import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportRecovery, importJobId } from '#campaigns';
import { BullMqJobQueue, JobQueue, QUEUE_NAME } from '#jobs';
import { contactRows, csvOf, waitFor } from '../support/campaigns.js';
import { redisUrl } from '../support/environment.js';
import { demoNetwork } from '../support/live.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/**
 * An import whose merge job is gone is resumed; one whose job gave up (a worker killed twice:
 * "job stalled more than allowable limit", or all attempts used) fails with that reason in
 * GET /imports/:id and its staged rows are removed. The api under test runs no BullMQ worker,
 * so the import's job waits in Redis until the test moves it.
 */
const REDIS = redisUrl();

describe.skipIf(!REDIS)('imports whose BullMQ job is gone or gave up', () => {
  let api: TestApi;
  let admin: string;
  let queue: BullMqJobQueue;
  let recovery: ImportRecovery;
  let database: DataSource;

  beforeAll(async () => {
    api = await startTestApi({ REDIS_URL: REDIS! });
    admin = await api.tokenFor('admin');
    queue = api.app.get(JobQueue) as BullMqJobQueue;
    recovery = api.app.get(ImportRecovery);
    database = api.app.get(DataSource);
  }, 120_000);
  afterAll(async () => api?.close());

  async function upload(): Promise<string> {
    const site = (await demoNetwork(api)).siteOf('Sittel');
    const campaign = await api.request('/api/v1/campaigns', {
      method: 'POST',
      token: admin,
      json: {
        name: `Recovery ${Math.random()}`,
        product: 'prevoyance',
        targetVolume: 100,
        callerNumber: '+33 1 62 00 00 01',
        allocationStrategy: 'proportional_capacity',
        sites: [{ siteId: site.id }],
      },
    });
    const imported = await api.request(`/api/v1/campaigns/${campaign.body.id}/contacts`, {
      method: 'POST',
      token: admin,
      body: csvOf(contactRows(20)),
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status, imported.text).toBe(202);
    return imported.body.id;
  }

  it('enqueues again an import whose job vanished (Redis came back empty, job removed)', async () => {
    const id = await upload();
    expect(await queue.jobState(importJobId(id))).toEqual({ state: 'pending' });
    await queue.bullQueue.remove(importJobId(id));
    expect(await queue.jobState(importJobId(id))).toEqual({ state: 'gone' });
    expect(await recovery.recover(0)).toMatchObject({ resumed: 1 });
    expect(await queue.jobState(importJobId(id))).toEqual({ state: 'pending' });
    expect((await api.request(`/api/v1/imports/${id}`, { token: admin })).body.status).toBe('queued');
  });

  it('fails with the stated reason, and clears staging, an import whose job gave up', async () => {
    await recovery.recover(0); // the first test's import is pending: left alone
    const id = await upload();
    await queue.bullQueue.remove(importJobId(id));
    const connection = new Redis(REDIS!, { maxRetriesPerRequest: null });
    const worker = new Worker(
      QUEUE_NAME,
      async (job) => {
        if (job.data?.importId === id) throw new Error('job stalled more than allowable limit');
      },
      { connection, prefix: api.config.JOBS_PREFIX },
    );
    try {
      await queue.bullQueue.add(
        'campaigns.import',
        { importId: id },
        { jobId: importJobId(id), attempts: 1 },
      );
      await waitFor(
        () => queue.jobState(importJobId(id)),
        (state) => state.state === 'failed',
      );
    } finally {
      await worker.close();
      await connection.quit();
    }
    expect(await recovery.recover(0)).toMatchObject({ failed: 1 });
    const view = await api.request(`/api/v1/imports/${id}`, { token: admin });
    expect(view.body.status).toBe('failed');
    expect(view.body.error).toMatch(
      /gave up after 1 attempt.*stalled more than allowable limit.*upload the file again/,
    );
    const [{ staged }] = await database.query(
      `SELECT count(*)::int AS staged FROM contact_import_row WHERE import_id = $1`,
      [id],
    );
    expect(staged).toBe(0);
  });
});
