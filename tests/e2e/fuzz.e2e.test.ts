import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTACTS_HEADER } from '../support/campaigns.js';
import { demoNetwork } from '../support/live.js';
import { startTestApi, type TestApi, type TestResponse } from '../support/test-api.js';

/**
 * Property-based fuzzing of every operation of the OpenAPI document: malformed bodies, path and
 * query parameters and uploads, sent as each role (and anonymously). Never a 5xx; every refusal
 * has the error body; a refused request changes no row (a checksum of every table, taken after
 * each request). Seeded and bounded: FUZZ_SEED and FUZZ_RUNS (runs per operation) change it.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_203);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);
const ROLES = ['anonymous', 'admin', 'manager', 'supervisor', 'partner', 'partner2'] as const;
type Role = (typeof ROLES)[number];
/** written by timers (live state saved each minute, seat-minute rollups), not by requests */
const UNWATCHED_TABLES = new Set([
  'live_seat_state',
  'live_site_minute',
  'live_campaign_minute',
  'migrations',
  'schema_migrations',
]);

interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: string[];
  body?: Schema;
  upload?: 'csv' | 'multipart';
}
interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  $ref?: string;
  allOf?: Schema[];
}

let api: TestApi;
let database: DataSource;
const tokens = new Map<Role, string | undefined>();
let operations: Operation[] = [];
let knownIds: string[] = [];
let sent = 0;
const statuses = new Map<number, number>();

/** Malicious or malformed values for any field, in the spirit of issue 15's findings. */
const nasty = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -1,
  1e-320,
  1e308,
  -0,
  0.1 + 0.2,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x@\udc00.fr',
  '2026-W00',
  '2026-W54',
  '2026-02-30T10:00:00Z',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '1e-320',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  'x'.repeat(5000),
  [],
  {},
  [null],
  { __proto__: { admin: true } },
  '<script>alert(1)</script>',
  "'; DROP TABLE site; --",
);

function resolve(schema: Schema | undefined, components: Record<string, Schema>): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(components[schema.$ref.split('/').pop()!], components);
  if (schema.allOf?.length) return resolve(schema.allOf[0], components);
  return schema;
}

/** A value of roughly the right shape, with some of it replaced by something nasty. */
function valueFor(
  schema: Schema | undefined,
  components: Record<string, Schema>,
  depth = 0,
): fc.Arbitrary<unknown> {
  const resolved = resolve(schema, components);
  const plausible = ((): fc.Arbitrary<unknown> => {
    if (!resolved || depth > 3) return fc.jsonValue({ maxDepth: 2 });
    if (resolved.enum) return fc.constantFrom(...resolved.enum);
    if (resolved.type === 'object' || resolved.properties)
      return fc.record(
        Object.fromEntries(
          Object.entries(resolved.properties ?? {}).map(([key, child]) => [
            key,
            valueFor(child, components, depth + 1),
          ]),
        ),
        { requiredKeys: [] },
      );
    if (resolved.type === 'array')
      return fc.array(valueFor(resolved.items, components, depth + 1), { maxLength: 3 });
    if (resolved.type === 'integer') return fc.integer({ min: -5, max: 20_000 });
    if (resolved.type === 'number') return fc.double({ noNaN: true });
    if (resolved.type === 'boolean') return fc.boolean();
    if (resolved.format === 'uuid') return fc.oneof(fc.constantFrom(...knownIds), fc.uuid());
    if (resolved.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    return fc.string({ maxLength: 40 });
  })();
  return fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 2, arbitrary: nasty });
}

/** Bytes of any kind, percent-encoded: invalid UTF-8, NUL, slashes, very long. */
const pathSegment = fc.oneof(
  fc.constantFrom(...knownIdsOrNone()),
  fc.uuid(),
  fc.constantFrom('2026-W54', '2026-02-30', '2026-13', '%00', '%ED%A0%80', 'x'.repeat(150), '..', '%2F'),
  fc
    .uint8Array({ minLength: 1, maxLength: 24 })
    .map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')),
);
function knownIdsOrNone(): string[] {
  return ['00000000-0000-4000-8000-000000000000'];
}

const csvText = fc.oneof(
  fc.constant(`${CONTACTS_HEADER}\n`),
  fc.constant(''),
  fc
    .array(
      fc.array(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc.constantFrom('"', 'a"b', '\u0000', '06 12 34 56 78', 'consent', '2026-W54', '1e-320'),
        ),
        { maxLength: 13 },
      ),
      { maxLength: 6 },
    )
    .chain((rows) =>
      fc
        .constantFrom(CONTACTS_HEADER, 'siteId,period,agentsInProduction', 'a,b,c', '')
        .map((header) => [header, ...rows.map((row) => row.join(','))].join('\n')),
    ),
);

