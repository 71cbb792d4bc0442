import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

/** A free TCP port on loopback (fault tests restart their servers on the same port). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function until(check: () => Promise<boolean> | boolean, timeoutMs = 30_000): Promise<number> {
  const started = Date.now();
  for (;;) {
    const ok = await Promise.resolve()
      .then(check)
      .catch(() => false);
    if (ok) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`not in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A redis-server of the test's own, no persistence: a restart comes back empty. */
export class OwnRedis {
  private process?: ChildProcess;
  constructor(readonly port: number) {}

  static available(): boolean {
    try {
      execFileSync('which', ['redis-server']);
      return true;
    } catch {
      return false;
    }
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.process = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    await until(() => {
      try {
        return execFileSync('redis-cli', ['-p', String(this.port), 'ping'])
          .toString()
          .includes('PONG');
      } catch {
        return false;
      }
    }, 10_000);
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGKILL');
    });
  }
}

const POSTGRES_BIN = (() => {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const version = readdirSync(root).sort().pop();
  return version ? join(root, version, 'bin') : undefined;
})();

/**
 * A PostgreSQL server of the test's own (initdb and pg_ctl from the Debian packages, in a
 * temporary directory, on its own port), never the shared cluster: stopped and started again
 * on the same port to make an outage. Run as the postgres user when the test runs as root.
 */
export class OwnPostgres {
  private readonly dir = mkdtempSync(join(tmpdir(), 'plateau-fault-pg-'));
  constructor(readonly port: number) {}

  static available(): boolean {
    return POSTGRES_BIN !== undefined;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private run(tool: string, args: string[]): void {
    const command = join(POSTGRES_BIN!, tool);
    if (userInfo().uid === 0)
      execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { stdio: 'ignore' });
    else execFileSync(command, args, { stdio: 'ignore' });
  }

  async init(): Promise<void> {
    if (userInfo().uid === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(this.dir, uid, gid);
      chmodSync(this.dir, 0o700);
    }
    this.run('initdb', ['-D', join(this.dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
  }

  async start(): Promise<void> {
    this.run('pg_ctl', [
      '-D',
      join(this.dir, 'data'),
      '-l',
      join(this.dir, 'log'),
      '-o',
      `-p ${this.port} -k '' -c listen_addresses=127.0.0.1 -c fsync=off`,
      '-w',
      'start',
    ]);
  }

  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }

  async remove(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A lock the test holds in a transaction on its own connection: a pause point that exists in
 * production, since the job under test waits for it as for any other transaction. `blocked(text)`
 * lists the backends waiting on it (directly or behind another waiter) whose statement contains
 * `text`; `release()` rolls back.
 */
export async function holdLock(data: DataSource, sql: string, parameters: unknown[] = []) {
  const runner = data.createQueryRunner();
  await runner.connect();
  await runner.startTransaction();
  const [{ pid }] = await runner.query(`SELECT pg_backend_pid() AS pid`);
  await runner.query(sql, parameters);
  return {
    blocked: async (text: string): Promise<number[]> =>
      (
        await data.query(
          // waiting on the lock itself, or queued behind another waiter for the same row
          `WITH RECURSIVE waiting (pid) AS (
             SELECT pid FROM pg_stat_activity WHERE $1 = ANY(pg_blocking_pids(pid))
             UNION SELECT a.pid FROM pg_stat_activity a JOIN waiting w ON w.pid = ANY(pg_blocking_pids(a.pid)))
           SELECT pid FROM pg_stat_activity JOIN waiting USING (pid) WHERE strpos(query, $2) > 0`,
          [pid, text],
        )
      ).map((row: { pid: number }) => row.pid),
    release: async () => {
      await runner.rollbackTransaction();
      await runner.release();
    },
  };
}

/** Resolves once none of these backends is left (a killed client's statement ended, its transaction rolled back). */
export async function backendsGone(data: DataSource, pids: number[], timeoutMs = 30_000): Promise<void> {
  await until(
    async () =>
      (await data.query(`SELECT count(*)::int AS left FROM pg_stat_activity WHERE pid = ANY($1)`, [pids]))[0]
        .left === 0,
    timeoutMs,
  );
}
