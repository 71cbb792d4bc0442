import type { ErrorBody } from '@contracts';

/** An answer of the api that was not 2xx: the stable `{error: {code, message, details}}` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

type TokenSource = () => string | null;
type Unauthorized = () => void;

let tokenSource: TokenSource = () => null;
let onUnauthorized: Unauthorized = () => undefined;

/** The session tells the client which token to send and what to do when it is refused. */
export function configureApi(source: TokenSource, unauthorized: Unauthorized): void {
  tokenSource = source;
  onUnauthorized = unauthorized;
}

/** fetch against `/api/v1` with JSON in and out; a non-2xx answer throws an ApiError. */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const token = tokenSource();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, {
    method: options.method ?? 'GET',
    headers,
    body: options.json !== undefined ? JSON.stringify(options.json) : options.body,
    signal: options.signal,
  });
  const text = await response.text();
  const body = parse(text);
  if (!response.ok) {
    const error = (body as Partial<ErrorBody> | undefined)?.error;
    if (response.status === 401 && token) onUnauthorized();
    throw new ApiError(
      response.status,
      error?.code ?? `http_${response.status}`,
      error?.message ?? (response.statusText || 'The server refused the request.'),
      error?.details,
    );
  }
  return body as T;
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Builds `?a=1&b=2`, leaving out empty values. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** Every item of a paged list route (`limit` at most 200). */
export async function allPages<T>(
  path: string,
  params: Record<string, string | undefined> = {},
): Promise<T[]> {
  const items: T[] = [];
  for (let offset = 0; ; offset += 200) {
    const page = await api<{ items: T[]; total: number }>(
      `${path}${query({ ...params, limit: 200, offset })}`,
    );
    items.push(...page.items);
    if (items.length >= page.total || page.items.length === 0) return items;
  }
}

/** Field errors of a 400 (`details: [{field, problems}]`, as the api's validation describes them). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {};
  const result: Record<string, string> = {};
  for (const entry of error.details as Array<{ field?: string; problems?: string[]; message?: string }>) {
    const message = entry.problems?.join('; ') ?? entry.message;
    if (entry.field && message) result[entry.field] = message;
  }
  return result;
}
