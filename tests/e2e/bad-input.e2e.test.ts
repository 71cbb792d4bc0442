import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACTS_HEADER } from '../support/campaigns.js';
import { demoNetwork, type DemoSite } from '../support/live.js';
import { startTestApi, type TestApi, type TestResponse } from '../support/test-api.js';

/** Inputs that once answered 500 (or were taken) and must be a 4xx with the usual error body. */
let api: TestApi;
let admin: string;
let site: DemoSite;
/** A web app in front, as `npm start` serves one: its catch-all route must not change the refusals. */
let webDir: string;

const STAFFING_HEADER =
  'siteId,period,agentsInProduction,agentsInTraining,teamLeaders,supervisors,trainersQa,hires,leavers,seatsInstalled,seatsStaffed,absenteeismPct';

function expectRefused(response: TestResponse, status: number, code?: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  if (code) expect(response.body.error.code).toBe(code);
}

const raw = (path: string, body: string, token?: string) =>
  api.request(path, { method: 'POST', body, token, headers: { 'content-type': 'application/json' } });

let campaigns = 0;
function campaignBody(extra: Record<string, unknown> = {}) {
  return {
    name: `Bad input ${++campaigns}`,
    product: 'prevoyance',
    targetVolume: 10,
    callerNumber: '+33 1 62 00 00 01',
    allocationStrategy: 'proportional_capacity',
    sites: [{ siteId: site.id }],
    ...extra,
  };
}

function form(parts: Array<[string, string, string?]>): FormData {
  const data = new FormData();
  for (const [field, content, filename] of parts)
    if (filename) data.append(field, new Blob([content], { type: 'text/csv' }), filename);
    else data.append(field, content);
  return data;
}

beforeAll(async () => {
  webDir = await mkdtemp(join(tmpdir(), 'plateau-web-'));
  await writeFile(join(webDir, 'index.html'), '<!doctype html><title>Plateau</title>');
  api = await startTestApi({ WEB_DIR: webDir });
  admin = await api.tokenFor('admin');
  site = (await demoNetwork(api)).siteOf('Sittel');
}, 120_000);
afterAll(async () => {
  await api?.close();
  await rm(webDir, { recursive: true, force: true });
});

describe('JSON nested thousands of levels deep', () => {
  const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);

  it('is refused before validation on sign-in (unauthenticated) and on every JSON route', async () => {
    expectRefused(
      await raw('/api/v1/auth/login', `{"email":${deep(6000)},"password":"x"}`),
      400,
      'nesting_too_deep',
    );
    expectRefused(await raw('/api/v1/partners', `{"name":${deep(100_000)}}`, admin), 400, 'nesting_too_deep');
    expectRefused(
      await raw(`/api/v1/sites/${site.id}/seat-events`, `{"events":${deep(5000)}}`, admin),
      400,
      'nesting_too_deep',
    );
  });

  it('leaves ordinary nesting alone', async () => {
    const response = await api.request('/api/v1/campaigns', {
      method: 'POST',
      token: admin,
      json: campaignBody(),
    });
    expect(response.status, response.text).toBe(201);
  });
});

