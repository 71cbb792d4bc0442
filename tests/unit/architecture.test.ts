import { ESLint } from 'eslint';
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
