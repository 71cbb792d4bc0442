import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { jwtSecretOf, loadConfig } from '#config';

describe('the JWT secret of an embedded installation', () => {
  const dirs: string[] = [];
  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'plateau-secret-'));
    dirs.push(dir);
    return join(dir, 'data');
  };
  const embedded = (DATA_DIR: string) => loadConfig({ DATA_DIR, JWT_SECRET: '' });
  afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('is generated once per data directory, kept readable by its owner only, and reused', async () => {
    const dir = await dataDir();
    const first = await jwtSecretOf(embedded(dir));
    expect(first.length).toBeGreaterThanOrEqual(48);
    expect((await readFile(join(dir, 'jwt-secret'), 'utf8')).trim()).toBe(first);
    expect((await stat(join(dir, 'jwt-secret'))).mode & 0o777).toBe(0o600);
    expect(await jwtSecretOf(embedded(dir))).toBe(first);
    expect(await jwtSecretOf(embedded(await dataDir()))).not.toBe(first);
  });

  it('is the same for processes starting together on one directory', async () => {
    const dir = await dataDir();
    const secrets = await Promise.all(Array.from({ length: 8 }, () => jwtSecretOf(embedded(dir))));
    expect(new Set(secrets).size).toBe(1);
  });

  it('tightens a kept secret file readable by others', async () => {
    const dir = await dataDir();
    await jwtSecretOf(embedded(dir));
    await writeFile(join(dir, 'jwt-secret'), 'x'.repeat(64));
    await chmod(join(dir, 'jwt-secret'), 0o644);
    await jwtSecretOf(embedded(dir));
    expect((await stat(join(dir, 'jwt-secret'))).mode & 0o777).toBe(0o600);
  });

  it('is JWT_SECRET when given, and never the formerly built-in default', async () => {
    const given = 'an-operator-chosen-secret-of-enough-length';
    expect(await jwtSecretOf(loadConfig({ JWT_SECRET: given }))).toBe(given);
    const generated = await jwtSecretOf(embedded('memory://'));
    expect(generated).not.toBe('plateau-embedded-development-secret-change-me');
    expect(generated.length).toBeGreaterThanOrEqual(48);
  });
});
