import { pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import type { QueryRunner } from 'typeorm';
import { beforeAll, describe, expect, it } from 'vitest';

/** The context map in eslint.config.js, run on snippets placed in the tree (what `npm run lint` runs). */
describe('lib boundaries (eslint.config.js)', () => {
  let eslint: ESLint;
  beforeAll(async () => {
    eslint = new ESLint({ cwd: process.cwd() });
    await eslint.lintText('export {};\n', { filePath: 'libs/core/src/warm-up.ts' }); // loads the config once
  });

  async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages
      .filter((message) => message.ruleId?.endsWith('no-restricted-imports'))
      .map((message) => message.message);
  }

  it('lets a context import the kernel and the contexts below it through their index', async () => {
    expect(
      await boundaryErrors(
        'libs/campaigns/src/example.ts',
        "import { AppConfig } from '#config';\nimport { SitesService } from '#network';\nimport { Allow } from '#identity/access';\nexport const used = [AppConfig, SitesService, Allow];\n",
      ),
    ).toEqual([]);
  });

  it('refuses a context importing a context above it', async () => {
    const errors = await boundaryErrors(
      'libs/network/src/example.ts',
      "import { CampaignsService } from '#campaigns';\nexport const used = CampaignsService;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('libs/network may import only');
  });

  it('refuses the kernel importing a context', async () => {
    expect(
      await boundaryErrors(
        'libs/db/src/example.ts',
        "import { Site } from '#network';\nexport const used = Site;\n",
      ),
    ).toHaveLength(1);
  });

  it('refuses a path into another lib instead of its public surface', async () => {
    const errors = await boundaryErrors(
      'libs/live/src/application/example.ts',
      "import { Site } from '../../../network/src/domain/site.entity.js';\nexport const used = Site;\n",
    );
    expect(errors).toEqual([expect.stringContaining('public surface')]);
    expect(
      await boundaryErrors(
        'apps/api/src/example.ts',
        "import { Site } from '../../../libs/network/src/domain/site.entity.js';\nexport const used = Site;\n",
      ),
    ).toHaveLength(1);
  });

  it('refuses an app importing another app', async () => {
    expect(
      await boundaryErrors(
        'apps/worker/src/example.ts',
        "import { createApi } from '../../api/src/bootstrap.js';\nexport const used = createApi;\n",
      ),
    ).toHaveLength(1);
  });

  it('refuses a lib importing itself through its own surface (a cycle through index.ts)', async () => {
    expect(
      await boundaryErrors(
        'libs/staffing/src/example.ts',
        "import { StaffingModule } from '#staffing';\nexport const used = StaffingModule;\n",
      ),
    ).toHaveLength(1);
  });

  it("refuses another context's entity as a value (its tables are read through the owner's API), not as a type", async () => {
    const errors = await boundaryErrors(
      'libs/staffing/src/example.ts',
      "import { DataSource } from 'typeorm';\nimport { Site } from '#network';\nexport const read = (db: DataSource) => db.getRepository(Site).find();\n",
    );
    expect(errors).toEqual([expect.stringContaining("libs/network's tables")]);
    expect(
      await boundaryErrors(
        'libs/campaigns/src/example.ts',
        "import { type Site, SiteDirectory } from '#network';\nimport type { StaffingReport } from '#staffing';\nexport type Used = [Site, StaffingReport, SiteDirectory];\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'libs/live/src/example.ts',
        "import { StaffingPlan } from '#staffing';\nexport const used = StaffingPlan;\n",
      ),
    ).toHaveLength(1);
  });

  async function sqlErrors(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages
      .filter((message) => message.ruleId === 'no-restricted-syntax')
      .map((message) => message.message);
  }

  it("refuses SQL naming another context's table, in a string or a template, below its owner or above", async () => {
    // identity sits below network: it cannot import SiteDirectory, and must not query partner either
    expect(
      await sqlErrors(
        'libs/identity/src/application/example.ts',
        "export const sql = 'SELECT 1 FROM partner WHERE id = $1';\n",
      ),
    ).toEqual([expect.stringContaining('another context owns')]);
    expect(
      await sqlErrors(
        'libs/staffing/src/store/example.store.ts',
        'export const sql = `SELECT r.site_id, s.country\n  FROM staffing_report r\n  JOIN\n    site s ON s.id = r.site_id`;\n',
      ),
    ).toHaveLength(1);
    expect(
      await sqlErrors(
        'libs/live/src/example.ts',
        'export const sql = (id: string) => `UPDATE contact_queue SET site_id = ${id}`;\n',
      ),
    ).toHaveLength(1);
    // its own tables, and a table's name outside SQL, are fine
    expect(
      await sqlErrors(
        'libs/staffing/src/store/example.store.ts',
        "export const sql = `SELECT r.site_id FROM staffing_report r JOIN staffing_plan p USING (site_id)`;\nexport const label = 'from site';\n",
      ),
    ).toEqual([]);
  });

  it("finds no SQL naming another context's table in identity, network, alerts, staffing and live", async () => {
    const results = await eslint.lintFiles(
      ['identity', 'network', 'alerts', 'staffing', 'live'].map((lib) => `libs/${lib}/src/**/*.ts`),
    );
    expect(results.length).toBeGreaterThan(50);
    const foreign = results.flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId === 'no-restricted-syntax')
        .map((message) => `${result.filePath}:${message.line}`),
    );
    expect(foreign).toEqual([]);
  }, 120_000);

  it("refuses export * in a lib's public surface", async () => {
    const [result] = await eslint.lintText("export * from './application/sites.service.js';\n", {
      filePath: 'libs/network/src/index.ts',
    });
    expect(result.messages.map((message) => message.ruleId)).toContain('no-restricted-syntax');
  });
});

