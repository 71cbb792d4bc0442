import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadConfig } from '#config';
import { createApi, seedDemoIfEmpty } from '../../apps/api/src/bootstrap.js';
import { type Backend, createScratchDatabase, serverDatabaseUrl } from './environment.js';

export interface TestApi {
  app: NestFastifyApplication;
  baseUrl: string;
  config: AppConfig;
  /** fetch against the api with JSON in and out */
  request(path: string, init?: RequestInit & { json?: unknown; token?: string }): Promise<TestResponse>;
  /** a Bearer token for a demo user of that role */
  tokenFor(role: 'admin' | 'manager' | 'supervisor' | 'partner' | 'partner2'): Promise<string>;
  /**
   * Stops the api and starts a new one on the same port and database (what a deploy or a crash
   * does); `app` is the new one afterwards. Embedded mode needs a DATA_DIR that outlives a stop.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
}

export const DEMO_LOGINS = {
  admin: ['admin@plateau.demo', 'plateau-admin-demo'],
  manager: ['manager@plateau.demo', 'plateau-manager-demo'],
  supervisor: ['supervisor@plateau.demo', 'plateau-supervisor-demo'],
  partner: ['partner@sittel.demo', 'plateau-partner-demo'],
  partner2: ['partner@webhelp.demo', 'plateau-partner-demo'],
} as const;

/**
 * Boots the real api on a fresh database (a scratch database on DATABASE_URL's server, or a
 * throwaway embedded PostgreSQL server), seeded with the demo network, listening on a random port.
 * `backend` forces one (default: the DATABASE_URL server when set, else embedded).
 */
export async function startTestApi(
  env: Record<string, string> = {},
  options: { backend?: Backend } = {},
): Promise<TestApi> {
  const server = options.backend === 'embedded' ? undefined : serverDatabaseUrl();
  const scratch = server ? await createScratchDatabase(server) : undefined;
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: scratch?.url ?? '',
    DATA_DIR: 'memory://',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    // the demo network the tests sign in with (seeded only in embedded mode unless asked)
    SEED_DEMO: 'true',
    REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    JOBS_PREFIX: `test-${randomBytes(4).toString('hex')}`,
    ...env,
  });
  const app = await createApi(config);
  await seedDemoIfEmpty(app, config);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const tokens = new Map<string, string>();

  const request: TestApi['request'] = async (path, init = {}) => {
    const headers = new Headers(init.headers);
    if (init.json !== undefined) headers.set('content-type', 'application/json');
    if (init.token)
      headers.set('authorization', init.token.includes(' ') ? init.token : `Bearer ${init.token}`);
    const response = await fetch(`${baseUrl}${path}`, {
      ...init,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: response.status, headers: response.headers, body, text };
  };

  const api: TestApi = {
    app,
    baseUrl,
    config,
    request,
    async tokenFor(role) {
      if (!tokens.has(role)) {
        const [email, password] = DEMO_LOGINS[role];
        const response = await request('/api/v1/auth/login', { method: 'POST', json: { email, password } });
        if (response.status !== 200) throw new Error(`login as ${role} failed: ${response.text}`);
        tokens.set(role, response.body.accessToken);
      }
      return tokens.get(role)!;
    },
    async restart() {
      if (config.embedded && config.DATA_DIR === 'memory://')
        throw new Error('restart() keeps the database: give the embedded api a DATA_DIR');
      await api.app.close();
      api.app = await createApi(config);
      await api.app.listen({ port: address.port, host: '127.0.0.1' });
    },
    async close() {
      await api.app.close();
      await scratch?.drop();
    },
  };
  return api;
}
