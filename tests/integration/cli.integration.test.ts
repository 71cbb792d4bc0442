import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DataSource } from 'typeorm';
import { DemoModule, DemoSeeder } from '#demo';
import { IdentityModule } from '#identity';
import { JobsModule } from '#jobs';
import { NetworkModule } from '#network';
import { COMMANDS, UsageError } from '../../apps/cli/src/commands.js';
import { databaseBackends } from '../support/environment.js';
import { startTestContext } from '../support/test-context.js';

describe.each(databaseBackends())('cli commands and demo seed on %s', (backend) => {
  let context: Awaited<ReturnType<typeof startTestContext>>;
  let output: string[];

  beforeAll(async () => {
    context = await startTestContext(backend, {
      imports: [JobsModule.forRoot({ processJobs: false }), IdentityModule, NetworkModule, DemoModule],
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

  it('refuses bad usage with a message', async () => {
    await expect(
      COMMANDS['create-user'].run(context.app, { email: 'a@b.c', role: 'boss' }),
    ).rejects.toBeInstanceOf(UsageError);
  });
});
