import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from './app-config.js';

/** DATA_DIR's value that keeps nothing (tests): the secret then lives as long as the process. */
const THROWAWAY = 'memory://';
const FILE = 'jwt-secret';

let throwaway: string | undefined;

/**
 * The secret that signs access tokens: JWT_SECRET when given (loadConfig requires it outside
 * embedded mode); otherwise one generated at the first start and kept in `DATA_DIR/jwt-secret`
 * (mode 0600), so tokens survive a restart and no two installations share a secret.
 */
export async function jwtSecretOf(config: AppConfig): Promise<string> {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  if (config.DATA_DIR === THROWAWAY) return (throwaway ??= randomBytes(48).toString('base64url'));
  const path = join(config.DATA_DIR, FILE);
  await mkdir(config.DATA_DIR, { recursive: true, mode: 0o700 });
  // written aside then linked into place: a process starting alongside reads a whole secret or none
  const draft = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, `${randomBytes(48).toString('base64url')}\n`, { mode: 0o600 });
  try {
    await link(draft, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(draft);
  }
  await chmod(path, 0o600);
  const secret = (await readFile(path, 'utf8')).trim();
  if (secret.length < 32) throw new Error(`${path} holds a secret shorter than 32 characters; delete it`);
  return secret;
}
