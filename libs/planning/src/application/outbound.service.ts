import { Injectable } from '@nestjs/common';
import type { OutboundPlanView } from '#contracts';
import { CampaignsService, callingTimeRule, ProgressService } from '#campaigns';
import { Clock, type SiteScope, UNRESTRICTED } from '#core';
import { LiveQueryService } from '#live';
import { INTERVAL_MS } from '../domain/capacity-plan.js';
import { type OutboundCampaign, type OutboundPlan, outboundPlan } from '../domain/outbound.js';

/** An interval is lawful when its start is inside a calling window of metropolitan France (its calendar's holidays). */
export function lawfulStarts(from: number, to: number): number[] {
  const starts: number[] = [];
  for (let start = from; start < to; start += INTERVAL_MS)
    if (callingTimeRule('FR', new Date(start)) === null) starts.push(start);
  return starts;
}

export interface OutboundLoad {
  siteId: string;
  start: number;
  /** agents on the phones (not rounded) */
  agents: number;
}

/**
 * The outbound workload of the running campaigns (read through campaigns' public services): per
 * campaign, the calls left and the agents per lawful interval; per site and interval, the agents
 * its share of each campaign needs, which the capacity plan adds to the inbound queues'.
 */
@Injectable()
export class OutboundService {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly progress: ProgressService,
    private readonly live: LiveQueryService,
    private readonly clock: Clock,
  ) {}

  async plans(): Promise<Array<OutboundPlan & { starts: number[]; sites: OutboundCampaign['sites'] }>> {
    const running = await this.running(UNRESTRICTED);
    const now = this.clock.now().getTime();
    return Promise.all(
      running.map(async ({ campaign, sites }) => {
        const [progress, live] = await Promise.all([
          this.progress.of(UNRESTRICTED, campaign.id),
          this.live.snapshot(UNRESTRICTED, { scope: 'campaign', id: campaign.id }),
        ]);
        const split = sites.map((site) => ({ siteId: site.siteId, share: site.share }));
        const outbound: OutboundCampaign = {
          id: campaign.id,
          name: campaign.name,
          endsAt: campaign.endsAt?.getTime() ?? null,
          contactsLeft: progress.contactsLeft,
          attempts: progress.attempts,
          reached: progress.reached,
          sites: split,
        };
        const agentsNow = live.sites.reduce((sum, site) => sum + site.staffed, 0);
        return { ...outboundPlan(outbound, now, lawfulStarts, agentsNow), sites: split };
      }),
    );
  }

  /** The plans; a caller limited to some sites sees the campaigns they work, with those sites only. */
  async views(scope: SiteScope): Promise<OutboundPlanView[]> {
    const visible =
      scope.partnerId || scope.siteIds
        ? new Map(
            (await this.running(scope)).map(({ campaign, sites }) => [
              campaign.id,
              new Set(sites.map((site) => site.siteId)),
            ]),
          )
        : undefined;
    return (await this.plans())
      .filter((plan) => !visible || visible.has(plan.campaignId))
      .map(({ starts, sites, finishesAt, ...plan }) => ({
        ...plan,
        finishesAt: finishesAt === null ? null : new Date(finishesAt).toISOString(),
        firstInterval: starts.length ? new Date(starts[0]).toISOString() : null,
        lastInterval: starts.length ? new Date(starts.at(-1)!).toISOString() : null,
        sites: sites
          .filter((site) => !visible || visible.get(plan.campaignId)!.has(site.siteId))
          .map((site) => ({ ...site, agentsPerInterval: plan.agentsPerInterval * site.share })),
      }));
  }

  private async running(scope: SiteScope) {
    const query = { status: 'running', limit: 200, offset: 0 } as Parameters<CampaignsService['list']>[1];
    return (await this.campaigns.list(scope, query)).items;
  }

  /** Agents per site and lawful interval of [from, to) that the running campaigns need. */
  async loads(from: number, to: number): Promise<OutboundLoad[]> {
    const loads: OutboundLoad[] = [];
    for (const plan of await this.plans())
      for (const start of plan.starts) {
        if (start < from || start >= to) continue;
        for (const site of plan.sites)
          if (site.share > 0)
            loads.push({ siteId: site.siteId, start, agents: plan.agentsPerInterval * site.share });
      }
    return loads;
  }
}
