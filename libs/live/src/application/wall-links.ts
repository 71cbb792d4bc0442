import type { LiveScope } from '#contracts';
import type { SiteScope } from '#core';

/** The principal of a wall link: revoking the link disconnects its sockets like a revoked key's. */
export const WALL_LINK_PRINCIPAL = 'wall_share';

/** What one read-only wall link may watch over `/live`. */
export interface WallLinkAccess {
  /** the link's id: revoking it closes its sockets on every node (principal `wall_share`) */
  shareId: string;
  /** the wall's owner: disabling or re-scoping them closes the link's sockets too */
  ownerId: string;
  /** the owner's rights now: a tile beyond them shows nothing */
  ownerScope: SiteScope;
  /** the scopes of the wall's tiles: the only subscriptions the link may make */
  scopes: Array<{ scope: LiveScope; id: string | null }>;
  /** whether the wall has an alerts tile (its socket then receives the owner's alert events) */
  alerts: boolean;
}

/**
 * The port through which the live gateway serves read-only wall links: declared here, provided by
 * the wallboard context (which comes after live in the context map and owns walls and links).
 * A process without the wallboard serves no wall link and mirrors nothing.
 */
export abstract class WallLinks {
  /** The access of a wall token; throws the owner context's error when it is unknown or revoked. */
  abstract access(token: string): Promise<WallLinkAccess>;
  /**
   * Whether a live wall link shows the room's scope, so its `site.occupancy` is mirrored to the
   * links' room (kept in memory and refreshed every few seconds: it is asked on every update).
   */
  abstract watches(room: string): boolean;
}
