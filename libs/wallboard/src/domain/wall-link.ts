import { createHash } from 'node:crypto';
import { type LiveScope, tileScope, type WallTile } from '#contracts';
import type { SiteScope } from '#core';

/** A share link's token: 24 random bytes, base64url. */
export const WALL_TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** Tokens are kept as their SHA-256 only: a token is shown once, when the link is made. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** The rights a wall's owner had when saving it (its tile thresholds are checked with them). */
export function ownerScopeOf(wall: { partnerId: string | null; siteIds: string[] | null }): SiteScope {
  return {
    ...(wall.partnerId ? { partnerId: wall.partnerId } : {}),
    ...(wall.siteIds?.length ? { siteIds: wall.siteIds } : {}),
  };
}

/** The distinct live scopes a wall's tiles show (alerts tiles show none). */
export function tileScopes(tiles: readonly WallTile[]): Array<{ scope: LiveScope; id: string | null }> {
  const scopes = new Map<string, { scope: LiveScope; id: string | null }>();
  for (const tile of tiles) {
    const target = tileScope(tile);
    if (target) scopes.set(`${target.scope}:${target.id ?? ''}`, target);
  }
  return [...scopes.values()];
}
