import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The request id: the caller's `x-request-id` when it is sane, else a new UUID. Fastify calls
 * this first and the id is kept on the raw request, so the pino request logger and the audit
 * trail share it.
 */
export function requestIdOf(request: IncomingMessage): string {
  const raw = request as IncomingMessage & { id?: unknown };
  if (typeof raw.id === 'string') return raw.id;
  const header = request.headers['x-request-id'];
  const id = typeof header === 'string' && /^[\w.-]{1,64}$/.test(header) ? header : randomUUID();
  raw.id = id;
  return id;
}
