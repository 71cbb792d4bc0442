import { loadConfig } from '#config';
import { ActivityRollup } from '#wallboard';
import { createApi, seedDemoIfEmpty } from '../../apps/api/src/bootstrap.js';
import { measuredMemory, send, serve } from './ipc.js';

/**
 * The real api (dist build), plus a memory probe for the orchestrator. Activity figures are
 * sampled and published to every room every BENCH_ACTIVITY_MS (5 s; 0: only the minute rollup
 * production runs), so the live path carries `activity.changed` beside `site.occupancy`: twelve
 * times the minute cadence, standing in for the updates that reported outcomes add.
 */
serve(async (message) => (message.type === 'memory' ? measuredMemory() : undefined));
const config = loadConfig();
const app = await createApi(config);
await seedDemoIfEmpty(app, config);
await app.listen({ port: config.PORT, host: config.host });
const activityEveryMs = Number(process.env.BENCH_ACTIVITY_MS ?? 5000);
if (activityEveryMs > 0) {
  const rollup = app.get(ActivityRollup);
  setInterval(() => void rollup.run().catch(() => undefined), activityEveryMs).unref();
}
send({ type: 'ready' });
