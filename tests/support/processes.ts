import { type ChildProcess, spawn } from 'node:child_process';
import { DataSource } from 'typeorm';
import { createScratchDatabase, dataSourceOptions, migrateUnderLock } from '#db';

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
