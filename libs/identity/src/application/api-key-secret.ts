import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys look like `plt_<prefix>_<secret>`. The prefix finds the row; the whole key is
 * compared by SHA-256 (keys are 192-bit random, so a fast hash is the right tool here, unlike
 * passwords).
 */
export const API_KEY_PATTERN = /^plt_([a-z0-9]{10})_([A-Za-z0-9_-]{32})$/;

export function generateApiKey(): { key: string; prefix: string; secretHash: string } {
  const prefix = randomBytes(8).toString('hex').slice(0, 10);
  const secret = randomBytes(24).toString('base64url');
  const key = `plt_${prefix}_${secret}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function apiKeyMatches(key: string, secretHash: string): boolean {
  const expected = Buffer.from(secretHash, 'hex');
  const actual = Buffer.from(hashApiKey(key), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
