import { DateTime } from 'luxon';
import type { INestApplicationContext } from '@nestjs/common';
import type { ImportView } from '#contracts';
import { Clock } from '#core';
import { demoNetwork, type DemoSite } from './live.js';
import { startTestApi, type TestApi } from './test-api.js';

/** A lawful calling moment: Monday 23 November 2026, 11:00 in Paris. */
export const LAWFUL_MOMENT = DateTime.fromISO('2026-11-23T11:00', { zone: 'Europe/Paris' }).toJSDate();

/** Pins the app's clock (the one instance every service shares) to a moment; returns a setter. */
export function pinClock(app: INestApplicationContext, at: Date): (next: Date) => void {
  const clock = app.get(Clock);
  let current = new Date(at);
  clock.now = () => new Date(current);
  return (next) => (current = new Date(next));
}

export interface CampaignsApi {
  api: TestApi;
  manager: string;
  partner: string;
  partner2: string;
  sittel: DemoSite;
  webhelp: DemoSite;
  phoneAssistance: DemoSite;
  setClock: (at: Date) => void;
}

/**
 * An api that runs its own jobs (with REDIS_URL the import goes through BullMQ and this api
 * processes it), its clock pinned to a lawful moment, with the campaigns suites' tokens and sites.
 */
export async function startCampaignsApi(): Promise<CampaignsApi> {
  const api = await startTestApi({ PROCESS_JOBS_IN_API: 'true' });
  const setClock = pinClock(api.app, LAWFUL_MOMENT);
  const network = await demoNetwork(api);
  return {
    api,
    setClock,
    manager: await api.tokenFor('manager'),
    partner: await api.tokenFor('partner'),
    partner2: await api.tokenFor('partner2'),
    sittel: network.siteOf('Sittel'),
    webhelp: network.siteOf('Webhelp'),
    phoneAssistance: network.siteOf('Phone Assistance'),
  };
}

export const CONTACTS_HEADER =
  'phone,first_name,last_name,lawful_basis,consent_date,consent_proof,contract_ref,contract_offer';

/** `count` valid contact rows with distinct metropolitan mobile numbers starting at `first`. */
export function contactRows(count: number, first = 0, prefix = '06'): string[] {
  return Array.from({ length: count }, (_, index) => {
    const number = `${prefix}${String(10_000_000 + first + index).slice(-8)}`;
    return index % 2
      ? `${number},Jeanne,Martin,consent,2026-01-10,WEB-${first + index},,`
      : `${number},Louis,Bernard,current_contract,,,CTR-${first + index},prevoyance`;
  });
}

export function csvOf(rows: string[]): string {
  return `${CONTACTS_HEADER}\n${rows.join('\n')}\n`;
}

export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const LOCATED_HEADER = `${CONTACTS_HEADER},postcode,country`;

let campaignSerial = 0;
/**
 * A running campaign worked by these sites, with these CSV rows (LOCATED_HEADER's columns)
 * imported and merged; returns its id and the import report.
 */
export async function runningCampaign(
  api: TestApi,
  manager: string,
  rows: string[],
  sites: Array<{ id: string }>,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; report: ImportView }> {
  const request = (path: string, init: Parameters<TestApi['request']>[1] = {}) =>
    api.request(`/api/v1${path}`, { token: manager, ...init });
  const created = await request('/campaigns', {
    method: 'POST',
    json: {
      name: `Conformité ${++campaignSerial}-${Date.now()}`,
      product: 'prevoyance-obseques',
      targetVolume: 1000,
      callerNumber: '01 62 00 00 01',
      contractOffers: ['prevoyance', 'obseques'],
      allocationStrategy: 'proportional_capacity',
      sites: sites.map((site) => ({ siteId: site.id })),
      ...extra,
    },
  });
  if (created.status !== 201) throw new Error(`campaign refused: ${created.text}`);
  const id: string = created.body.id;
  const started = await request(`/campaigns/${id}/contacts`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: `${LOCATED_HEADER}\n${rows.join('\n')}\n`,
  });
  if (started.status !== 202) throw new Error(`import refused: ${started.text}`);
  const report = await waitFor(
    () => request(`/imports/${started.body.id}`),
    (response) => response.body.status === 'completed',
  );
  const launched = await request(`/campaigns/${id}/launch`, { method: 'POST', json: {} });
  if (launched.status !== 200) throw new Error(`launch refused: ${launched.text}`);
  return { id, report: report.body };
}
