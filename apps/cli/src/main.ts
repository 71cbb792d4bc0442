import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '#config';
import { DomainError } from '#core';
import { CliModule } from './cli.module.js';
import { COMMANDS, UsageError } from './commands.js';
import { SimulateUsageError } from './simulate.js';

function help(): string {
  return [
    'usage: plateau <command> [options]',
    '',
    ...Object.values(COMMANDS).map((command) => `  ${command.usage.padEnd(70)} ${command.describe}`),
  ].join('\n');
}

async function main(): Promise<void> {
  const [name, ...rest] = process.argv.slice(2);
  const command = name ? COMMANDS[name] : undefined;
  if (!command) {
    console.log(help());
    process.exitCode = name && name !== 'help' ? 2 : 0;
    return;
  }
  const { values } = parseArgs({
    args: rest,
    options: Object.fromEntries(command.options.map((option) => [option, { type: 'string' as const }])),
    strict: true,
  });
  const withoutApp = command.runWithoutApp?.(values as Record<string, string | undefined>);
  if (withoutApp) return withoutApp;
  // the command line signs no access token: it needs no JWT_SECRET (migrations run before the api has one)
  const config = loadConfig(process.env, { issuesTokens: false });
  config.RUN_MIGRATIONS = false;
  const app = await NestFactory.createApplicationContext(CliModule.with(config), {
    logger: ['error', 'warn'],
  });
  try {
    await command.run(app, values as Record<string, string | undefined>);
  } finally {
    await app.close();
  }
  // A one-shot command: leave even if a client library keeps a timer or socket alive.
  process.exit(process.exitCode ?? 0);
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    error instanceof UsageError ||
    error instanceof SimulateUsageError ||
    error instanceof DomainError
  )
    console.error(`error: ${error.message}`);
  else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))
    console.error(`error: ${(error as Error).message}\n\n${help()}`);
  else console.error(error);
  process.exit(2);
});
