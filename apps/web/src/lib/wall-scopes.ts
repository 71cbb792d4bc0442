import { type LiveSubscription, tileScope, type WallTile } from '@contracts';

/** A scope's key: `site:<id>`, `network:`. */
export const keyOf = (scope: { scope: string; id?: string | null }) => `${scope.scope}:${scope.id ?? ''}`;

/** The scopes a wall's tiles show, each once. */
export function scopesOf(tiles: WallTile[]): LiveSubscription[] {
  const unique = new Map<string, LiveSubscription>();
  for (const tile of tiles) {
    const target = tileScope(tile);
    if (target)
      unique.set(keyOf(target), target.id ? { scope: target.scope, id: target.id } : { scope: target.scope });
  }
  return [...unique.values()];
}
