import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * Real Postgres compiled to WASM (PGlite), served on loopback so TypeORM's ordinary postgres
 * driver talks to it exactly as it would to a server. Data lives under `dataDir`
 * (`memory://` for a throwaway database). PGlite runs one transaction at a time.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly host: string,
    readonly port: number,
  ) {}

  static async start(dataDir: string, port = 0): Promise<EmbeddedPostgres> {
    if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
    const db = await PGlite.create({ dataDir, extensions: { pgcrypto } });
    const host = '127.0.0.1';
    const server = new PGLiteSocketServer({ db, host, port, maxConnections: 16 });
    await server.start();
    const address = (server as unknown as { server?: { address(): { port: number } } }).server?.address();
    return new EmbeddedPostgres(db, server, host, address?.port ?? port);
  }

  get url(): string {
    return `postgres://postgres@${this.host}:${this.port}/postgres`;
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
