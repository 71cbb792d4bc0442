import { type ChildProcess, spawn } from 'node:child_process';
import { type Job, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { createScratchDatabase, dataSourceOptions, migrateUnderLock } from '#db';
import { QUEUE_NAME } from '#jobs';

/** A scratch database on the server with every migration applied (for processes that do not migrate). */
export async function migratedScratchDatabase(
  serverUrl: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const scratch = await createScratchDatabase(serverUrl, 'plateau_test');
  const dataSource = await new DataSource(dataSourceOptions(scratch.url)).initialize();
  try {
    await migrateUnderLock(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return scratch;
}

/**
 * Runs an app's main (apps/<app>/src/main.ts) as a child process, from source with vite-node, as
 * `npm start` / `npm run start:worker` would; stderr is the test's.
 */
export function startAppProcess(app: 'api' | 'worker', env: Record<string, string>): ChildProcess {
  return spawn('node_modules/.bin/vite-node', ['--config', 'vitest.config.ts', `apps/${app}/src/main.ts`], {
    env: { ...process.env, LOG_LEVEL: 'warn', NODE_ENV: 'development', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** Resolves with the exit code (or signal) once the child has exited. */
export function exited(child: ChildProcess): Promise<number | string> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve(child.exitCode ?? child.signalCode!);
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal!)));
}

/** apps/worker on these servers and prefixes, without a health port (two may run at once). */
export function startWorkerProcess(env: {
  DATABASE_URL: string;
  REDIS_URL: string;
  JOBS_PREFIX: string;
  REDIS_PREFIX: string;
}): ChildProcess {
  return startAppProcess('worker', { ...env, WORKER_HEALTH_PORT: '0' });
}

/** The BullMQ queue of a jobs prefix, to see which jobs the worker processes run and how they ended. */
export function watchJobs(redisUrl: string, prefix: string) {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(QUEUE_NAME, { connection, prefix });
  const first = async (name: string, list: () => Promise<Job[]>, timeoutMs: number): Promise<Job> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const job = (await list()).find((listed) => listed.name === name);
      if (job) return job;
      if (Date.now() > deadline) throw new Error(`no ${name} job found in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  return {
    /** the first job of that name found running */
    running: (name: string, timeoutMs = 120_000) => first(name, () => queue.getActive(), timeoutMs),
    /** the first job of that name found completed */
    completed: (name: string, timeoutMs = 120_000) => first(name, () => queue.getCompleted(), timeoutMs),
    state: async (id: string) => (await queue.getJob(id))?.getState(),
    close: async () => {
      await queue.obliterate({ force: true });
      await queue.close();
      await connection.quit(); // a connection handed to BullMQ stays open after queue.close()
    },
  };
}
