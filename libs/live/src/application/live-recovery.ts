import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PROCESS_JOBS } from '#jobs';
import { RedisConnection } from '#redis';
import { LivePublisher } from './live-publisher.js';
import { LiveStore } from './live-store.js';
import { MemoryLiveStore } from './memory-live-store.js';
import { SeatRegistry } from './seat-registry.js';
import { SeatStateStore } from '../store/seat-state.store.js';

/** How often a node checks that Redis still holds the live state (a Redis restarted empty). */
export const LIVE_FILL_CHECK_MS = 10_000;

/**
 * Fills an empty live store from PostgreSQL: the seat states saved before each acknowledgement
 * and each site's latest declared headcount. Embedded mode: once at start (the api's memory starts
 * empty). With Redis: at start, whenever the Redis connection comes back, and every 10 s, the one
 * node that claims the empty store fills it (a Redis restarted without persistence loses nothing
 * acknowledged); events applied meanwhile are newer and kept. Dashboards see the store's new
 * epoch and take a fresh snapshot.
 */
@Injectable()
export class LiveRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LiveRecovery.name);
  private timer?: NodeJS.Timeout;
  private filling?: Promise<boolean>;
  private readonly onReady = () => void this.fillIfEmpty();

  constructor(
    private readonly store: LiveStore,
    private readonly savedSeats: SeatStateStore,
    private readonly publisher: LivePublisher,
    private readonly registry: SeatRegistry,
    private readonly redis: RedisConnection,
    @Inject(PROCESS_JOBS) private readonly processJobs: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // in memory only the process serving the api fills its own store (not the cli)
    if (this.store instanceof MemoryLiveStore && !this.processJobs) return;
    await this.fillIfEmpty();
    if (!this.redis.client) return;
    this.redis.client.on('ready', this.onReady);
    this.timer = setInterval(this.onReady, LIVE_FILL_CHECK_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.redis.client?.off('ready', this.onReady);
  }

  /** Whether this call filled the store (false: it held its state, another node filled it, or Redis is away). */
  fillIfEmpty(): Promise<boolean> {
    this.filling ??= this.fill().finally(() => (this.filling = undefined));
    return this.filling;
  }

  private async fill(): Promise<boolean> {
    const claimed = await this.store.claimFill().catch(() => false);
    if (!claimed) return false;
    try {
      const bySite = await this.savedSeats.bySite();
      let seats = 0;
      for (const [siteId, saved] of bySite) {
        await this.store.restore(siteId, saved);
        seats += saved.length;
      }
      await this.publisher.reloadHeadcounts();
      for (const site of await this.registry.allSites())
        if (bySite.has(site.id)) this.publisher.siteChanged(site);
      if (seats)
        this.logger.log({ seats, sites: bySite.size }, 'live state filled from the saved seat states');
      return true;
    } catch (error) {
      await this.store.releaseFill().catch(() => undefined);
      this.logger.warn(
        { error: (error as Error).message },
        'could not fill the live state; trying again later',
      );
      return false;
    }
  }
}
