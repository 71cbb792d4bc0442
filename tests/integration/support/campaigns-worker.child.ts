/**
 * A worker process for the "killed mid-job" test: the campaigns context with a BullMQ worker on
 * the test's queue prefix and small import chunks. Started with vite-node (a devDependency: Vitest 4 no longer brings it); the test kills it.
 */
import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { CampaignsModule, CampaignsOptions } from '#campaigns';
import { loadConfig } from '#config';
import { PlatformModule } from '#platform';

const config = loadConfig({ ...process.env, RUN_MIGRATIONS: 'false', LOG_LEVEL: 'silent' });
const options = Object.assign(new CampaignsOptions(), {
  importChunk: Number(process.env.IMPORT_CHUNK ?? 500),
  expireLeasesEveryMs: 3_600_000,
  allocateEveryMs: 3_600_000,
});
const moduleRef = await Test.createTestingModule({
  imports: [PlatformModule.forRoot(config, { processJobs: true, logging: false }), CampaignsModule],
})
  .overrideProvider(CampaignsOptions)
  .useValue(options)
  .compile();
await moduleRef.init();
process.send?.('ready');
console.log('worker ready');
