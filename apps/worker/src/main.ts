import 'reflect-metadata';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { ConfigError, loadConfig } from '#config';
import { JobHandlers } from '#jobs';
import { WorkerModule } from './worker.module.js';

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.REDIS_URL)
    new NestLogger('Worker').warn(
      'REDIS_URL is not set: in embedded mode the api runs jobs inline; this worker only idles.',
    );
  config.RUN_MIGRATIONS = false; // the api (or `npm run db:migrate`) owns the schema
  const app = await NestFactory.createApplicationContext(WorkerModule.with(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  new NestLogger('Worker').log(`processing jobs: ${app.get(JobHandlers).names().join(', ') || 'none'}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
