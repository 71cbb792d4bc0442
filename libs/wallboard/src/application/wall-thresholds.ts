import { Injectable } from '@nestjs/common';
import { type ActivityView, metricOf, thresholdBreached, tileScope, type TileThreshold } from '#contracts';
import { AlertsService } from '#alerts';
import { Clock } from '#core';
import { LiveQueryService, SeatRegistry } from '#live';
import { ownerScopeOf } from '../domain/wall-link.js';
import { type StoredWall, WallboardStore } from '../store/wallboard.store.js';
import { type ActivityFrame, ActivityService, viewOf } from './activity.service.js';

export const THRESHOLD_ALERT = 'wall.threshold';

const METRIC_NAMES: Record<TileThreshold['metric'], string> = {
  occupancy: 'Occupancy',
  reachRate: 'Reach rate',
  conversion: 'Conversion',
  attemptsPerHour: 'Attempts per hour',
  handleSeconds: 'Average handle time',
};

function shown(metric: TileThreshold['metric'], value: number | null): string {
  if (value === null) return '–';
  if (metric === 'attemptsPerHour') return `${Math.round(value)}`;
  if (metric === 'handleSeconds') return `${Math.round(value)} s`;
  return `${Math.round(value * 100)} %`;
}

/** What an alert says about a crossed threshold (no customer data: figures only). */
export function thresholdMessage(threshold: TileThreshold, view: ActivityView, where: string): string {
  const name = METRIC_NAMES[threshold.metric];
  const now = shown(threshold.metric, metricOf(view.lastHour, threshold.metric));
  if (threshold.op === 'falling') {
    const before = shown(threshold.metric, metricOf(view.previousHour, threshold.metric));
    return `${name} of ${where} fell from ${before} to ${now} over the last hour (alert at a ${Math.round(threshold.value * 100)} % fall)`;
  }
  return `${name} of ${where} is ${now}, ${threshold.op} ${shown(threshold.metric, threshold.value)} over the last hour`;
}

/**
 * The walls' tile thresholds through the alert mechanism: a crossed threshold opens a
 * `wall.threshold` alert (one per wall, tile and threshold) for the tile's site or partner; one
 * no longer crossed, or removed from its wall, is resolved.
 */
@Injectable()
export class WallThresholds {
  constructor(
    private readonly store: WallboardStore,
    private readonly activity: ActivityService,
    private readonly query: LiveQueryService,
    private readonly registry: SeatRegistry,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
  ) {}

  /** Checks every wall's thresholds; returns how many are crossed. */
  async sweep(): Promise<number> {
    const walls = await this.store.wallsWithThresholds();
    const open: string[] = [];
    if (walls.length) {
      const frame = await this.activity.frame();
      for (const wall of walls) open.push(...(await this.checkWall(wall, frame)));
    }
    await this.alerts.resolveAllExcept(THRESHOLD_ALERT, open);
    return open.length;
  }

  private async checkWall(wall: StoredWall, frame: ActivityFrame): Promise<string[]> {
    const open: string[] = [];
    const owner = ownerScopeOf(wall);
    for (const tile of wall.layout.tiles) {
      const target = tileScope(tile);
      if (!target || !tile.thresholds?.length) continue;
      // the owner's rights when the sweep runs: a tile the owner may no longer see raises nothing
      const resolved = await this.query
        .authorize(owner, { scope: target.scope, id: target.id ?? undefined })
        .catch(() => null);
      if (!resolved) continue;
      const view = viewOf(frame, resolved, this.clock.now());
      const site = resolved.scope === 'site' ? await this.registry.site(resolved.id!) : undefined;
      const where =
        resolved.scope === 'network' ? 'the network' : site ? site.name : `${resolved.scope} ${resolved.id}`;
      for (const threshold of tile.thresholds) {
        if (!thresholdBreached(threshold, view)) continue;
        const key = `${wall.userId}:${tile.id}:${threshold.metric}:${threshold.op}:${threshold.value}`;
        open.push(key);
        await this.alerts.raise({
          kind: THRESHOLD_ALERT,
          dedupeKey: key,
          siteId: site?.id ?? null,
          partnerId: resolved.scope === 'partner' ? resolved.id : (site?.partnerId ?? null),
          message: thresholdMessage(threshold, view, where),
          details: {
            userId: wall.userId,
            tileId: tile.id,
            scope: resolved.scope,
            id: resolved.id,
            threshold,
          },
        });
      }
    }
    return open;
  }
}
