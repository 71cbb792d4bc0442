import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** Operator surfaces an operator chooses to expose: /metrics (token or address list) and /api/docs. */
describe('metrics and docs, configured', () => {
  let api: TestApi;
  const token = 'scrape-token-0123456789abcdef';
  beforeAll(async () => {
    api = await startTestApi({
      TRUST_PROXY: '127.0.0.1',
      METRICS_ALLOW: '10.0.0.0/8',
      METRICS_TOKEN: token,
      API_DOCS: 'false',
    });
  });
  afterAll(() => api?.close());

  const scrape = (headers: Record<string, string>) => api.request('/metrics', { headers });

  it('answers a scraper from an allowed address or bearing the token, and refuses anyone else', async () => {
    expect((await scrape({ 'x-forwarded-for': '10.20.30.40' })).text).toContain('# HELP');
    expect((await scrape({ 'x-forwarded-for': '192.0.2.1', authorization: `Bearer ${token}` })).status).toBe(
      200,
    );
    for (const headers of <Array<Record<string, string>>>[
      { 'x-forwarded-for': '192.0.2.1' },
      { 'x-forwarded-for': '192.0.2.1', authorization: `Bearer ${token}x` },
      { 'x-forwarded-for': '192.0.2.1', authorization: 'Bearer wrong' },
      {}, // loopback is not in this METRICS_ALLOW
    ]) {
      const refused = await scrape(headers);
      expect(refused.status).toBe(401);
      expect(refused.text).not.toContain('# HELP');
      expect(refused.body.error.code).toBe('missing_credentials');
    }
  });

  it('serves no OpenAPI UI or document when API_DOCS=false', async () => {
    expect((await api.request('/api/docs')).status).toBe(404);
    expect((await api.request('/api/docs/openapi.json')).status).toBe(404);
  });
});
