import type { ArgumentsHost } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainExceptionFilter } from '#core';
import { JobQueue } from '#jobs';
import { demoNetwork } from '../support/live.js';
import { CONTACTS_HEADER, LAWFUL_MOMENT, pinClock, waitFor } from '../support/campaigns.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** Customers' phone numbers and names never reach the logs, even at trace level and on errors. */
describe('campaign logs keep customers out', () => {
  let api: TestApi;
  const written: string[] = [];
  const originalWrite = process.stdout.write.bind(process.stdout);

  beforeAll(async () => {
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString());
      return originalWrite(chunk, ...rest);
    }) as typeof process.stdout.write;
    api = await startTestApi({ LOG_LEVEL: 'trace', PROCESS_JOBS_IN_API: 'true' });
    pinClock(api.app, LAWFUL_MOMENT);
  });
  afterAll(async () => {
    process.stdout.write = originalWrite;
    await api?.close();
  });

  it('imports, leases, reports and looks up a customer without logging a number or a name', async () => {
    const manager = await api.tokenFor('manager');
    const admin = await api.tokenFor('admin');
    const sittel = (await demoNetwork(api)).siteOf('Sittel');
    const created = await api.request('/api/v1/campaigns', {
      method: 'POST',
      token: manager,
      json: {
        name: 'Logs',
        product: 'p',
        targetVolume: 10,
        callerNumber: '0948000001',
        allocationStrategy: 'proportional_capacity',
        sites: [{ siteId: sittel.id }],
      },
    });
    const id = created.body.id;
    const csv = [
      CONTACTS_HEADER,
      '06 47 11 38 29,Gwladys,Kerbrat,consent,2026-01-10,PROOF-1,,',
      '06 47 11 38 30,Gwladys,Kerbrat,,,,,',
    ].join('\n');
    const started = await api.request(`/api/v1/campaigns/${id}/contacts`, {
      method: 'POST',
      token: manager,
      headers: { 'content-type': 'text/csv' },
      body: csv,
    });
    await waitFor(
      () => api.request(`/api/v1/imports/${started.body.id}`, { token: manager }),
      (response) => response.body.status === 'completed',
    );
    const malformed = await api.request(`/api/v1/campaigns/${id}/contacts`, {
      method: 'POST',
      token: manager,
      headers: { 'content-type': 'text/csv' },
      body: `${CONTACTS_HEADER}\n"06 47 11 38 31,Gwladys,Kerbrat\n`,
    });
    expect(malformed.status).toBe(400);
    await api.request(`/api/v1/campaigns/${id}/launch`, { method: 'POST', token: manager });
    const lease = await api.request(`/api/v1/sites/${sittel.id}/batches/lease`, {
      method: 'POST',
      token: admin,
      json: { campaignId: id },
    });
    expect(lease.body.contacts[0].phone).toBe('+33647113829');
    await api.request(`/api/v1/batches/${lease.body.id}/outcomes`, {
      method: 'POST',
      token: admin,
      json: { outcomes: [{ contactId: lease.body.contacts[0].contactId, outcome: 'do_not_call' }] },
    });
    const suppressed = await api.request('/api/v1/suppressions', {
      method: 'POST',
      token: manager,
      json: { phones: ['06 47 11 38 32', 'not-a-number'] },
    });
    expect(suppressed.status).toBe(400);
    const calls = await api.request('/api/v1/consumers/calls?phone=%2B33647113829', { token: manager });
    expect(calls.body).toMatchObject({ total: 1, byCountry: { MA: 1 } });

    const logs = written.join('');
    expect(logs).toContain('/api/v1/consumers/calls'); // the request was logged...
    for (const secret of ['47113829', '47 11 38', 'Gwladys', 'Kerbrat', 'PROOF-1'])
      expect(logs, `logs must not contain ${secret}`).not.toContain(secret); // ...without the customer
  });

  it('logs failures by code and line, never the customer value a database or parser error quotes', async () => {
    const from = written.length;
    // a job whose query fails on a value PostgreSQL quotes back: the job layers log its name and code
    const jobs = api.app.get(JobQueue);
    await jobs.enqueue('campaigns.import', { importId: '+33647113841' }, { attempts: 1 });
    await jobs.drain(20_000);
    // an unexpected error answered 500: the filter logs it by SQLSTATE, without the driver's message
    const failure = await api.app
      .get(DataSource)
      .query('SELECT $1::uuid AS id', ['06 47 11 38 42 Gwladys Kerbrat'])
      .catch((error: unknown) => error);
    const reply = { status: () => reply, send: () => reply, header: () => reply };
    const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => reply }) };
    new DomainExceptionFilter().catch(failure, host as unknown as ArgumentsHost);
    new DomainExceptionFilter().catch(
      new Error('Invalid Opening Quote: a quote is found on field 1 at line 2, value is "Gwladys"'),
      host as unknown as ArgumentsHost,
    );

    const logs = written.slice(from).join('');
    expect(logs).toContain('job failed');
    expect(logs).toContain('database error 22P02');
    expect(logs).toContain('at line 2');
    for (const secret of ['47113841', '47 11 38', 'Gwladys', 'Kerbrat'])
      expect(logs, `logs must not contain ${secret}`).not.toContain(secret);
  });
});
