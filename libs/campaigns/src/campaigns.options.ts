/** Tunables of the campaigns context (tests override the provider). */
export class CampaignsOptions {
  /** staged rows merged per transaction by the import job */
  importChunk = 50_000;
  /** rows buffered before each write while a CSV streams in */
  stagingFlush = 20_000;
  /** how long a leased batch stays with a site before its unreported contacts return to the pool */
  leaseTtlSeconds = 15 * 60;
  maxBatchSize = 5_000;
  defaultBatchSize = 100;
  expireLeasesEveryMs = 30_000;
  allocateEveryMs = 60_000;
  /** minimum delay between two campaign.progress events of one campaign */
  progressEveryMs = 2_000;
  /** rejections listed by GET /imports/:id (the report counts them all) */
  reportRejections = 1_000;
}
