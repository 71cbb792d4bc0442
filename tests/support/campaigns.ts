import { DateTime } from 'luxon';
import type { INestApplicationContext } from '@nestjs/common';
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
