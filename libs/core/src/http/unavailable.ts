/** Seconds a client is asked to wait before retrying while a dependency is down. */
export const RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTCONN',
]);
/** PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections */
const POSTGRES_DOWN = new Set(['57P01', '57P02', '57P03', '53300']);
const POSTGRES_DOWN_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i;
const REDIS_DOWN_MESSAGES = /enableOfflineQueue|Connection is closed|max retries per request/i;

/**
 * Which dependency an unexpected error says is down, if any: the database (a refused, reset or
 * terminated connection, PostgreSQL shutting down or starting) or Redis (ioredis failing fast
 * while disconnected). The filter answers those with 503 and Retry-After instead of a 500.
 */
export function unavailableDependency(error: unknown): 'database' | 'redis' | undefined {
  if (!(error instanceof Error)) return undefined;
  const cause = (error as { driverError?: unknown }).driverError ?? error;
  const { code, name = '', message = '', stack = '' } = cause as Error & { code?: string };
  if (
    name === 'MaxRetriesPerRequestError' ||
    (stack.includes('ioredis') && REDIS_DOWN_MESSAGES.test(message))
  )
    return 'redis';
  if (code && (POSTGRES_DOWN.has(code) || code.startsWith('08') || NETWORK_CODES.has(code)))
    return 'database';
  if (POSTGRES_DOWN_MESSAGES.test(message)) return 'database';
  return undefined;
}
