import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { EventBus, UNRESTRICTED, logSafeMessage } from '#core';
import { CampaignsOptions } from '../campaigns.options.js';
import { ProgressService } from './progress.service.js';

/** Publishes `campaign.progress` after outcomes or imports, at most once per campaign per interval. */
@Injectable()
export class ProgressPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(ProgressPublisher.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly progress: ProgressService,
    private readonly events: EventBus,
    private readonly options: CampaignsOptions,
  ) {}

  soon(campaignId: string): void {
    if (this.timers.has(campaignId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(campaignId);
      void this.publishNow(campaignId);
    }, this.options.progressEveryMs);
    timer.unref();
    this.timers.set(campaignId, timer);
  }

  async publishNow(campaignId: string): Promise<void> {
    try {
      this.events.publish('campaign.progress', await this.progress.of(UNRESTRICTED, campaignId));
    } catch (error) {
      this.logger.warn(`campaign.progress for ${campaignId} not published: ${logSafeMessage(error)}`);
    }
  }

  onApplicationShutdown(): void {
    this.timers.forEach(clearTimeout);
    this.timers.clear();
  }
}
