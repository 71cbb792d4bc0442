import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Draining } from '../../apps/api/src/ops/draining.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** A stopping api takes nothing new: a load balancer or client retries elsewhere. */
describe('an api told to stop', () => {
  let api: TestApi;
  let admin: string;
  beforeAll(async () => {
    api = await startTestApi();
    admin = await api.tokenFor('admin');
  });
  afterAll(() => api?.close());

  it('refuses new requests with 503 shutting_down and Retry-After, and still answers its health probes', async () => {
    expect((await api.request('/api/v1/sites', { token: admin })).status).toBe(200);
    api.app.get(Draining).start();
    const refused = await api.request('/api/v1/sites', { token: admin });
    expect(refused.status).toBe(503);
    expect(refused.body).toMatchObject({ error: { code: 'shutting_down' } });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const upload = await api.request('/api/v1/campaigns/00000000-0000-4000-8000-000000000000/contacts', {
      method: 'POST',
      token: admin,
      headers: { 'content-type': 'text/csv' },
      body: 'phone\n0612345678\n',
    });
    expect(upload.status).toBe(503);
    expect((await api.request('/health/live')).status).toBe(200);
    const ready = await api.request('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.text).toContain('stopping');
  });
});