describe('text that PostgreSQL cannot store', () => {
  it('refuses a NUL character in a body field, a key, a query or a path parameter', async () => {
    const partner = { name: 'a\u0000b', kind: 'outsourcer' };
    expectRefused(
      await api.request('/api/v1/partners', { method: 'POST', token: admin, json: partner }),
      400,
      'invalid_text',
    );
    expectRefused(
      await raw('/api/v1/partners', '{"na\\u0000me":"x","kind":"outsourcer"}', admin),
      400,
      'invalid_text',
    );
    expectRefused(
      await api.request(`/api/v1/sites/${site.id}/staffing-reports/2026%00`, { token: admin }),
      400,
      'invalid_text',
    );
    expectRefused(
      await api.request('/api/v1/audit-events?entity=site%00', { token: admin }),
      400,
      'invalid_text',
    );
  });

  it('refuses a lone surrogate in an email, on sign-in too', async () => {
    expectRefused(
      await raw('/api/v1/auth/login', '{"email":"a\\ud800@plateau.demo","password":"whatever-it-is"}'),
      400,
      'invalid_text',
    );
    const user = {
      email: 'b\udc00@x.fr',
      displayName: 'B',
      password: 'long-enough-password',
      role: 'supervisor',
    };
    expectRefused(
      await api.request('/api/v1/users', { method: 'POST', token: admin, json: user }),
      400,
      'invalid_text',
    );
  });

  it('rejects a contacts row holding a NUL and refuses a staffing file row holding one', async () => {
    const campaign = await api.request('/api/v1/campaigns', {
      method: 'POST',
      token: admin,
      json: campaignBody(),
    });
    const csv = `${CONTACTS_HEADER}\n0612345678,Je\u0000an,Martin,consent,2026-01-10,WEB-1,,\n0612345679,Jean,Martin,consent,2026-01-10,WEB-2,,\n`;
    const upload = await api.request(`/api/v1/campaigns/${campaign.body.id}/contacts`, {
      method: 'POST',
      token: admin,
      body: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(upload.status, upload.text).toBe(202);
    expect(upload.body).toMatchObject({ rows: 2, valid: 1, rejected: 1 });

    const file = `${STAFFING_HEADER},attritionNotes\n${site.id},2026-11-02,1,1,1,1,1,0,0,10,5,1,two\u0000left\n`;
    const staffing = await api.request('/api/v1/staffing-reports/uploads', {
      method: 'POST',
      token: admin,
      body: form([['file', file, 'reports.csv']]),
    });
    expectRefused(staffing, 400, 'invalid_rows');
    expect(staffing.body.error.details.problems[0]).toMatchObject({ line: 2, field: 'attritionNotes' });
  });
});

describe('null for a required field on PATCH', () => {
  it('is refused for users, partners, sites and seats', async () => {
    const users = (await api.request('/api/v1/users', { token: admin })).body.items;
    const patch = (path: string, json: unknown) => api.request(path, { method: 'PATCH', token: admin, json });
    expectRefused(
      await patch(`/api/v1/users/${users[0].id}`, { displayName: null }),
      400,
      'validation_failed',
    );
    expectRefused(
      await patch(`/api/v1/partners/${site.partnerId}`, { name: null }),
      400,
      'validation_failed',
    );
    expectRefused(await patch(`/api/v1/sites/${site.id}`, { name: null }), 400, 'validation_failed');
    expectRefused(await patch(`/api/v1/seats/${site.seats[0]}`, { label: null }), 400, 'validation_failed');
    expect((await patch(`/api/v1/sites/${site.id}`, {})).status).toBe(200);
  });
});

describe('contract offers of a campaign', () => {
  it('refuses offers that are not a list of distinct non-empty texts, and writes nothing', async () => {
    const post = (json: unknown) => api.request('/api/v1/campaigns', { method: 'POST', token: admin, json });
    for (const contractOffers of [
      'prevoyance',
      [''],
      ['  '],
      ['prevoyance', 'prevoyance'],
      [7],
      [null],
      ['x'.repeat(201)],
    ]) {
      const body = campaignBody({ contractOffers });
      const refused = await post(body);
      expectRefused(refused, 400, 'validation_failed');
      expect(refused.body.error.details, JSON.stringify(contractOffers)).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'contractOffers' })]),
      );
      const listed = await api.request(`/api/v1/campaigns?limit=200`, { token: admin });
      expect(listed.body.items.map((item: { name: string }) => item.name)).not.toContain(body.name);
    }
    const created = await post(campaignBody({ contractOffers: [' prevoyance ', 'obsèques'] }));
    expect(created.status, created.text).toBe(201);
    expect(created.body.contractOffers).toEqual(['prevoyance', 'obsèques']);
    expect((await post(campaignBody())).body.contractOffers).toEqual([]);
  });
});

describe('dates and numbers', () => {
  it('refuses startsAt "2026-W00" and 1e-320 under a decimal-places rule', async () => {
    const post = (json: unknown) => api.request('/api/v1/campaigns', { method: 'POST', token: admin, json });
    expectRefused(await post(campaignBody({ startsAt: '2026-W00' })), 400, 'validation_failed');
    const tiny = JSON.stringify(campaignBody({ sites: [{ siteId: site.id, costPerHour: 7 }] })).replace(
      '"costPerHour":7',
      '"costPerHour":1e-320',
    );
    expectRefused(await raw('/api/v1/campaigns', tiny, admin), 400, 'validation_failed');
    expect((await post(campaignBody({ sites: [{ siteId: site.id, costPerHour: 18.5 }] }))).status).toBe(201);
  });

  it('refuses seat events dated 30 February or in year 0000', async () => {
    for (const at of ['2026-02-30T10:00:00Z', '0000-01-01T10:00:00Z', '2026-01-01T24:00:00Z'])
      expectRefused(
        await api.request(`/api/v1/sites/${site.id}/seat-events`, {
          method: 'POST',
          token: admin,
          json: { events: [{ seatId: site.seats[0], state: 'available', at }] },
        }),
        400,
        'validation_failed',
      );
  });

  it('refuses a lease of size true and the ISO week 2026-W54', async () => {
    expectRefused(
      await api.request(`/api/v1/sites/${site.id}/batches/lease`, {
        method: 'POST',
        token: admin,
        json: { size: true },
      }),
      400,
      'validation_failed',
    );
    expectRefused(
      await api.request('/api/v1/staffing-reports?period=2026-W54', { token: admin }),
      400,
      'validation_failed',
    );
    expectRefused(
      await api.request(`/api/v1/sites/${site.id}/staffing-reports/2026-W54`, { token: admin }),
      400,
    );
    expect((await api.request('/api/v1/staffing-reports?period=2026-W53', { token: admin })).status).toBe(
      200,
    );
  });
});

