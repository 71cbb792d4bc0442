import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AllocationService,
  CampaignsModule,
  CampaignsService,
  ContactImportService,
  LeaseExpiry,
  LeaseService,
  OPPOSITION_LIST_SOURCE,
  OutcomesService,
  ProgressService,
  SuppressionsService,
} from '#campaigns';
import type { CallOutcome, LeaseView } from '#contracts';
import { UNRESTRICTED } from '#core';
import { type Actor, Role } from '#identity/access';
import { MIGRATIONS } from '#db';
import { JobQueue, JobsModule } from '#jobs';
import { NetworkModule } from '#network';
import { contactRows, csvOf, LAWFUL_MOMENT, pinClock, waitFor } from '../support/campaigns.js';
import { databaseBackends, redisUrl, serverDatabaseUrl } from '../support/environment.js';
import { backendsGone, holdLock } from '../support/faults.js';
import { exited, startWorkerProcess, watchJobs } from '../support/processes.js';
import { startTestContext } from '../support/test-context.js';
import { DataSource } from 'typeorm';

const minutes = (n: number) => n * 60_000;

async function seedSites(app: INestApplicationContext, count: number): Promise<string[]> {
  const data = app.get(DataSource);
  const [partner] = await data.query(
    `INSERT INTO partner (name, kind) VALUES ($1, 'outsourcer') RETURNING id`,
    [`P-${randomBytes(3).toString('hex')}`],
  );
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const [site] = await data.query(
      `INSERT INTO site (partner_id, name, city, country, time_zone, installed_seats, status)
       VALUES ($1, $2, 'Casablanca', 'MA', 'Africa/Casablanca', 100, 'active') RETURNING id`,
      [partner.id, `Site ${i}`],
    );
    ids.push(site.id);
  }
  return ids;
}

async function campaignWithContacts(
  app: INestApplicationContext,
  sites: Array<{ siteId: string; testCell?: boolean; floor?: number; cap?: number }>,
  csv: string,
  strategy: 'proportional_capacity' | 'test_and_learn' = 'proportional_capacity',
  contractOffers = ['prevoyance'],
): Promise<string> {
  const { campaign } = await app.get(CampaignsService).create(
    {
      name: `C-${randomBytes(4).toString('hex')}`,
      product: 'prevoyance',
      targetVolume: 10_000,
      callerNumber: '0948000000',
      contractOffers,
      allocationStrategy: strategy,
      sites,
    },
    'test',
  );
  await app.get(ContactImportService).start(campaign.id, Readable.from([csv]), 'test');
  await app.get(JobQueue).drain();
  await app.get(CampaignsService).apply(campaign.id, 'launch');
  await app.get(AllocationService).recompute(campaign.id);
  return campaign.id;
}

const lease = (
  app: INestApplicationContext,
  siteId: string,
  size: number,
  campaignId?: string,
  ttlSeconds?: number,
) => app.get(LeaseService).lease(UNRESTRICTED, siteId, { size, campaignId, ttlSeconds }, 'test');

const report = (
  app: INestApplicationContext,
  batch: LeaseView,
  outcome: CallOutcome,
  count = batch.contacts.length,
) =>
  app.get(OutcomesService).report(
    UNRESTRICTED,
    batch.id!,
    batch.contacts.slice(0, count).map((contact) => ({ contactId: contact.contactId, outcome })),
  );

