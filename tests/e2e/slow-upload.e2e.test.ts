import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACTS_HEADER, contactRows } from '../support/campaigns.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** More slow uploads at once than the api's pool has connections (10). */
const UPLOADS = 12;
const CHUNKS = 15;
const CHUNK_EVERY_MS = 150;

/**
 * Contacts uploads sent slowly (a throttled client) hold no transaction nor pooled connection
 * while their bytes trickle in: the rest of the api answers as usual meanwhile.
 */
describe('slow contacts uploads on the embedded server', () => {
  let api: TestApi;
  let manager: string;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi({}, { backend: 'embedded' });
    manager = await api.tokenFor('manager');
    admin = await api.tokenFor('admin');
  });
  afterAll(() => api?.close());

  /** A CSV body sent in CHUNKS pieces, one every CHUNK_EVERY_MS. */
  const throttled = (first: number) => {
    let sent = 0;
    const encoder = new TextEncoder();
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === CHUNKS) return controller.close();
        if (sent) await new Promise((resolve) => setTimeout(resolve, CHUNK_EVERY_MS));
        const rows = contactRows(20, first + sent * 20).join('\n');
        controller.enqueue(encoder.encode(sent ? `${rows}\n` : `${CONTACTS_HEADER}\n${rows}\n`));
        sent++;
      },
    });
  };

  it('delays neither /health/ready nor GET /api/v1/sites, and holds no transaction open', async () => {
    const sites = (await api.request('/api/v1/sites?limit=100', { token: admin })).body.items as Array<{
      id: string;
    }>;
    const campaign = await api.request('/api/v1/campaigns', {
      method: 'POST',
      token: manager,
      json: {
        name: 'Envoi lent',
        product: 'prevoyance-obseques',
        objective: 'cross-sell',
        targetVolume: 1000,
        callerNumber: '01 62 00 00 01',
        allocationStrategy: 'proportional_capacity',
        sites: [{ siteId: sites[0]!.id }],
      },
    });
    expect(campaign.status).toBe(201);
    let finished = 0;
    const uploads = Array.from({ length: UPLOADS }, (_, index) =>
      fetch(`${api.baseUrl}/api/v1/campaigns/${campaign.body.id}/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${manager}`, 'content-type': 'text/csv' },
        body: throttled(index * 10_000),
        duplex: 'half',
      } as RequestInit).then(async (response) => {
        finished++;
        return { status: response.status, body: await response.json() };
      }),
    );

    const db = api.app.get(DataSource);
    const slowest: number[] = [];
    const openTransactions: number[] = [];
    await new Promise((resolve) => setTimeout(resolve, 300)); // the uploads have begun
    for (let probe = 0; probe < 5 && finished === 0; probe++) {
      for (const path of ['/health/ready', '/api/v1/sites']) {
        const started = performance.now();
        const response = await api.request(path, { token: admin });
        slowest.push(performance.now() - started);
        expect(response.status).toBe(200);
      }
      const [{ waiting }] = await db.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity
         WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
      openTransactions.push(waiting);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(finished).toBe(0); // the probes above ran while every upload was still arriving
    expect(openTransactions).toEqual(openTransactions.map(() => 0));
    // a correctness check, not a benchmark: generous on a loaded machine; the stall was ~30 s
    expect(Math.max(...slowest)).toBeLessThan(1000);

    const results = await Promise.all(uploads);
    for (const result of results) {
      expect(result.status).toBe(202);
      expect(result.body).toMatchObject({ rows: CHUNKS * 20, valid: CHUNKS * 20, rejected: 0 });
    }
  });
});