/**
 * SQL_TABLES against the schema: every table the migrations leave behind has exactly one owning
 * context, and SQL_TABLES names no table that does not exist, so that the lint rule above cannot miss
 * a table (a new one nobody listed) or guard a name that no longer means anything. The tables are
 * taken from the SQL each migration's `up` sends, recorded by a stand-in query runner: no database,
 * and no parsing of `down`. TypeORM's own table of applied migrations is not created by them.
 */
describe('table owners (SQL_TABLES in eslint.config.js) against the migrations', () => {
  const identifier = String.raw`(?:"[^"]+"|\w+)(?:\.(?:"[^"]+"|\w+))?`;
  const unquote = (name: string) => name.split('.').at(-1)!.replaceAll('"', '').toLowerCase();

  /** The tables that exist after every migration has run, from the statements they send in order. */
  function tablesAfter(statements: readonly string[]): Set<string> {
    const tables = new Set<string>();
    const statement = new RegExp(
      String.raw`\bCREATE\s+(?:(?:GLOBAL|LOCAL)\s+)?(?:(?:TEMP|TEMPORARY|UNLOGGED)\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(${identifier})` +
        String.raw`|\bALTER\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:ONLY\s+)?(${identifier})\s+RENAME\s+TO\s+(${identifier})` +
        String.raw`|\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(${identifier}(?:\s*,\s*${identifier})*)`,
      'gi',
    );
    for (const sql of statements)
      for (const [, created, renamed, renamedTo, dropped] of sql.matchAll(statement)) {
        if (created) tables.add(unquote(created));
        if (renamed) {
          tables.delete(unquote(renamed));
          tables.add(unquote(renamedTo));
        }
        if (dropped) for (const name of dropped.split(',')) tables.delete(unquote(name.trim()));
      }
    return tables;
  }

  /** The SQL of every migration's `up`, in order; a migration using anything but `query` fails here. */
  async function migrationSql(): Promise<string[]> {
    const { MIGRATIONS } = await import('#db');
    const statements: string[] = [];
    const runner = new Proxy(
      {},
      {
        get(_target, property) {
          if (property === 'query')
            return async (sql: string) => {
              statements.push(sql);
              return [];
            };
          if (property === 'then') return undefined;
          throw new Error(
            `a migration used queryRunner.${String(property)}: record its tables here (only query is read)`,
          );
        },
      },
    ) as QueryRunner;
    for (const Migration of MIGRATIONS) await new Migration().up(runner);
    return statements;
  }

  async function sqlTables(): Promise<Record<string, string[]>> {
    const config = (await import(pathToFileURL(`${process.cwd()}/eslint.config.js`).href)) as {
      SQL_TABLES: Record<string, string[]>;
    };
    return config.SQL_TABLES;
  }

  /** What is wrong between the owners and the tables: none owning, several, or a table that is not. */
  function ownershipProblems(owners: Record<string, string[]>, tables: Set<string>): string[] {
    const ownersOf = new Map<string, string[]>();
    for (const [context, names] of Object.entries(owners))
      for (const name of names) ownersOf.set(name, [...(ownersOf.get(name) ?? []), context]);
    return [
      ...[...tables].filter((table) => !ownersOf.has(table)).map((table) => `${table}: no owner`),
      ...[...ownersOf]
        .filter(([, contexts]) => contexts.length > 1)
        .map(([table, contexts]) => `${table}: owned by ${contexts.join(', ')}`),
      ...[...ownersOf.keys()].filter((table) => !tables.has(table)).map((table) => `${table}: no such table`),
    ].sort();
  }

  it('reads creations, renames and drops in order', () => {
    expect([
      ...tablesAfter([
        'CREATE TABLE a (id int)',
        'CREATE UNLOGGED TABLE IF NOT EXISTS "B" (id int)',
        'CREATE TABLE public.c (id int); CREATE TABLE d (id int)',
        'ALTER TABLE a RENAME TO e',
        'ALTER TABLE e RENAME COLUMN id TO key',
        'DROP TABLE IF EXISTS c, d',
        'CREATE INDEX f_idx ON e (key)',
      ]),
    ]).toEqual(['b', 'e']);
  });

  it('gives every table the migrations create exactly one owner, and names no other table', async () => {
    const tables = tablesAfter(await migrationSql());
    expect(tables.size).toBeGreaterThan(30);
    expect(tables).toContain('contact_queue');
    const owners = await sqlTables();
    expect(ownershipProblems(owners, tables)).toEqual([]);
    // the check itself: a table left out, listed twice, or gone is reported
    const [context, [first, ...rest]] = Object.entries(owners)[0];
    expect(ownershipProblems({ ...owners, [context]: rest }, tables)).toEqual([`${first}: no owner`]);
    expect(ownershipProblems({ ...owners, other: [first] }, tables)).toEqual([
      `${first}: owned by ${context}, other`,
    ]);
    expect(ownershipProblems({ ...owners, other: ['gone'] }, tables)).toEqual(['gone: no such table']);
  });
});
