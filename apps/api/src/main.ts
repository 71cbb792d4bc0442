import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from '#config';
import { createApi, seedDemoIfEmpty } from './bootstrap.js';
import { Draining } from './ops/draining.js';
import { startBanner, startSummary } from './start-banner.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApi(config);
  // refuse new requests from the signal on, before the shutdown hooks run
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => app.get(Draining).start());
  await seedDemoIfEmpty(app, config);
  await app.listen({ port: config.PORT, host: config.host });
  const summary = startSummary(config);
  if (config.prettyLogs) process.stdout.write(`${startBanner(summary, process.stdout.isTTY === true)}\n`);
  else new Logger('Plateau').log({ msg: `api listening on ${summary.url}`, ...summary });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
