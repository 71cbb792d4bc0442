import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DataSource } from 'typeorm';
import { DemoModule, DemoSeeder } from '#demo';
import { IdentityModule } from '#identity';
import { JobsModule } from '#jobs';
import { LiveModule } from '#live';
import { NetworkModule } from '#network';
import { COMMANDS, UsageError } from '../../apps/cli/src/commands.js';
import { databaseBackends } from '../support/environment.js';
import { startTestContext } from '../support/test-context.js';

describe.each(databaseBackends())('cli commands and demo seed on %s', (backend) => {
  let context: Awaited<ReturnType<typeof startTestContext>>;
  let output: string[];

  beforeAll(async () => {
    context = await startTestContext(backend, {
      imports: [
        JobsModule.forRoot({ processJobs: false }),
        IdentityModule,
        NetworkModule,
        LiveModule,
        DemoModule,
      ],
    });
    output = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await context?.close();
  });

  it('seeds the demo network idempotently', async () => {
    const seeder = context.app.get(DemoSeeder);
    const first = await seeder.seed();
    const second = await seeder.seed();
    expect(second).toEqual(first);
    const [{ count }] = await context.app.get(DataSource).query('SELECT count(*)::int AS count FROM seat');
    expect(count).toBe(first.seats);
    expect(first).toMatchObject({ partners: 4, sites: 7, users: 5 });
  });

  it('create-user and create-api-key print what was created; the key works once hashed', async () => {
    await COMMANDS['create-user'].run(context.app, {
      email: 'Ops@Plateau.Test',
      password: 'a-long-password',
      role: 'manager',
    });
    expect(JSON.parse(output.at(-1)!)).toMatchObject({ email: 'ops@plateau.test', role: 'manager' });
    const [partner] = await context.app.get(DataSource).query(`SELECT id FROM partner WHERE name = 'Sittel'`);
    await COMMANDS['create-api-key'].run(context.app, { 'partner-id': partner.id, name: 'cli key' });
    const created = JSON.parse(output.at(-1)!);
    expect(created.key).toMatch(/^plt_/);
    const [row] = await context.app
      .get(DataSource)
      .query('SELECT secret_hash FROM api_key WHERE id = $1', [created.id]);
    expect(row.secret_hash).not.toContain(created.key);
  });

  it('simulate feeds the active seats of the active sites through the live service', async () => {
    const db = context.app.get(DataSource);
    const [closed] = await db.query(
      `UPDATE site SET status = 'closed' WHERE name = (SELECT min(name) FROM site) RETURNING id`,
    );
    const [{ seats, sites }] = await db.query(
      `SELECT count(*)::int AS seats, count(DISTINCT seat.site_id)::int AS sites
         FROM seat JOIN site ON site.id = seat.site_id WHERE seat.active AND site.status = 'active'`,
    );
    expect(seats).toBeGreaterThan(0);
    output.length = 0;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      await COMMANDS.simulate.run(context.app, {
        speed: '900',
        duration: '1',
        tick: '250',
        start: '2011-03-14T10:20',
      });
    } finally {
      warn.mockRestore();
      await db.query(`UPDATE site SET status = 'active' WHERE id = $1`, [closed.id]);
    }
    expect(output[0]).toMatch(new RegExp(`^simulating ${seats} seats on ${sites} sites `));
    const totals = JSON.parse(output.at(-1)!);
    expect(totals.posted).toBeGreaterThan(0);
    expect(totals.posted).toBe(totals.applied + totals.ignored);
  });

  it('refuses bad usage with a message', async () => {
    await expect(
      COMMANDS['create-user'].run(context.app, { email: 'a@b.c', role: 'boss' }),
    ).rejects.toBeInstanceOf(UsageError);
  });
});
