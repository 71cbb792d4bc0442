import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '#config';
import { answerRouterRefusal, overlongParameterRefusal } from './router-refusal.js';

/** Paths the server answers itself: never the web app's index.html, a miss there is a JSON 404. */
const SERVER_PATHS = /^\/(api|health|metrics|socket\.io)(\/|$|\?)/;
/** A missing file (a name with an extension) is a 404, not the app. */
const FILE_PATH = /\/[^/?]*\.[^/?]*(\?|$)/;

/**
 * Serves the built web app (apps/web, `npm run build:web`) at `/`: its files as they are, and
 * index.html for any other GET so client routes survive a reload. Server paths that match no
 * route still get the api's JSON 404.
 */
export async function serveWebApp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const root = config.WEB_DIR ? resolve(config.WEB_DIR) : join(projectRoot(), 'dist', 'web');
  if (!existsSync(join(root, 'index.html'))) {
    new Logger('WebApp').warn(`no web app at ${root}: run \`npm run build:web\` to serve it at /`);
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: 'index.html',
    cacheControl: false,
    // Vite names assets by content hash: they never change; index.html must always be revalidated
    setHeaders(reply, path) {
      const hashed = path.startsWith(join(root, 'assets'));
      void reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', (request, reply) => {
    if (SERVER_PATHS.test(request.url)) {
      // a server path the router would refuse (414) must not turn into the catch-all's 404
      const refusal = overlongParameterRefusal(request.url);
      return refusal ? answerRouterRefusal(refusal, request, reply) : reply.callNotFound();
    }
    if (FILE_PATH.test(request.url)) return reply.callNotFound();
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}

/** The folder holding package.json, from src (apps/api/src) or from the build (dist/apps/api/src). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
