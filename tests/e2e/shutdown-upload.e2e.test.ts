import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { CONTACTS_HEADER, contactRows } from '../support/campaigns.js';
import { IN_CI, serverDatabaseUrl } from '../support/environment.js';
import { freePort, until } from '../support/faults.js';
import { exited, startAppProcess } from '../support/processes.js';
import { DEMO_LOGINS } from '../support/test-api.js';
import { Test } from '@nestjs/testing';
import { CampaignsModule, CampaignsService } from '#campaigns';
import { loadConfig } from '#config';
import { createScratchDatabase } from '#db';
import { PlatformModule } from '#platform';

const POSTGRES = serverDatabaseUrl();

/**
 * The api (a real process, PostgreSQL, jobs inline) gets SIGTERM while contacts uploads are
 * arriving: each upload is either acknowledged (202) and then fully imported — by this process
 * before it exits or by the next one, which resumes it — or refused cleanly (503, or the
 * connection closed before an answer) and leaves nothing: no import, no staged row, no contact.
 */
describe.skipIf(!POSTGRES && !IN_CI)('SIGTERM during contacts uploads', () => {
  const children: ChildProcess[] = [];
  const drops: Array<() => Promise<void>> = [];
  afterAll(async () => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const drop of drops) await drop();
  });

  const start = async (databaseUrl: string) => {
    const port = await freePort();
    const child = startAppProcess('api', {
      DATABASE_URL: databaseUrl,
      REDIS_URL: '',
      PORT: String(port),
      HOST: '127.0.0.1',
      SEED_DEMO: 'true',
    });
    children.push(child);
    const url = `http://127.0.0.1:${port}`;
    await until(async () => {
      if (child.exitCode !== null) throw new Error(`the api exited with ${child.exitCode}`);
      return (await fetch(`${url}/health/ready`)).status === 200;
    }, 180_000);
    const [email, password] = DEMO_LOGINS.manager;
    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const call = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${url}/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      });
      return { status: response.status, body: (await response.json().catch(() => undefined)) as any }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    return { child, url, token, call };
  };

  /** A CSV of `rows` contacts sent in `pieces` pieces, one every `everyMs`. */
  const slowCsv = (first: number, rows: number, pieces: number, everyMs: number) => {
    const encoder = new TextEncoder();
    let sent = 0;
    const perPiece = rows / pieces;
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === pieces) return controller.close();
        if (sent) await new Promise((resolve) => setTimeout(resolve, everyMs));
        const lines = contactRows(perPiece, first + sent * perPiece).join('\n');
        controller.enqueue(encoder.encode(sent ? `${lines}\n` : `${CONTACTS_HEADER}\n${lines}\n`));
        sent++;
      },
    });
  };

  it('imports every acknowledged upload whole, and leaves nothing of the refused ones', async () => {
    const scratch = await createScratchDatabase(POSTGRES!, 'plateau_test');
    drops.push(scratch.drop);
    const first = await start(scratch.url);
    const sites = (await first.call('/sites')).body.items as Array<{ id: string }>;
    // created in this process (the api runs from source here, where nested bodies are not converted)
    const context = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot(
          loadConfig({ ...process.env, DATABASE_URL: scratch.url, REDIS_URL: '', RUN_MIGRATIONS: 'false' }),
          {
            processJobs: false,
            logging: false,
          },
        ),
        CampaignsModule,
      ],
    })
      .compile()
      .then((module) => module.init());
    const { campaign: created } = await context.get(CampaignsService).create(
      {
        name: 'Arrêt pendant un envoi',
        product: 'prevoyance',
        targetVolume: 100_000,
        callerNumber: '01 62 00 00 01',
        allocationStrategy: 'proportional_capacity',
        sites: [{ siteId: sites[0]!.id }],
      },
      'test',
    );
    await context.close();
    const campaign = { body: { id: created.id } };

    // uploads of 2,000 rows each: some whole at once, some trickling in over ~4 s
    const outcomes: Array<{ index: number; rows: number; status: number | 'closed'; id?: string }> = [];
    const upload = (index: number, slow: boolean) =>
      fetch(`${first.url}/api/v1/campaigns/${campaign.body.id}/contacts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${first.token}`, 'content-type': 'text/csv' },
        body: slow
          ? slowCsv(index * 10_000, 2_000, 20, 200)
          : `${CONTACTS_HEADER}\n${contactRows(2_000, index * 10_000).join('\n')}\n`,
        duplex: 'half',
      } as RequestInit).then(
        async (response) => {
          const body = (await response.json().catch(() => ({}))) as { id?: string };
          outcomes.push({ index, rows: 2_000, status: response.status, id: body.id });
        },
        () => outcomes.push({ index, rows: 2_000, status: 'closed' }),
      );
    const uploads = [0, 1, 2, 3].map((index) => upload(index, index % 2 === 1));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    first.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    uploads.push(upload(4, false), upload(5, true)); // sent while it stops
    await Promise.all(uploads);
    await exited(first.child);

    const acknowledged = outcomes.filter((outcome) => outcome.status === 202);
    const refused = outcomes.filter((outcome) => outcome.status !== 202);
    console.log(
      `SIGTERM during uploads: ${JSON.stringify(outcomes.map((outcome) => outcome.status))} (202 = acknowledged)`,
    );
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const outcome of refused) expect([503, 'closed']).toContain(outcome.status);
    // nothing new starts once the signal is in: both uploads sent after it are refused
    expect(outcomes.filter((outcome) => outcome.index >= 4).map((outcome) => outcome.status)).not.toContain(
      202,
    );

    // the next process imports what was acknowledged (resuming an unfinished merge) and nothing else
    const second = await start(scratch.url);
    const db = new pg.Client({ connectionString: scratch.url });
    await db.connect();
    try {
      await until(async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS open FROM contact_import WHERE status <> 'completed'`,
        );
        return rows[0].open === 0;
      }, 150_000);
      const { rows: imports } = await db.query(
        `SELECT id, status, rows, created FROM contact_import ORDER BY id`,
      );
      expect(imports.map((row) => row.id).sort()).toEqual(acknowledged.map((outcome) => outcome.id).sort());
      for (const row of imports)
        expect(row).toMatchObject({ status: 'completed', rows: 2_000, created: 2_000 });
      const { rows: counts } = await db.query(
        `SELECT (SELECT count(*)::int FROM contact WHERE campaign_id = $1) AS contacts,
                (SELECT count(DISTINCT phone)::int FROM contact WHERE campaign_id = $1) AS phones,
                (SELECT count(*)::int FROM contact_import_row) AS staged`,
        [campaign.body.id],
      );
      expect(counts[0]).toEqual({
        contacts: acknowledged.length * 2_000,
        phones: acknowledged.length * 2_000,
        staged: 0,
      });
    } finally {
      await db.end();
      second.child.kill('SIGTERM');
      await exited(second.child);
    }
  }, 420_000);
});
