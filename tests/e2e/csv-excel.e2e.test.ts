import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import type { DemoSite } from '../support/live.js';
import { startCampaignsApi, waitFor } from '../support/campaigns.js';
import type { TestApi } from '../support/test-api.js';

/** Windows-1252 bytes of a text (Latin-1 plus Windows' own 0x80-0x9F characters: none used here). */
const windows1252 = (text: string) => Buffer.from(text, 'latin1');
const BOM = '\uFEFF';

/**
 * What Excel saves as "CSV" under a French locale: semicolons between fields, CRLF line ends,
 * Windows-1252 (or UTF-8 with a byte order mark for "CSV UTF-8"), decimal commas.
 */
describe('CSV files as French Excel writes them', () => {
  let api: TestApi;
  let manager: string;
  let partner: string;
  let sittel: DemoSite;
  let webhelp: DemoSite;

  beforeAll(async () => {
    ({ api, manager, partner, sittel, webhelp } = await startCampaignsApi());
  });
  afterAll(() => api?.close());

  const campaign = async (name: string) => {
    const created = await api.request('/api/v1/campaigns', {
      method: 'POST',
      token: manager,
      json: {
        name,
        product: 'prevoyance-obseques',
        targetVolume: 100,
        callerNumber: '01 62 00 00 01',
        allocationStrategy: 'proportional_capacity',
        sites: [{ siteId: sittel.id }, { siteId: webhelp.id }],
      },
    });
    expect(created.status, created.text).toBe(201);
    return created.body.id as string;
  };
  const importContacts = async (campaignId: string, body: Buffer | string) => {
    const upload = await api.request(`/api/v1/campaigns/${campaignId}/contacts`, {
      method: 'POST',
      token: manager,
      headers: { 'content-type': 'text/csv' },
      body,
    });
    expect(upload.status, upload.text).toBe(202);
    return waitFor(
      () => api.request(`/api/v1/imports/${upload.body.id}`, { token: manager }),
      (response) => ['completed', 'failed'].includes(response.body.status),
    );
  };
  const names = async (campaignId: string) =>
    (
      await api.app
        .get(DataSource)
        .query(`SELECT first_name, last_name FROM contact WHERE campaign_id = $1 ORDER BY phone`, [
          campaignId,
        ])
    ).map((row: { first_name: string; last_name: string }) => `${row.first_name} ${row.last_name}`);

  it('imports a semicolon-separated Windows-1252 contacts file with its accents intact', async () => {
    const id = await campaign('Excel Windows-1252');
    const file = windows1252(
      [
        'phone;first_name;last_name;lawful_basis;consent_date;consent_proof;contract_ref;contract_offer',
        '06 12 34 56 01;Hélène;Lefèvre;consent;10/01/2026;WEB-1;;',
        '06 12 34 56 02;Gaël;Müller-Çelik;current_contract;;;CTR-2;prévoyance',
        '',
      ].join('\r\n'),
    );
    const done = await importContacts(id, file);
    expect(done.body.status, done.text).toBe('completed');
    // the consent date as French Excel writes it: day first
    expect(done.body).toMatchObject({ rows: 2, valid: 2, rejected: 0 });
    expect(await names(id)).toEqual(['Hélène Lefèvre', 'Gaël Müller-Çelik']);
    const [{ consent_date }] = await api.app
      .get(DataSource)
      .query(`SELECT consent_date::text FROM contact WHERE campaign_id = $1 AND consent_date IS NOT NULL`, [
        id,
      ]);
    expect(consent_date).toBe('2026-01-10');
  });

  it('imports a semicolon-separated UTF-8 file with a byte order mark ("CSV UTF-8")', async () => {
    const id = await campaign('Excel UTF-8');
    const done = await importContacts(
      id,
      `${BOM}phone;first_name;last_name;lawful_basis;consent_date;consent_proof;contract_ref;contract_offer\r\n` +
        '06 12 34 56 11;Élodie;Bénard;consent;2026-01-10;"WEB;11";;\r\n' +
        '06 12 34 56 12;Noël;Dupré;current_contract;;;CTR-12;prévoyance\r\n',
    );
    expect(done.body).toMatchObject({ status: 'completed', rows: 2, valid: 2, rejected: 0 });
    expect(await names(id)).toEqual(['Élodie Bénard', 'Noël Dupré']);
  });

  it('still reads a comma-separated file whose cells hold semicolons', async () => {
    const id = await campaign('Comma file');
    const done = await importContacts(
      id,
      'phone,first_name,last_name,lawful_basis,consent_date,consent_proof,contract_ref,contract_offer\n' +
        '06 12 34 56 21,Anne;Marie,Roux,consent,2026-01-10,WEB-21,,\n',
    );
    expect(done.body).toMatchObject({ status: 'completed', rows: 1, valid: 1 });
    expect(await names(id)).toEqual(['Anne;Marie Roux']);
  });

  it('takes a staffing file with semicolons and a decimal comma, in Windows-1252', async () => {
    const form = new FormData();
    const lines = [
      'siteId;period;agentsInProduction;agentsInTraining;teamLeaders;supervisors;trainersQa;hires;leavers;seatsInstalled;seatsStaffed;absenteeismPct;attritionNotes',
      `${sittel.id};2024-06-03;40;2;3;1;1;0;0;60;40;4,5;départs vers l'intérim`,
      '',
    ];
    form.append('file', new Blob([windows1252(lines.join('\r\n'))], { type: 'text/csv' }), 'effectifs.csv');
    const response = await api.request('/api/v1/staffing-reports/uploads', {
      method: 'POST',
      token: partner,
      body: form,
    });
    expect(response.status, response.text).toBe(201);
    const stored = await api.request(`/api/v1/staffing-reports?uploadId=${response.body.uploadId}`, {
      token: partner,
    });
    expect(stored.body.items).toHaveLength(1);
    expect(stored.body.items[0]).toMatchObject({
      absenteeismPct: 4.5,
      attritionNotes: "départs vers l'intérim",
    });
  });
});
