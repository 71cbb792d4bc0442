import { Injectable } from '@nestjs/common';
import { scopeAllowsSite, type SiteScope } from '#core';
import { type Site, SiteDirectory } from '#network';
import type { SiteStatus } from '#contracts';
import { LiveError } from '../domain/live.error.js';

export interface SiteEntry {
  id: string;
  partnerId: string;
  name: string;
  status: SiteStatus;
  timeZone: string;
  installedSeats: number;
  activeSeats: Set<string>;
  loadedAt: number;
}

const FRESH_MS = 30_000;
const RELOAD_ON_MISS_AFTER_MS = 1_000;

/**
 * The network as the live layer needs it on every batch (sites, their partner, their active
 * seats), cached for a few seconds so ingestion does not query the database per event. A seat
 * missing from the cache triggers one reload before it is refused, so new seats work at once.
 */
@Injectable()
export class SeatRegistry {
  private readonly sites = new Map<string, SiteEntry>();
  private allLoadedAt = 0;

  constructor(private readonly directory: SiteDirectory) {}

  /** The site if the caller may see it; otherwise "not found", whether or not it exists. */
  async visibleSite(scope: SiteScope, siteId: string): Promise<SiteEntry> {
    const site = await this.site(siteId);
    if (!site || !scopeAllowsSite(scope, site)) throw LiveError.siteNotFound(siteId);
    return site;
  }

  async site(siteId: string): Promise<SiteEntry | undefined> {
    const cached = this.sites.get(siteId);
    if (cached && Date.now() - cached.loadedAt < FRESH_MS) return cached;
    return this.load(siteId);
  }

  /** Seat ids of the batch that are not active seats of the site (after one reload if needed). */
  async unknownSeats(site: SiteEntry, seatIds: string[]): Promise<Set<string>> {
    let entry = site;
    let unknown = seatIds.filter((id) => !entry.activeSeats.has(id));
    if (unknown.length && Date.now() - entry.loadedAt > RELOAD_ON_MISS_AFTER_MS) {
      entry = (await this.load(site.id)) ?? entry;
      unknown = unknown.filter((id) => !entry.activeSeats.has(id));
    }
    return new Set(unknown);
  }

  /** Every site (the network's scope), refreshed at most every few seconds. */
  async allSites(): Promise<SiteEntry[]> {
    if (Date.now() - this.allLoadedAt > FRESH_MS) {
      const sites = await this.directory.find();
      const bySite = await this.directory.activeSeatIds();
      const now = Date.now();
      this.sites.clear();
      for (const site of sites) this.sites.set(site.id, entryOf(site, bySite.get(site.id) ?? new Set(), now));
      this.allLoadedAt = now;
    }
    return [...this.sites.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  async sitesOf(scope: SiteScope, partnerId?: string): Promise<SiteEntry[]> {
    return (await this.allSites()).filter(
      (site) => scopeAllowsSite(scope, site) && (!partnerId || site.partnerId === partnerId),
    );
  }

  async partnerExists(partnerId: string): Promise<boolean> {
    if ((await this.allSites()).some((site) => site.partnerId === partnerId)) return true;
    return this.directory.partnerExists(partnerId);
  }

  private async load(siteId: string): Promise<SiteEntry | undefined> {
    const site = await this.directory.site(siteId);
    if (!site) {
      this.sites.delete(siteId);
      return undefined;
    }
    const seats = (await this.directory.activeSeatIds(siteId)).get(siteId) ?? new Set<string>();
    const entry = entryOf(site, seats, Date.now());
    this.sites.set(siteId, entry);
    return entry;
  }
}

function entryOf(site: Site, activeSeats: Set<string>, loadedAt: number): SiteEntry {
  return {
    id: site.id,
    partnerId: site.partnerId,
    name: site.name,
    status: site.status,
    timeZone: site.timeZone,
    installedSeats: site.installedSeats,
    activeSeats,
    loadedAt,
  };
}