describe.each(databaseBackends())('campaign dispatch on %s', (backend) => {
  let app: INestApplicationContext;
  let close: () => Promise<void>;
  let setClock: (at: Date) => void;
  let data: DataSource;

  beforeAll(async () => {
    ({ app, close } = await startTestContext(backend, {
      imports: [JobsModule.forRoot({ processJobs: true }), NetworkModule, CampaignsModule],
    }));
    setClock = pinClock(app, LAWFUL_MOMENT);
    data = app.get(DataSource);
    // a fresh opposition list: campaigns launch without a confirmation
    await app.get(SuppressionsService).suppress(['+33 6 99 99 99 99'], OPPOSITION_LIST_SOURCE, 'test');
  });
  afterAll(() => close?.());

  it('two sites leasing at the same time never share a contact, and each stays within its share', async () => {
    const [a, b] = await seedSites(app, 2);
    const campaignId = await campaignWithContacts(
      app,
      [{ siteId: a }, { siteId: b }],
      csvOf(contactRows(2000, 0)),
    );
    const batches = await Promise.all(
      Array.from({ length: 16 }, (_, i) => lease(app, i % 2 ? a : b, 150, campaignId)),
    );
    const ids = batches.flatMap((batch) => batch.contacts.map((contact) => contact.contactId));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(2000); // 16 x 150 asked, 1,000 per site allowed
    const perSite: Array<{ site_id: string; leased: number }> = await data.query(
      `SELECT l.site_id, count(*)::int AS leased FROM contact_lease_item i JOIN contact_lease l ON l.id = i.lease_id
        WHERE i.campaign_id = $1 AND l.status = 'open' GROUP BY l.site_id`,
      [campaignId],
    );
    expect(perSite.map((row) => row.leased).sort()).toEqual([1000, 1000]);
    const [held] = await data.query(
      `SELECT count(*)::int AS held, count(DISTINCT i.contact_id)::int AS contacts
         FROM consumer p JOIN contact_lease_item i ON i.phone = p.phone AND i.lease_id = p.lease_id
        WHERE i.campaign_id = $1`,
      [campaignId],
    );
    expect(held).toEqual({ held: 2000, contacts: 2000 });
    const [{ queued }] = await data.query(
      `SELECT count(*)::int AS queued FROM contact_queue WHERE campaign_id = $1`,
      [campaignId],
    );
    expect(queued).toBe(0);
    expect((await lease(app, a, 10, campaignId)).contacts).toEqual([]);
  });

  it('an expired lease returns its unreported contacts to the pool, once, except a number suppressed meanwhile', async () => {
    const [a] = await seedSites(app, 1);
    const campaignId = await campaignWithContacts(app, [{ siteId: a }], csvOf(contactRows(100, 10_000)));
    const batch = await lease(app, a, 100, campaignId, 60);
    expect(batch.contacts).toHaveLength(100);
    await report(app, batch, 'reached', 10);
    expect(await app.get(ProgressService).of(UNRESTRICTED, campaignId)).toMatchObject({
      leased: 90,
      contactsLeft: 90,
      done: 10,
    });
    const withdrawn = await app.get(SuppressionsService).suppress([batch.contacts[20].phone], 'test');
    expect(withdrawn.contactsSuppressed).toBe(1);
    setClock(new Date(LAWFUL_MOMENT.getTime() + minutes(2)));
    try {
      expect(await app.get(LeaseExpiry).expire()).toEqual({ leases: 1, contacts: 90 });
      expect(await app.get(LeaseExpiry).expire()).toEqual({ leases: 0, contacts: 0 });
      const [counts] = await data.query(
        `SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending, count(*) FILTER (WHERE status = 'done')::int AS done,
                count(*) FILTER (WHERE status = 'suppressed')::int AS suppressed,
                (SELECT count(*) FROM contact_queue q WHERE q.campaign_id = $1)::int AS queued
           FROM contact WHERE campaign_id = $1`,
        [campaignId],
      );
      expect(counts).toEqual({ pending: 89, done: 10, suppressed: 1, queued: 89 });
      expect(await app.get(ProgressService).of(UNRESTRICTED, campaignId)).toMatchObject({
        leased: 0,
        contactsLeft: 89,
      });
      // a report after expiry is never lost: recorded late, and its contact leaves the pool again
      const late = await app
        .get(OutcomesService)
        .report(UNRESTRICTED, batch.id!, [{ contactId: batch.contacts[50].contactId, outcome: 'sale' }]);
      expect(late).toMatchObject({ recorded: 1, remaining: 0 });
      const [flag] = await data.query(`SELECT late FROM contact_attempt WHERE contact_id = $1`, [
        batch.contacts[50].contactId,
      ]);
      expect(flag).toEqual({ late: true });
      const again = await lease(app, a, 100, campaignId);
      expect(again.contacts).toHaveLength(88);
      const ids = again.contacts.map((contact) => contact.contactId);
      expect(ids).not.toContain(batch.contacts[20].contactId);
      expect(ids).not.toContain(batch.contacts[50].contactId);
    } finally {
      setClock(LAWFUL_MOMENT);
    }
  });

  it('counts attempts and refusals per consumer across campaigns and partners', async () => {
    const [a, b] = await seedSites(app, 2);
    const rows = contactRows(3, 20_000);
    const first = await campaignWithContacts(app, [{ siteId: a }], csvOf(rows));
    const second = await campaignWithContacts(app, [{ siteId: b }], csvOf(rows));
    // the same consumer is never out with two sites at once
    const held = await lease(app, a, 3, first);
    expect(held.contacts).toHaveLength(3);
    expect((await lease(app, b, 3, second)).contacts).toEqual([]);
    const [refused] = held.contacts;
    await app
      .get(OutcomesService)
      .report(UNRESTRICTED, held.id!, [
        { contactId: refused.contactId, outcome: 'refused' },
        ...held.contacts
          .slice(1)
          .map((contact) => ({ contactId: contact.contactId, outcome: 'no_answer' as const })),
      ]);
    const phones = async (batch: LeaseView) => batch.contacts.map((contact) => contact.phone).sort();
    const others = held.contacts
      .slice(1)
      .map((contact) => contact.phone)
      .sort();
    // refused in the first campaign: not called in the second for 60 days
    const fromSecond = await lease(app, b, 3, second);
    expect(await phones(fromSecond)).toEqual(others);
    await report(app, fromSecond, 'no_answer'); // attempt 2 for the others
    for (let attempt = 3; attempt <= 4; attempt++) {
      const batch = await lease(app, attempt % 2 ? a : b, 3, attempt % 2 ? first : second);
      expect(await phones(batch)).toEqual(others);
      await report(app, batch, 'no_answer');
    }
    // a 5th attempt within 30 days is refused, whichever campaign asks
    expect((await lease(app, a, 3, first)).contacts).toEqual([]);
    expect((await lease(app, b, 3, second)).contacts).toEqual([]);
    // the campaign's progress says which rule holds its pending contacts back
    expect((await app.get(ProgressService).of(UNRESTRICTED, second)).complianceRefusals).toEqual({
      refusal_cooldown: 1,
      max_attempts: 2,
    });
    setClock(new Date(LAWFUL_MOMENT.getTime() + 35 * 86_400_000)); // Monday 28 December 2026, 11:00
    try {
      expect(await phones(await lease(app, a, 3, first))).toEqual(others);
      setClock(new Date(LAWFUL_MOMENT.getTime() + 59 * 86_400_000)); // Thursday 21 January 2027: day 59
      expect(await phones(await lease(app, b, 3, second))).toEqual(others);
      setClock(new Date(LAWFUL_MOMENT.getTime() + 63 * 86_400_000)); // Monday 25 January 2027: cooldown over
      expect(await phones(await lease(app, b, 3, second))).toEqual([refused.phone]);
    } finally {
      setClock(LAWFUL_MOMENT);
    }
  });

  it('test_and_learn shifts volume towards the better converting site of the test cell, within floors and caps', async () => {
    const [inHouse, newcomer] = await seedSites(app, 2);
    const campaignId = await campaignWithContacts(
      app,
      [
        { siteId: inHouse, testCell: true, floor: 0.1, cap: 0.85 },
        { siteId: newcomer, testCell: true, floor: 0.1, cap: 0.85 },
      ],
      csvOf(contactRows(400, 30_000)),
      'test_and_learn',
    );
    const before = await data.query(`SELECT site_id, share FROM campaign_site WHERE campaign_id = $1`, [
      campaignId,
    ]);
    for (const row of before) expect(Number(row.share)).toBeGreaterThan(0.3);
    for (let round = 0; round < 3; round++) {
      const good = await lease(app, inHouse, 30, campaignId);
      await app.get(OutcomesService).report(
        UNRESTRICTED,
        good.id!,
        good.contacts.map((contact, i) => ({
          contactId: contact.contactId,
          outcome: i % 3 ? 'reached' : 'sale',
        })),
      );
      const poor = await lease(app, newcomer, 30, campaignId);
      await report(app, poor, 'reached');
    }
    await app.get(JobQueue).enqueue('campaigns.allocate', { campaignId });
    await app.get(JobQueue).drain();
    const after: Array<{ site_id: string; share: string }> = await data.query(
      `SELECT site_id, share FROM campaign_site WHERE campaign_id = $1`,
      [campaignId],
    );
    const share = (id: string) => Number(after.find((row) => row.site_id === id)!.share);
    expect(share(inHouse)).toBeCloseTo(0.85, 2);
    expect(share(newcomer)).toBeCloseTo(0.15, 2);
  });

  it('a current contract is leased only for a campaign relating to its offer, and only through its last day (fixed clock, two offers)', async () => {
    const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toJSDate();
    const [site] = await seedSites(app, 1);
    const header =
      'phone,first_name,last_name,lawful_basis,consent_date,consent_proof,contract_ref,contract_offer,contract_end';
    /** six consumers: consent; prévoyance open-ended, ending today, ended yesterday; obsèques open-ended, ending today */
    const rows = (prefix: string) =>
      [
        `${prefix}1,A,A,consent,2026-01-10,WEB-1,,,`,
        `${prefix}2,B,B,current_contract,,,CTR-2,prevoyance,`,
        `${prefix}3,C,C,current_contract,,,CTR-3,prevoyance,2026-11-23`,
        `${prefix}4,D,D,current_contract,,,CTR-4,prevoyance,2026-11-22`,
        `${prefix}5,E,E,current_contract,,,CTR-5,obseques,`,
        `${prefix}6,F,F,current_contract,,,CTR-6,obseques,23/11/2026`,
      ].join('\n');
    const campaign = (prefix: string, offers: string[]) =>
      campaignWithContacts(
        app,
        [{ siteId: site }],
        `${header}\n${rows(prefix)}\n`,
        'proportional_capacity',
        offers,
      );
    const prevoyance = await campaign('065900000', ['prevoyance']);
    const obseques = await campaign('065900001', ['obseques', 'deces']);
    const none = await campaign('065900002', []);
    const phonesOf = (batch: LeaseView) => batch.contacts.map((contact) => contact.phone.slice(-1)).sort();
    // Monday 23 November 2026, 11:00 in Paris
    const first = await lease(app, site, 10, prevoyance);
    expect(phonesOf(first)).toEqual(['1', '2', '3']);
    expect(first.contacts.find((contact) => contact.phone.endsWith('3'))?.lawfulBasis).toBe(
      'current_contract',
    );
    expect(phonesOf(await lease(app, site, 10, obseques))).toEqual(['1', '5', '6']);
    expect(phonesOf(await lease(app, site, 10, none))).toEqual(['1']);
    // what is left says why, and none of it will ever be lawful for these campaigns
    expect((await lease(app, site, 10, prevoyance)).why).toEqual({
      campaigns: 1,
      reasons: { contract_ended: 1, contract_unrelated: 2 },
      nextLawfulAt: null,
    });
    expect((await lease(app, site, 10, none)).why?.reasons).toEqual({ contract_unrelated: 5 });
    expect((await app.get(ProgressService).of(UNRESTRICTED, prevoyance)).waiting).toEqual({
      contract_ended: 1,
      contract_unrelated: 2,
    });
    expect((await app.get(ProgressService).of(UNRESTRICTED, obseques)).waiting).toEqual({
      contract_unrelated: 3,
    });
    // the contract ending today is called today; reported unanswered, it is not called tomorrow
    await app.get(OutcomesService).report(UNRESTRICTED, first.id!, [
      {
        contactId: first.contacts.find((contact) => contact.phone.endsWith('3'))!.contactId,
        outcome: 'no_answer',
      },
    ]);
    setClock(paris('2026-11-24T11:00'));
    try {
      expect((await lease(app, site, 10, prevoyance)).why).toEqual({
        campaigns: 1,
        reasons: { contract_ended: 2, contract_unrelated: 2 },
        nextLawfulAt: null,
      });
    } finally {
      setClock(LAWFUL_MOMENT);
    }
  });

  it('the next lawful moment counts a current contract only if it is still in force then', async () => {
    const paris = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Paris' }).toJSDate();
    const [site] = await seedSites(app, 1);
    const header =
      'phone,first_name,last_name,lawful_basis,consent_date,consent_proof,contract_ref,contract_offer,contract_end';
    const endingOn = async (phone: string, day: string) =>
      campaignWithContacts(
        app,
        [{ siteId: site }],
        `${header}\n${phone},A,A,current_contract,,,CTR-1,prevoyance,${day}\n`,
      );
    const today = await endingOn('0659100001', '2026-11-23');
    const tomorrow = await endingOn('0659100002', '2026-11-24');
    // Monday 20:30 in Paris: nobody may be called before Tuesday 10:00
    setClock(paris('2026-11-23T20:30'));
    try {
      expect((await lease(app, site, 10, today)).why).toEqual({
        campaigns: 1,
        reasons: { outside_calling_hours: 1 },
        nextLawfulAt: null,
      });
      expect((await lease(app, site, 10, tomorrow)).why).toEqual({
        campaigns: 1,
        reasons: { outside_calling_hours: 1 },
        nextLawfulAt: paris('2026-11-24T10:00').toISOString(),
      });
      expect((await app.get(ProgressService).of(UNRESTRICTED, today)).nextLawfulAt).toBeNull();
    } finally {
      setClock(LAWFUL_MOMENT);
    }
  });

  it('a launch over an opposition list older than 30 days is refused to every caller unless someone confirms it, and the audit trail keeps who', async () => {
    const [site] = await seedSites(app, 1);
    const draft = async (name: string) =>
      (
        await app.get(CampaignsService).create(
          {
            name: `${name} ${randomBytes(3).toString('hex')}`,
            product: 'prevoyance',
            targetVolume: 10,
            callerNumber: '0162000000',
            allocationStrategy: 'proportional_capacity',
            sites: [{ siteId: site }],
          },
          'cli',
        )
      ).campaign.id;
    const id = await draft('Stale list');
    // the list was refreshed at LAWFUL_MOMENT (beforeAll): 31 days later it is stale
    setClock(new Date(LAWFUL_MOMENT.getTime() + 31 * 86_400_000));
    try {
      await expect(app.get(CampaignsService).apply(id, 'launch')).rejects.toMatchObject({
        code: 'opposition_list_stale',
      });
      const status = async () =>
        (await data.query(`SELECT status FROM campaign WHERE id = $1`, [id]))[0].status;
      expect(await status()).toBe('draft');
      const by: Actor = { type: 'user', id: randomUUID(), role: Role.Manager, label: 'cli operator' };
      await app.get(CampaignsService).apply(id, 'launch', { by });
      expect(await status()).toBe('running');
      expect(
        await data.query(
          `SELECT actor_id, actor_label, action FROM audit_event WHERE entity = 'campaign' AND entity_id = $1`,
          [id],
        ),
      ).toEqual([{ actor_id: by.id, actor_label: 'cli operator', action: 'confirm_stale_opposition_list' }]);
      // pausing needs no confirmation
      await app.get(CampaignsService).apply(id, 'pause');
    } finally {
      setClock(LAWFUL_MOMENT);
    }
  });

  it('the dispatch migrations, down and up again, keep contacts out on leases out, queue the rest and fill recent attempts', async () => {
    const [a] = await seedSites(app, 1);
    const campaignId = await campaignWithContacts(app, [{ siteId: a }], csvOf(contactRows(100, 40_000)));
    const batch = await lease(app, a, 30, campaignId);
    await report(app, batch, 'reached', 5);
    const statuses = async () =>
      Object.fromEntries(
        (
          await data.query(
            `SELECT status, count(*)::int AS contacts FROM contact WHERE campaign_id = $1 GROUP BY status`,
            [campaignId],
          )
        ).map((row: { status: string; contacts: number }) => [row.status, row.contacts]),
      );
    // undo every migration down to and including the dispatch queue
    const names = MIGRATIONS.map((migration) => new migration().name);
    const toUndo = names.length - names.indexOf('DispatchQueue1763800420000');
    for (let undone = 0; undone < toUndo; undone++) await data.undoLastMigration({ transaction: 'each' });
    const [last] = await data.query(`SELECT name FROM schema_migrations ORDER BY id DESC LIMIT 1`);
    expect(last.name).toBe('ContactLocality1763800410000');
    expect(await statuses()).toEqual({ leased: 25, pending: 70, done: 5 });
    await data.runMigrations({ transaction: 'each' });
    expect(await statuses()).toEqual({ pending: 95, done: 5 });
    // ContractOffers1763804200000's down dropped the offers the campaign relates to: declare them again
    await data.query(`UPDATE campaign SET contract_offers = '{prevoyance}' WHERE id = $1`, [campaignId]);
    const [{ attempted }] = await data.query(
      `SELECT count(*)::int AS attempted FROM consumer WHERE phone = ANY($1) AND cardinality(recent_attempts) = 1`,
      [batch.contacts.slice(0, 5).map((contact) => contact.phone)],
    );
    expect(attempted).toBe(5); // recent attempts filled from contact_attempt
    expect(await app.get(ProgressService).of(UNRESTRICTED, campaignId)).toMatchObject({
      leased: 25,
      contactsLeft: 95,
    });
    const rest = await lease(app, a, 100, campaignId);
    expect(rest.contacts).toHaveLength(70);
    const outstanding = batch.contacts.slice(5).map((contact) => contact.contactId);
    expect(
      rest.contacts.map((contact) => contact.contactId).filter((id) => outstanding.includes(id)),
    ).toEqual([]);
    const late = await app
      .get(OutcomesService)
      .report(UNRESTRICTED, batch.id!, [{ contactId: outstanding[0], outcome: 'sale' }]);
    expect(late).toMatchObject({ recorded: 1, remaining: 24 });
  });
});

