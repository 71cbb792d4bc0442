import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '#config';
import { createApi, seedDemoIfEmpty } from './bootstrap.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config);
  await seedDemoIfEmpty(app, config);
  await app.listen({ port: config.PORT, host: config.HOST });
  new Logger('Plateau').log(
    `api listening on http://localhost:${config.PORT} (database: ${config.embedded ? `embedded PostgreSQL in ${config.DATA_DIR}` : 'DATABASE_URL'}, jobs: ${config.REDIS_URL ? 'BullMQ on Redis' : 'inline'})`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
