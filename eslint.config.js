import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The context map: which lib may import which. A lib is imported from outside only through its
 * public surface, `#name` (its src/index.ts; `#identity/access` is identity's second surface for
 * guards and decorators), never by a path into its folder. Dependencies point one way: the shared
 * kernel knows no context, and a context imports only the contexts below it. A context that needs
 * something from a context above it declares a port (an interface and an injection token) that the
 * upper context provides, so the map stays acyclic.
 */
const KERNEL = ['config', 'contracts', 'core', 'db', 'redis', 'jobs', 'observability'];
const CONTEXTS_IN_ORDER = [
  'identity',
  'network',
  'alerts',
  'staffing',
  'campaigns',
  'live',
  'planning',
  'billing',
  'wallboard',
];
export const LIB_DEPENDENCIES = {
  config: [],
  contracts: [],
  core: ['contracts'],
  db: ['config'],
  redis: ['config'],
  jobs: ['config', 'redis'],
  observability: ['config'],
  platform: KERNEL,
  ...Object.fromEntries(
    CONTEXTS_IN_ORDER.map((context, index) => [context, [...KERNEL, ...CONTEXTS_IN_ORDER.slice(0, index)]]),
  ),
  demo: [...KERNEL, ...CONTEXTS_IN_ORDER],
};
const LIBS = Object.keys(LIB_DEPENDENCIES);
const APPS = ['api', 'worker', 'cli', 'web'];
const anyOf = (names) => `(?:${names.join('|')})`;

/** An import by path into a lib's folder (`../../network/src/…`, `libs/network/…`) instead of `#network`. */
const deepLibImport = {
  regex: `^(?:\\.\\./)+(?:libs/)?${anyOf(LIBS)}/src(?:/|$)|(?:^|/)libs/${anyOf(LIBS)}(?:/|$)`,
  message: 'Import another lib through its public surface (#name), never a path into its folder.',
};
const appImport = {
  regex: `(?:^|/)apps/${anyOf(APPS)}(?:/|$)`,
  message: 'Apps never import each other, and libs never import apps.',
};

/**
 * Each context's tables, as its TypeORM entities. Another lib may name them as types (a Site in a
 * signature) but never use them as values (a repository, a query): it reads through the owner's
 * public API (network's SiteDirectory, staffing's StaffedCapacity, …). The demo seeder, which
 * writes the whole demo network, is the one exception.
 */
export const TABLE_OWNERS = {
  identity: ['User', 'ApiKey', 'AuditEvent'],
  network: ['Partner', 'Site', 'Seat'],
  alerts: ['Alert'],
  staffing: ['StaffingReport', 'StaffingPlan'],
  campaigns: ['Campaign', 'CampaignSite', 'ContactImport', 'ContactLease'],
  live: ['LiveSiteMinute', 'LiveSeatState'],
};

/**
 * Each context's tables by name, for the SQL it writes by hand: a context's SQL names only its own
 * tables (a string or template literal saying `FROM site`, `JOIN partner`, … in libs/identity is
 * refused). A context below the owner in the map cannot import its API: it declares a port that the
 * owner provides (identity's NetworkReferences, campaigns' SeatHoursReader).
 */
export const SQL_TABLES = {
  identity: ['app_user', 'api_key', 'audit_event'],
  network: ['partner', 'site', 'seat'],
  alerts: ['alert'],
  staffing: ['staffing_report', 'staffing_plan', 'idempotency_record'],
  campaigns: [
    'campaign',
    'campaign_site',
    'campaign_share_history',
    'compliance_incident',
    'consumer',
    'contact',
    'contact_attempt',
    'contact_import',
    'contact_import_row',
    'contact_import_rejection',
    'contact_lease',
    'contact_lease_item',
    'contact_queue',
    'opposition_list_refresh',
  ],
  live: ['live_site_minute', 'live_seat_state', 'live_campaign_minute'],
  planning: ['planning_queue', 'planning_queue_site', 'planning_volume'],
  billing: [
    'billing_contract',
    'billing_contract_rate',
    'billing_invoice_line',
    'billing_invoice_review',
    'billing_requested_hours',
    'billing_exchange_rate',
  ],
  wallboard: ['activity_seat_minute', 'wall', 'wall_share'],
};
function foreignTableSql(lib) {
  if (!SQL_TABLES[lib]) return [];
  const tables = Object.entries(SQL_TABLES)
    .filter(([owner]) => owner !== lib)
    .flatMap(([, names]) => names);
  const sql = `\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+${anyOf(tables)}\\b`;
  const message = `This SQL names a table another context owns (SQL_TABLES in eslint.config.js): libs/${lib} reads it through the owner's public API, or through a port the owner provides.`;
  return [
    { selector: `Literal[value=/${sql}/]`, message },
    { selector: `TemplateElement[value.raw=/${sql}/]`, message },
  ];
}

function foreignEntities(lib) {
  if (lib === 'demo') return [];
  return Object.entries(TABLE_OWNERS)
    .filter(([owner]) => owner !== lib && LIB_DEPENDENCIES[lib].includes(owner))
    .map(([owner, importNames]) => ({
      name: `#${owner}`,
      importNames,
      allowTypeImports: true,
      message: `${importNames.join(', ')} are libs/${owner}'s tables: use them as types only, and read through its public API (never a repository or query of your own).`,
    }));
}

function libBoundaries(lib) {
  const forbidden = LIBS.filter((other) => !LIB_DEPENDENCIES[lib].includes(other));
  const entities = foreignEntities(lib);
  const foreignSql = foreignTableSql(lib);
  return {
    files: [`libs/${lib}/**/*.ts`, `libs/${lib}/**/*.tsx`],
    rules: {
      ...(entities.length && { '@typescript-eslint/no-restricted-imports': ['error', { paths: entities }] }),
      ...(foreignSql.length && { 'no-restricted-syntax': ['error', ...foreignSql] }),
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^#${anyOf(forbidden)}(?:/|$)`,
              message: `libs/${lib} may import only ${LIB_DEPENDENCIES[lib].map((name) => `#${name}`).join(', ') || 'no other lib'} (the context map in eslint.config.js; inside a lib, import by relative path). For a read from a context above, declare a port that the upper context provides.`,
            },
            deepLibImport,
            appImport,
          ],
        },
      ],
    },
  };
}

function appBoundaries(app) {
  return {
    files: [`apps/${app}/**/*.ts`, `apps/${app}/**/*.tsx`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deepLibImport,
            {
              regex: `(?:^|/)apps/(?!${app}/)${anyOf(APPS)}(?:/|$)|^(?:\\.\\./)+(?!${app}/)${anyOf(APPS)}/src(?:/|$)`,
              message: 'Apps never import each other: share code through a lib.',
            },
          ],
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'artifacts/**', 'apps/web/dist/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  ...LIBS.map(libBoundaries),
  ...APPS.map(appBoundaries),
  {
    // a lib's public surface names what it offers: adding a module to the lib never widens it by itself
    files: ['libs/*/src/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: "A lib's index.ts exports by name what other code may use (no export *).",
        },
      ],
    },
  },
  {
    files: ['apps/cli/**', 'bench/**', 'tests/**', '.ci/**'],
    rules: { 'no-console': 'off' },
  },
);