const REDIS = redisUrl();
const POSTGRES = serverDatabaseUrl();

describe.skipIf(!REDIS || !POSTGRES)(
  'import job on BullMQ, worker killed mid-job (PostgreSQL + Redis)',
  () => {
    let app: INestApplicationContext;
    let close: () => Promise<void>;
    let databaseUrl: string;
    const jobsPrefix = `t-${randomBytes(4).toString('hex')}`;
    const workers: ChildProcess[] = [];

    beforeAll(async () => {
      const context = await startTestContext(
        'postgres',
        { imports: [JobsModule.forRoot({ processJobs: false }), NetworkModule, CampaignsModule] },
        { REDIS_URL: REDIS!, JOBS_PREFIX: jobsPrefix },
      );
      ({ app, close } = context);
      databaseUrl = context.config.DATABASE_URL!;
    });
    afterAll(async () => {
      workers.forEach((worker) => worker.exitCode === null && worker.kill('SIGKILL'));
      await close?.();
    });

    const startWorker = () => {
      const child = spawn(
        'node_modules/.bin/vite-node',
        ['--config', 'vitest.config.ts', 'tests/integration/support/campaigns-worker.child.ts'],
        {
          env: {
            ...process.env,
            DATABASE_URL: databaseUrl,
            REDIS_URL: REDIS!,
            JOBS_PREFIX: jobsPrefix,
            IMPORT_CHUNK: '500',
          },
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      workers.push(child);
      return child;
    };

    it('loses and duplicates nothing: the next worker resumes after the last merged chunk', async () => {
      const [site] = await seedSites(app, 1);
      const { campaign } = await app.get(CampaignsService).create(
        {
          name: 'Killed',
          product: 'p',
          targetVolume: 100_000,
          callerNumber: '0162000000',
          allocationStrategy: 'proportional_capacity',
          sites: [{ siteId: site }],
        },
        'test',
      );
      const rows = contactRows(40_000, 100_000);
      const withDuplicates = [...rows, ...rows.slice(0, 500)];
      const started = await app
        .get(ContactImportService)
        .start(campaign.id, Readable.from([csvOf(withDuplicates)]), 'test');
      expect(started).toMatchObject({ rows: 40_500, valid: 40_500 });
      const data = app.get(DataSource);
      const progress = async () =>
        (
          await data.query(`SELECT status, processed, created, merged FROM contact_import WHERE id = $1`, [
            started.id,
          ])
        )[0];

      const first = startWorker();
      const midway = await waitFor(progress, (row) => row.processed > 0, 60_000);
      first.kill('SIGKILL');
      await new Promise((resolve) => first.once('exit', resolve));
      const atKill = await progress();
      expect(midway.processed).toBeGreaterThan(0);
      expect(atKill.status).not.toBe('completed');
      expect(atKill.processed).toBeLessThan(40_500);

      startWorker();
      const done = await waitFor(progress, (row) => row.status === 'completed', 80_000);
      expect(done).toMatchObject({ processed: 40_500, created: 40_000, merged: 500 });
      const [{ contacts, distinct }] = await data.query(
        `SELECT count(*)::int AS contacts, count(DISTINCT phone)::int AS distinct FROM contact WHERE campaign_id = $1`,
        [campaign.id],
      );
      expect({ contacts, distinct }).toEqual({ contacts: 40_000, distinct: 40_000 });
      const [{ count }] = await data.query(`SELECT contact_count AS count FROM campaign WHERE id = $1`, [
        campaign.id,
      ]);
      expect(count).toBe(40_000);
    }, 150_000);
  },
);

describe.skipIf(!REDIS || !POSTGRES)(
  'lease expiry on BullMQ, worker killed mid-job (PostgreSQL + Redis)',
  () => {
    let app: INestApplicationContext;
    let close: () => Promise<void>;
    let databaseUrl: string;
    const children: ChildProcess[] = [];
    const prefix = `t-${randomBytes(4).toString('hex')}`;
    let jobs: ReturnType<typeof watchJobs> | undefined;

    beforeAll(async () => {
      jobs = watchJobs(REDIS!, prefix);
      // the setup's own jobs (the import merge) run inline in this process; the expiry runs in apps/worker
      const context = await startTestContext('postgres', {
        imports: [JobsModule.forRoot({ processJobs: false }), NetworkModule, CampaignsModule],
      });
      ({ app, close } = context);
      databaseUrl = context.config.DATABASE_URL!;
      pinClock(app, LAWFUL_MOMENT);
      // a fresh opposition list: campaigns launch without a confirmation
      await app.get(SuppressionsService).suppress(['+33 6 99 99 99 99'], OPPOSITION_LIST_SOURCE, 'test');
    });
    afterAll(async () => {
      children.forEach((child) => child.exitCode === null && child.kill('SIGKILL'));
      await jobs?.close();
      await close?.();
    });

    it('returns each unreported contact to the pool exactly once: the next worker redoes the killed transaction', async () => {
      const data = app.get(DataSource);
      const worker = () => {
        const child = startWorkerProcess({
          DATABASE_URL: databaseUrl,
          REDIS_URL: REDIS!,
          JOBS_PREFIX: prefix,
          REDIS_PREFIX: prefix,
        });
        children.push(child);
        return child;
      };
      const [site] = await seedSites(app, 1);
      const campaignId = await campaignWithContacts(app, [{ siteId: site }], csvOf(contactRows(300, 50_000)));
      const batches = [await lease(app, site, 60), await lease(app, site, 60), await lease(app, site, 60)];
      await report(app, batches[0], 'sale', 20);
      const reported = batches[0].contacts.slice(0, 20).map((contact) => contact.contactId);
      const state = async () =>
        (
          await data.query(
            `SELECT (SELECT count(*)::int FROM contact_lease WHERE status = 'open') AS open,
                    (SELECT count(*)::int FROM contact_queue WHERE campaign_id = $1) AS queued,
                    (SELECT count(DISTINCT contact_id)::int FROM contact_queue WHERE campaign_id = $1) AS contacts,
                    (SELECT count(*)::int FROM consumer WHERE leased_until IS NOT NULL) AS held,
                    (SELECT assigned FROM campaign_site WHERE campaign_id = $1) AS assigned`,
            [campaignId],
          )
        )[0];
      const before = await state();
      expect(before).toEqual({ open: 3, queued: 120, contacts: 120, held: 160, assigned: 180 });

      // the leases ended long ago on the worker's clock: its first expiry run takes all three, queues
      // their 160 unreported contacts, then waits for the site's row to release its assignments
      const lock = await holdLock(data, `SELECT FROM campaign_site WHERE campaign_id = $1 FOR UPDATE`, [
        campaignId,
      ]);
      const first = worker();
      const killed = await jobs!.running('campaigns.expire-leases');
      const waiting = await waitFor(
        () => lock.blocked('cs.assigned - r.contacts'),
        (pids) => pids.length > 0,
        120_000,
      );
      first.kill('SIGKILL');
      await exited(first);
      await lock.release();
      await backendsGone(data, waiting);
      expect(await state()).toEqual(before); // the killed transaction left nothing behind

      const second = worker();
      await waitFor(
        () => jobs!.state(killed.id!),
        (state) => state === 'completed',
        120_000,
      );
      expect(await state()).toEqual({ open: 0, queued: 280, contacts: 280, held: 0, assigned: 20 });
      second.kill('SIGTERM');
      await exited(second);

      // dispatched once: every contact not reported is leased again, once, and no other
      const again: string[] = [];
      for (;;) {
        const batch = await lease(app, site, 100);
        if (!batch.contacts.length) break;
        again.push(...batch.contacts.map((contact) => contact.contactId));
      }
      expect(again).toHaveLength(280);
      expect(new Set(again).size).toBe(280);
      expect(again.filter((id) => reported.includes(id))).toEqual([]);
    }, 300_000);
  },
);
