import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { logSafeMessage, type SiteScope } from '#core';
import { UsersService } from '#identity';
import { LiveRooms, type WallLinkAccess, WallLinks } from '#live';
import { tileScopes, tokenHash, WALL_TOKEN } from '../domain/wall-link.js';
import { WallboardError } from '../domain/wallboard.error.js';
import { type StoredWall, WallboardStore } from '../store/wallboard.store.js';

/** How often each process reads again which rooms the live links' walls show. */
const REFRESH_MS = 10_000;

/** The live rooms of a wall's tiles. */
const roomsOf = (wall: StoredWall) =>
  tileScopes(wall.layout.tiles).map((target) => LiveRooms.of(target.scope, target.id));

/**
 * The live gateway's WallLinks port: what a wall token may watch (its wall's tiles, with its
 * owner's rights), and which rooms some live link shows, so that only their updates are mirrored
 * for wall sockets. The rooms are read every few seconds (another node's new link shows up within
 * that), at once on this node after a wall or link changes, and when a link's socket connects.
 */
@Injectable()
export class WallLinkRooms extends WallLinks implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(WallLinkRooms.name);
  private rooms = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: WallboardStore,
    private readonly users: UsersService,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async access(token: string): Promise<WallLinkAccess> {
    const link = await this.link(token);
    for (const room of roomsOf(link.wall)) this.rooms.add(room);
    return {
      shareId: link.shareId,
      ownerId: link.wall.userId,
      ownerScope: link.ownerScope,
      scopes: tileScopes(link.wall.layout.tiles),
      alerts: link.wall.layout.tiles.some((tile) => tile.kind === 'alerts'),
    };
  }

  watches(room: string): boolean {
    return this.rooms.has(room);
  }

  /**
   * The live link of a token, its wall and its owner's rights now. Unknown, revoked and malformed
   * tokens, and links of an owner since disabled, get the same 401.
   */
  async link(token: unknown): Promise<{ shareId: string; wall: StoredWall; ownerScope: SiteScope }> {
    const link =
      typeof token === 'string' && WALL_TOKEN.test(token) ? await this.store.linkOf(tokenHash(token)) : null;
    const ownerScope = link && (await this.users.currentScope(link.wall.userId));
    if (!link || !ownerScope) throw WallboardError.shareRevoked();
    return { ...link, ownerScope };
  }

  /** Reads again which rooms the walls with a live link show (never throws: the old set stays). */
  async refresh(): Promise<void> {
    try {
      this.rooms = new Set((await this.store.sharedWalls()).flatMap(roomsOf));
    } catch (error) {
      this.logger.warn(`wall link rooms not refreshed: ${logSafeMessage(error)}`);
    }
  }
}