describe('CSV and multipart uploads', () => {
  it('refuses a quote inside an unquoted staffing cell, with its line', async () => {
    const file = `${STAFFING_HEADER}\n${site.id},2026-11-0"2,1,1,1,1,1,0,0,10,5,1\n`;
    const response = await api.request('/api/v1/staffing-reports/uploads', {
      method: 'POST',
      token: admin,
      body: form([['file', file, 'reports.csv']]),
    });
    expectRefused(response, 400, 'invalid_rows');
  });

  it('refuses a file under another field name, or another field with it', async () => {
    const upload = (body: FormData) =>
      api.request('/api/v1/staffing-reports/uploads', { method: 'POST', token: admin, body });
    const file = `${STAFFING_HEADER}\n${site.id},2026-11-02,1,1,1,1,1,0,0,10,5,1\n`;
    expectRefused(await upload(form([['document', file, 'reports.csv']])), 400, 'unexpected_form_field');
    expectRefused(
      await upload(
        form([
          ['note', 'hello'],
          ['file', file, 'reports.csv'],
        ]),
      ),
      400,
      'unexpected_form_field',
    );
    const campaign = await api.request('/api/v1/campaigns', {
      method: 'POST',
      token: admin,
      json: campaignBody(),
    });
    const contacts = await api.request(`/api/v1/campaigns/${campaign.body.id}/contacts`, {
      method: 'POST',
      token: admin,
      body: form([['contacts', `${CONTACTS_HEADER}\n`, 'c.csv']]),
    });
    expectRefused(contacts, 400, 'unexpected_form_field');
  });

  it('refuses a contacts CSV that holds only its header', async () => {
    const campaign = await api.request('/api/v1/campaigns', {
      method: 'POST',
      token: admin,
      json: campaignBody(),
    });
    const response = await api.request(`/api/v1/campaigns/${campaign.body.id}/contacts`, {
      method: 'POST',
      token: admin,
      body: `${CONTACTS_HEADER}\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expectRefused(response, 400, 'empty_csv');
    const imports = await api.request(`/api/v1/campaigns/${campaign.body.id}/progress`, { token: admin });
    expect(imports.status).toBe(200);
  });

  it('answers the next request on the same keep-alive connection at once after a refused upload', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const url = new URL(api.baseUrl);
    const send = (path: string, method: string, headers: Record<string, string>, body?: Buffer) =>
      new Promise<{ status: number; body: string; socket: unknown }>((resolve, reject) => {
        const req = httpRequest(
          { host: url.hostname, port: url.port, path, method, headers, agent },
          (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk) => (text += chunk));
            res.on('end', () => resolve({ status: res.statusCode!, body: text, socket: req.socket }));
          },
        );
        req.setTimeout(20_000, () => req.destroy(new Error('the request waited 20 s')));
        req.on('error', reject);
        req.end(body);
      });
    const boundary = 'plateau-boundary';
    const big = `bad,header\n${'x,y\n'.repeat(500_000)}`;
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="r.csv"\r\nContent-Type: text/csv\r\n\r\n${big}\r\n--${boundary}--\r\n`,
    );
    const refused = await send(
      '/api/v1/staffing-reports/uploads',
      'POST',
      {
        authorization: `Bearer ${admin}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(body.length),
      },
      body,
    );
    expect(refused.status).toBe(400);
    const next = await send('/health/live', 'GET', {});
    expect(next.status).toBe(200);
    agent.destroy();
  });
});

describe('HTTP-level refusals', () => {
  it('answers an over-long path parameter and oversized headers with the error body', async () => {
    // the router refuses a parameter over its length limit, even with the web app's catch-all in front
    const long = await api.request(`/api/v1/sites/${'a'.repeat(150)}`, { token: admin });
    expectRefused(long, 414, 'uri_too_long');
    expect(long.text).not.toContain('aaaa');
    const page = await api.request('/campaigns');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>Plateau</title>');
    const big = await api.request('/api/v1/partners', {
      token: admin,
      headers: { 'x-big': 'y'.repeat(20_000) },
    });
    expectRefused(big, 431, 'headers_too_large');
    expect(big.text).not.toContain('yyyy');
  });
});
