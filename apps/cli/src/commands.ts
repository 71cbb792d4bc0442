import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { migrateUnderLock } from '#db';
import { DemoSeeder } from '#demo';
import { simulate, SIMULATE_OPTIONS, SIMULATE_USAGE } from './simulate.js';
import { ApiKeysService, Role, UsersService } from '#identity';

export interface Command {
  describe: string;
  usage: string;
  /** Options this command accepts (all strings). */
  options: string[];
  run(app: INestApplicationContext, options: Record<string, string | undefined>): Promise<void>;
  /** Runs without the Nest context (no database) when it returns a promise: e.g. talking to a running api. */
  runWithoutApp?(options: Record<string, string | undefined>): Promise<void> | undefined;
}

const required = (options: Record<string, string | undefined>, name: string): string => {
  const value = options[name];
  if (!value) throw new UsageError(`--${name} is required`);
  return value;
};

export class UsageError extends Error {}

export const COMMANDS: Record<string, Command> = {
  migrate: {
    describe: 'apply pending database migrations',
    usage: 'migrate',
    options: [],
    async run(app) {
      const applied = await migrateUnderLock(app.get(DataSource));
      console.log(
        applied.length ? `applied: ${applied.map((m) => m.name).join(', ')}` : 'schema is up to date',
      );
    },
  },
  seed: {
    describe: 'write the demo network and demo users (idempotent)',
    usage: 'seed',
    options: [],
    async run(app) {
      await migrateUnderLock(app.get(DataSource));
      console.log(JSON.stringify(await app.get(DemoSeeder).seed()));
    },
  },
  'create-user': {
    describe: 'create a user',
    usage:
      'create-user --email E --password P --role admin|manager|supervisor|partner [--name N] [--partner-id ID]',
    options: ['email', 'password', 'role', 'name', 'partner-id'],
    async run(app, options) {
      const role = required(options, 'role') as Role;
      if (!Object.values(Role).includes(role))
        throw new UsageError(`--role must be one of ${Object.values(Role).join(', ')}`);
      const user = await app.get(UsersService).create({
        email: required(options, 'email').toLowerCase(),
        password: required(options, 'password'),
        role,
        displayName: options.name ?? required(options, 'email'),
        partnerId: options['partner-id'],
      });
      console.log(JSON.stringify({ id: user.id, email: user.email, role: user.role }));
    },
  },
  'create-api-key': {
    describe: "create an API key for a partner's system (printed once)",
    usage: 'create-api-key --partner-id ID --name N',
    options: ['partner-id', 'name'],
    async run(app, options) {
      const { apiKey, key } = await app
        .get(ApiKeysService)
        .create({ partnerId: required(options, 'partner-id'), name: required(options, 'name') }, null);
      console.log(JSON.stringify({ id: apiKey.id, partnerId: apiKey.partnerId, key }));
    },
  },
  simulate: {
    describe: 'play a realistic seat-state feed for the demo network (French calling day, breaks, calls)',
    usage: SIMULATE_USAGE,
    options: SIMULATE_OPTIONS,
    run: (app, options) => simulate(app, options),
    runWithoutApp: (options) => (options.url ? simulate(undefined, options) : undefined),
  },
};