function requestFor(operation: Operation): fc.Arbitrary<{ role: Role; url: string; init: RequestInit }> {
  const components = document.components;
  return fc
    .record({
      role: fc.constantFrom(...ROLES),
      params: fc.array(
        fc.oneof(
          { weight: 2, arbitrary: fc.constantFrom(...knownIds) },
          { weight: 3, arbitrary: pathSegment },
        ),
        {
          minLength: operation.pathParams.length,
          maxLength: operation.pathParams.length,
        },
      ),
      query: fc.dictionary(
        fc.oneof(fc.constantFrom(...operation.query, 'unknown'), fc.string({ maxLength: 6 })),
        fc.oneof(fc.string({ maxLength: 20 }), nasty.map(String), fc.constantFrom(...knownIds)),
        { maxKeys: 3 },
      ),
      body: fc.oneof(
        { weight: 4, arbitrary: valueFor(operation.body, components) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      ),
      rawBody: fc.option(fc.constantFrom('{', '{"a":', '[1,]', 'null', '"x"', '\u0000', '{"a":1}{"b":2}'), {
        freq: 6,
      }),
      csv: csvText,
      field: fc.constantFrom('file', 'file', 'document', ''),
      asText: fc.boolean(),
    })
    .map(({ role, params, query, body, rawBody, csv, field, asText }) => {
      let path = operation.path;
      operation.pathParams.forEach((name, index) => (path = path.replace(`{${name}}`, params[index])));
      const search = Object.entries(query)
        .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponentSafe(value)}`)
        .join('&');
      const init: RequestInit = { method: operation.method.toUpperCase() };
      const headers: Record<string, string> = {};
      if (operation.upload) {
        if (operation.upload === 'csv' && asText) {
          headers['content-type'] = 'text/csv';
          init.body = csv;
        } else {
          const form = new FormData();
          if (field) form.append(field, new Blob([csv], { type: 'text/csv' }), 'upload.csv');
          else form.append('note', csv);
          init.body = form;
        }
      } else if (init.method !== 'GET') {
        headers['content-type'] = 'application/json';
        init.body = rawBody ?? JSON.stringify(body) ?? 'null';
      }
      init.headers = headers;
      return { role, url: `/${path.replace(/^\//, '')}${search ? `?${search}` : ''}`, init };
    });
}

function encodeURIComponentSafe(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as the bytes a client would send
  }
}

/** count and content hash of every table a request may write */
async function checksum(): Promise<string> {
  const tables: Array<{ name: string }> = await database.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const watched = tables.map((t) => t.name).filter((name) => !UNWATCHED_TABLES.has(name));
  const rows: Array<{ name: string; n: string; h: string }> = await database.query(
    watched
      .map(
        (name) =>
          `SELECT '${name}' AS name, count(*)::text AS n, coalesce(sum(hashtext(t::text)), 0)::text AS h FROM "${name}" t`,
      )
      .join(' UNION ALL '),
  );
  return rows.map((row) => `${row.name}:${row.n}:${row.h}`).join(' ');
}

let document: { paths: Record<string, Record<string, any>>; components: Record<string, Schema> }; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  api = await startTestApi();
  database = api.app.get(DataSource);
  const raw = (await api.request('/api/docs/openapi.json')).body;
  document = { paths: raw.paths, components: raw.components?.schemas ?? {} };
  for (const role of ROLES) tokens.set(role, role === 'anonymous' ? undefined : await api.tokenFor(role));
  const network = await demoNetwork(api);
  knownIds = [
    network.siteOf('Sittel').id,
    network.siteOf('Webhelp').id,
    network.partner('Sittel').id,
    network.siteOf('Sittel').seats[0],
  ];
  operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, spec]) => {
      const content = spec.requestBody?.content ?? {};
      const parameters: Array<{ in: string; name: string }> = spec.parameters ?? [];
      return {
        method,
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters.filter((p) => p.in === 'query').map((p) => p.name),
        body: content['application/json']?.schema,
        upload: content['text/csv'] ? 'csv' : content['multipart/form-data'] ? 'multipart' : undefined,
      } satisfies Operation;
    }),
  );
}, 120_000);

afterAll(async () => {
  console.log(
    `fuzz: ${sent} requests over ${operations.length} operations (seed ${SEED}, ${RUNS} runs each); statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
  );
  await api?.close();
});

describe('fuzzing every operation of the OpenAPI document', () => {
  it('never answers 5xx, always with the error body, and a refused request changes no row', async () => {
    expect(operations.length).toBeGreaterThan(30);
    let before = await checksum();
    for (const [index, operation] of operations.entries()) {
      await fc.assert(
        fc.asyncProperty(requestFor(operation), async ({ role, url, init }) => {
          const token = tokens.get(role);
          const response: TestResponse = await api.request(url, { ...init, token });
          sent++;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const what = `${init.method} ${url.slice(0, 200)} as ${role} -> ${response.status} ${response.text.slice(0, 300)}`;
          expect(response.status, what).toBeLessThan(500);
          const after = await checksum();
          if (response.status >= 400) {
            expect(response.body?.error, what).toMatchObject({
              code: expect.any(String),
              message: expect.any(String),
            });
            expect(after, `${what}: a refused request changed rows`).toBe(before);
          }
          before = after;
        }),
        { seed: SEED + index, numRuns: RUNS, endOnFailure: true },
      );
    }
  }, 600_000);
});
