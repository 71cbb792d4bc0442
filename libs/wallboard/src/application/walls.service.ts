import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  type AlertEvent,
  type SharedWallView,
  thresholdBreached,
  tileScope,
  type WallShareCreated,
  type WallShareView,
  type WallTile,
  type WallView,
} from '#contracts';
import { AlertQuery, AlertsService, alertEvent } from '#alerts';
import { Clock, type SiteScope } from '#core';
import { AccessRevocations } from '#identity';
import { LiveQueryService, WALL_LINK_PRINCIPAL } from '#live';
import { tokenHash } from '../domain/wall-link.js';
import { parseWallLayout } from '../domain/wall-layout.js';
import { WallboardError } from '../domain/wallboard.error.js';
import { WallboardStore } from '../store/wallboard.store.js';
import { ActivityService, viewOf } from './activity.service.js';
import { WallLinkRooms } from './wall-link-rooms.js';

/** The signed-in user a wall belongs to. */
export interface WallOwner {
  userId: string;
  scope: SiteScope;
}

/** What a wall shows before its owner arranges it. */
export const DEFAULT_WALL: WallView = {
  screen: '1080p',
  tiles: [
    { id: 'network', kind: 'network', size: 'large', title: 'Network' },
    { id: 'activity', kind: 'activity', scope: 'network', size: 'medium', title: 'Activity · Network' },
    { id: 'alerts', kind: 'alerts', size: 'medium', title: 'Open alerts' },
  ],
  updatedAt: null,
};

/**
 * Each user's wall: the tiles chosen, their order and sizes and thresholds, saved on the server;
 * read-only share links (a token that reads that one wall, with its owner's rights, until revoked).
 */
@Injectable()
export class WallsService {
  constructor(
    private readonly store: WallboardStore,
    private readonly query: LiveQueryService,
    private readonly activity: ActivityService,
    private readonly alerts: AlertsService,
    private readonly links: WallLinkRooms,
    private readonly revocations: AccessRevocations,
    private readonly clock: Clock,
  ) {}

  async mine(owner: WallOwner): Promise<WallView> {
    const wall = await this.store.wall(owner.userId);
    if (!wall) return this.defaultFor(owner);
    return { ...wall.layout, updatedAt: wall.updatedAt.toISOString() };
  }

  /** Saves the whole wall; every tile must show something the owner may see. */
  async save(owner: WallOwner, body: unknown): Promise<WallView> {
    const { layout, problems } = parseWallLayout(body);
    if (!layout) throw WallboardError.invalidLayout(problems);
    for (const tile of layout.tiles) {
      const target = tileScope(tile);
      if (target)
        await this.query.authorize(owner.scope, { scope: target.scope, id: target.id ?? undefined });
    }
    const updatedAt = this.clock.now();
    await this.store.saveWall({
      userId: owner.userId,
      layout,
      partnerId: owner.scope.partnerId ?? null,
      siteIds: owner.scope.siteIds ? [...owner.scope.siteIds] : null,
      updatedAt,
    });
    await this.links.refresh();
    return { ...layout, updatedAt: updatedAt.toISOString() };
  }

  async share(owner: WallOwner, label: string): Promise<WallShareCreated> {
    if (!(await this.store.wall(owner.userId))) throw WallboardError.wallNotFound();
    const token = randomBytes(24).toString('base64url');
    const share = await this.store.createShare(owner.userId, tokenHash(token), label, this.clock.now());
    await this.links.refresh();
    return { ...share, token };
  }

  shares(owner: WallOwner): Promise<WallShareView[]> {
    return this.store.shares(owner.userId);
  }

  async revoke(owner: WallOwner, id: string): Promise<WallShareView> {
    const share = await this.store.revokeShare(owner.userId, id, this.clock.now());
    if (!share) throw WallboardError.shareNotFound(id);
    // its screens' sockets close on every node, as a revoked key's do
    this.revocations.revoked({ type: WALL_LINK_PRINCIPAL, id });
    await this.links.refresh();
    return share;
  }

  /** The wall a share token reads, with every tile's figures under its owner's rights. */
  async shared(token: string | undefined): Promise<SharedWallView> {
    const { wall, ownerScope: scope } = await this.links.link(token);
    const frame = await this.activity.frame();
    const now = this.clock.now();
    const tiles: SharedWallView['tiles'] = [];
    for (const tile of wall.layout.tiles) {
      const target = tileScope(tile);
      if (!target) {
        tiles.push({ ...tile, activity: null, breached: [], alerts: await this.openAlerts(scope) });
        continue;
      }
      const resolved = await this.query
        .authorize(scope, { scope: target.scope, id: target.id ?? undefined })
        .catch(() => null);
      if (!resolved) {
        tiles.push({ ...tile, activity: null, breached: [], live: null });
        continue;
      }
      const activity = viewOf(frame, resolved, now);
      tiles.push({
        ...tile,
        activity,
        breached: (tile.thresholds ?? []).filter((threshold) => thresholdBreached(threshold, activity)),
        live: (await this.query.delta(resolved)).totals,
      });
    }
    return { screen: wall.layout.screen, tiles, at: now.toISOString() };
  }

  private async openAlerts(scope: SiteScope): Promise<AlertEvent[]> {
    const query = Object.assign(new AlertQuery(), { status: 'open', limit: 20, offset: 0 });
    return (await this.alerts.list(scope, query)).items.map(alertEvent);
  }

  /** A partner user's first wall shows its own partner, not the network it may not see. */
  private defaultFor(owner: WallOwner): WallView {
    if (!owner.scope.partnerId && !owner.scope.siteIds) return DEFAULT_WALL;
    const tiles: WallTile[] = [{ id: 'alerts', kind: 'alerts', size: 'medium' }];
    if (owner.scope.partnerId && !owner.scope.siteIds)
      tiles.unshift(
        { id: 'partner', kind: 'partner', targetId: owner.scope.partnerId, size: 'large' },
        {
          id: 'activity',
          kind: 'activity',
          scope: 'partner',
          targetId: owner.scope.partnerId,
          size: 'medium',
        },
      );
    else
      tiles.unshift(
        ...owner.scope.siteIds!.map((siteId, index): WallTile => ({
          id: `site-${index + 1}`,
          kind: 'site',
          targetId: siteId,
          size: 'medium',
        })),
      );
    return { screen: '1080p', tiles, updatedAt: null };
  }
}
