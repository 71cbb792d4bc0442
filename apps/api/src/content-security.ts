import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

type Directives = Record<string, string[] | null>;

/**
 * The web app's policy: scripts, styles, fonts and images from the api's own origin only (Vite
 * builds no inline script or style; React sets styles through the CSSOM, which CSP allows), fetch
 * and socket.io to the same origin ('self' covers its ws:/wss: in CSP 3), no plugins, no framing,
 * no other base or form target. No upgrade-insecure-requests: the embedded mode serves plain HTTP.
 */
export const APP_POLICY: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/** Swagger UI at /api/docs writes its page layout in an inline <style>: that one page allows inline styles. */
const DOCS_POLICY: Directives = { ...APP_POLICY, 'style-src': ["'self'", "'unsafe-inline'"] };

const DOCS_PATH = /^\/api\/docs(\/|$|\?)/;

const headerOf = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, sources]) => [name, ...(sources ?? [])].join(' '))
    .join('; ');

/** Helmet's headers with the strict Content-Security-Policy on every answer (a looser style rule for the docs). */
export async function registerSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, { contentSecurityPolicy: { useDefaults: false, directives: APP_POLICY } });
  const docs = headerOf(DOCS_POLICY);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply) => {
      if (DOCS_PATH.test(request.url)) void reply.header('content-security-policy', docs);
    });
}
