import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from '../support/browser.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

describe('the api serves the web app at /', () => {
  let api: TestApi;
  let web: Awaited<ReturnType<typeof buildWebApp>>;

  beforeAll(async () => {
    web = await buildWebApp();
    api = await startTestApi({ WEB_DIR: web.dir });
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    web?.remove();
  });

  it('serves index.html at / and for client routes (reload on a screen works)', async () => {
    for (const path of ['/', '/wall', '/campaigns/1234', '/sign-in?next=%2Fheadcount']) {
      const response = await api.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/text\/html/);
      expect(response.text, path).toContain('<div id="root"></div>');
      expect(response.headers.get('cache-control'), path).toBe('no-cache');
    }
  });

  it('serves the hashed assets index.html names, cacheable for good', async () => {
    const html = (await api.request('/')).text;
    const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const response = await api.request(asset);
      expect(response.status, asset).toBe(200);
      expect(response.headers.get('cache-control'), asset).toContain('immutable');
    }
  });

  it('keeps the api, health, metrics and socket.io paths: unknown ones are JSON 404s', async () => {
    for (const path of ['/api/v1/no-such-route', '/api/nothing', '/health/nothing', '/assets/missing.js']) {
      const response = await api.request(path);
      expect(response.status, path).toBe(404);
      expect(response.body?.error?.code, path).toBe('route_not_found');
    }
    expect((await api.request('/health/live')).status).toBe(200);
    expect((await api.request('/metrics')).text).toContain('# HELP');
    expect((await api.request('/api/v1/sites')).status).toBe(401);
    const polling = await api.request('/socket.io/?EIO=4&transport=polling');
    expect(polling.status).toBe(200);
    expect(polling.text).toContain('"sid"');
  });

  it('sends a strict Content-Security-Policy: own scripts, styles and connections, nothing inline', async () => {
    const policyOf = async (path: string) =>
      new Map(
        ((await api.request(path)).headers.get('content-security-policy') ?? '')
          .split(';')
          .map((directive) => directive.trim().split(/\s+/))
          .map(([name, ...sources]) => [name, sources]),
      );
    for (const path of ['/', '/wall', '/api/v1/sites']) {
      const policy = await policyOf(path);
      expect(policy.get('default-src'), path).toEqual(["'self'"]);
      expect(policy.get('script-src'), path).toEqual(["'self'"]);
      expect(policy.get('style-src'), path).toEqual(["'self'"]);
      expect(policy.get('connect-src'), path).toEqual(["'self'"]);
      expect(policy.get('object-src'), path).toEqual(["'none'"]);
      expect(policy.get('frame-ancestors'), path).toEqual(["'none'"]);
    }
    // the built index.html has no inline script or style the policy would block
    const html = (await api.request('/')).text;
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|style="/);
    // Swagger UI's page keeps its inline <style>, and only its styles loosen
    const docs = await policyOf('/api/docs');
    expect(docs.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(docs.get('script-src')).toEqual(["'self'"]);
  });
});
