import { INestApplicationContext, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppConfig, ConfigModule, loadConfig } from '#config';
import { CoreModule } from '#core';
import { DbModule } from '#db';
import { RedisModule } from '#redis';
import { type Backend, createScratchDatabase, serverDatabaseUrl } from './environment.js';

export type { Backend };

/**
 * A Nest application context (no HTTP) on a fresh, migrated database of the given backend:
 * a throwaway embedded PostgreSQL server (`DATA_DIR=memory://`), or a scratch database on the
 * DATABASE_URL server.
 */
export async function startTestContext(
  backend: Backend,
  metadata: ModuleMetadata,
  env: Record<string, string> = {},
): Promise<{ app: INestApplicationContext; config: AppConfig; close: () => Promise<void> }> {
  const scratch = backend === 'postgres' ? await createScratchDatabase(serverDatabaseUrl()!) : undefined;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: scratch?.url ?? '',
    DATA_DIR: 'memory://',
    REDIS_URL: '',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), CoreModule, DbModule, RedisModule, ...(metadata.imports ?? [])],
    providers: metadata.providers ?? [],
  }).compile();
  const app = await moduleRef.init();
  return {
    app,
    config,
    close: async () => {
      await app.close();
      await scratch?.drop();
    },
  };
}
