import { Injectable } from '@nestjs/common';
import type { BillingCheck, BillingCheckSite, DeliveredDay, LineAdherenceMonth } from '#contracts';
import { OutcomeFigures } from '#campaigns';
import { Clock, type SiteScope } from '#core';
import { OccupancyRollup } from '#live';
import type { Site } from '#network';
import { ReportTimelinessService } from '#staffing';
import { BillingStore } from '../billing.store.js';
import { lineAdherence } from '../domain/adherence.js';
import { daySpan, type LocalSpan, localOf, monthSpan } from '../domain/calendar.js';
import { contractFor } from '../domain/contract.js';
import { campaignCosts, partnerCosts, perOutcome } from '../domain/cost.js';
import { deliveredDays, hoursSoFar, type IntervalSample, sumDays } from '../domain/delivered.js';
import { BillingSites } from './billing-sites.js';
import { ContractsService } from './contracts.service.js';

/**
 * Delivered hours from the live minute history (read through live's public API), billable
 * hours by contract, line adherence against requested hours, and the monthly billing check.
 */
@Injectable()
export class DeliveredHoursService {
  constructor(
    private readonly store: BillingStore,
    private readonly sites: BillingSites,
    private readonly contracts: ContractsService,
    private readonly history: OccupancyRollup,
    private readonly outcomes: OutcomeFigures,
    private readonly timeliness: ReportTimelinessService,
    private readonly clock: Clock,
  ) {}

  async day(scope: SiteScope, siteId: string, date: string): Promise<DeliveredDay> {
    const site = await this.sites.site(scope, siteId);
    const [day] = await this.over(site, daySpan(date, site.timeZone));
    return day;
  }

  async month(scope: SiteScope, siteId: string, month: string): Promise<DeliveredDay[]> {
    const site = await this.sites.site(scope, siteId);
    return this.over(site, monthSpan(month, site.timeZone));
  }

  async lineAdherence(scope: SiteScope, siteId: string, month: string): Promise<LineAdherenceMonth> {
    const site = await this.sites.site(scope, siteId);
    return this.adherenceOf(site, month, await this.over(site, monthSpan(month, site.timeZone)));
  }

  /** Delivered days of a month for every site of the scope (optionally one partner's), by site id. */
  async months(scope: SiteScope, month: string, partnerId?: string): Promise<Map<Site, DeliveredDay[]>> {
    const sites = await this.sites.all(scope, partnerId);
    const byZone = new Map<string, Site[]>();
    for (const site of sites) byZone.set(site.timeZone, [...(byZone.get(site.timeZone) ?? []), site]);
    const result = new Map<Site, DeliveredDay[]>();
    for (const [zone, zoneSites] of byZone) {
      const span = monthSpan(month, zone);
      const days = await this.overSites(zoneSites, span);
      zoneSites.forEach((site, index) => result.set(site, days[index]));
    }
    return result;
  }

  /**
   * Per site of the scope: delivered, billable and expected against the partner's invoice lines; SLA
   * credits for line adherence, late staffing reports and compliance incidents; cost per outcome of
   * the site and of each campaign it called for; and the same per partner.
   */
  async check(scope: SiteScope, month: string, partnerId?: string): Promise<BillingCheck> {
    const months = await this.months(scope, month, partnerId);
    const lines = await this.store.invoiceLines({
      month,
      partnerId: scope.partnerId ?? partnerId,
      siteIds: scope.siteIds,
    });
    const now = this.clock.now();
    const result: BillingCheckSite[] = [];
    for (const [site, days] of months) {
      const sums = sumDays(days);
      const adherence = await this.adherenceOf(site, month, days);
      const contract = contractFor(await this.contracts.ofPartner(site.partnerId), site.id, `${month}-01`);
      const span = monthSpan(month, site.timeZone);
      const [outcomes, incidents, reports] = await Promise.all([
        this.outcomes.bySiteAndCampaign([site.id], new Date(span.from), new Date(span.to)),
        this.outcomes.incidentsBySite([site.id], new Date(span.from), new Date(span.to)),
        this.timeliness.ofMonth(site, month, now),
      ]);
      const complianceIncidents = incidents.get(site.id) ?? 0;
      const timelinessCredits = contract ? reports.lateDays.length * contract.sla.creditPerLateReport : 0;
      const complianceCredits = contract ? complianceIncidents * contract.sla.creditPerComplianceIncident : 0;
      const own = lines.filter((line) => line.siteId === site.id);
      const billedAmount = cents(own.reduce((sum, line) => sum + line.amount, 0));
      const attempts = outcomes.reduce((sum, o) => sum + o.attempts, 0);
      const reached = outcomes.reduce((sum, o) => sum + o.reached, 0);
      const sales = outcomes.reduce((sum, o) => sum + o.sales, 0);
      result.push({
        siteId: site.id,
        partnerId: site.partnerId,
        siteName: site.name,
        timeZone: site.timeZone,
        contractId: adherence.contractId,
        currency: adherence.currency,
        deliveredHours: sums.deliveredHours,
        billableHours: sums.billableHours,
        gapMinutes: sums.gapMinutes,
        expectedAmount: sums.expectedAmount,
        billedHours: cents(own.reduce((sum, line) => sum + line.hours, 0)),
        billedAmount,
        difference: sums.expectedAmount === null ? null : cents(billedAmount - sums.expectedAmount),
        lines: own.length,
        flaggedLines: own.filter((line) => line.flagged).length,
        disputedLines: own.filter((line) => line.status === 'disputed').length,
        shareWithinTolerance: adherence.shareWithinTolerance,
        adherenceStatus: adherence.status,
        adherenceReason: adherence.reason,
        credits: cents(adherence.credits + timelinessCredits + complianceCredits),
        adherenceCredits: adherence.credits,
        reportDueDays: reports.dueDays,
        lateReports: reports.lateDays.length,
        timelinessCredits: cents(timelinessCredits),
        complianceIncidents,
        complianceCredits: cents(complianceCredits),
        attempts,
        reached,
        sales,
        costPerReached: perOutcome(sums.expectedAmount, reached),
        costPerSale: perOutcome(sums.expectedAmount, sales),
        campaigns: campaignCosts(
          sums.expectedAmount,
          outcomes.map(({ siteId: _site, ...outcome }) => outcome),
        ),
      });
    }
    return { month, sites: result, partners: partnerCosts(result) };
  }

  /**
   * Per site: productive hours delivered and hours requested on its local day so far at `at`
   * (from its midnight to the start of `at`'s minute), read for all the sites at once per zone.
   */
  async soFarToday(
    sites: ReadonlyArray<Pick<Site, 'id' | 'partnerId' | 'timeZone'>>,
    at: Date,
  ): Promise<Map<string, { deliveredHours: number; requestedHours: number }>> {
    const to = Math.floor(at.getTime() / 60_000) * 60_000;
    const byZone = new Map<string, Array<(typeof sites)[number]>>();
    for (const site of sites) byZone.set(site.timeZone, [...(byZone.get(site.timeZone) ?? []), site]);
    const contracts = sites.length
      ? await this.store.contracts({ partnerIds: [...new Set(sites.map((site) => site.partnerId))] })
      : [];
    const result = new Map<string, { deliveredHours: number; requestedHours: number }>();
    for (const [zone, zoneSites] of byZone) {
      const date = localOf(to, zone).date;
      const from = new Date(daySpan(date, zone).from);
      const ids = zoneSites.map((site) => site.id);
      const [samples, requested] = await Promise.all([
        this.history.seatMinutesByInterval(ids, from, new Date(to)),
        this.store.requested(ids, from, new Date(to)),
      ]);
      for (const site of zoneSites) {
        const contract = contractFor(
          contracts.filter((candidate) => candidate.partnerId === site.partnerId),
          site.id,
          date,
        );
        result.set(
          site.id,
          hoursSoFar(
            contract,
            samples.filter((sample) => sample.siteId === site.id),
            requested
              .filter((row) => row.siteId === site.id)
              .map((row) => ({ start: Date.parse(row.start), hours: row.hours })),
            to,
          ),
        );
      }
    }
    return result;
  }

  /** Delivered days of a site over a local span (used by invoice checks too). */
  async over(site: Site, span: LocalSpan): Promise<DeliveredDay[]> {
    return (await this.overSites([site], span))[0];
  }

  /** Delivered days of sites of one zone over the same local span: one read of the history for all. */
  private async overSites(sites: Site[], span: LocalSpan): Promise<DeliveredDay[][]> {
    const from = new Date(span.from);
    const to = new Date(span.to);
    const [rows, requested, contracts] = await Promise.all([
      this.history.seatMinutesByInterval(
        sites.map((site) => site.id),
        from,
        to,
      ),
      this.store.requested(
        sites.map((site) => site.id),
        from,
        to,
      ),
      this.store.contracts({ partnerIds: [...new Set(sites.map((site) => site.partnerId))] }),
    ]);
    return sites.map((site) =>
      deliveredDays({
        siteId: site.id,
        zone: site.timeZone,
        span,
        samples: new Map<number, IntervalSample>(
          rows.filter((row) => row.siteId === site.id).map((row) => [row.start, row]),
        ),
        requested: new Map(
          requested
            .filter((row) => row.siteId === site.id)
            .map((row) => [Date.parse(row.start), { hours: row.hours, source: row.source }]),
        ),
        contracts: contracts.filter((contract) => contract.partnerId === site.partnerId),
      }),
    );
  }

  private async adherenceOf(site: Site, month: string, days: DeliveredDay[]): Promise<LineAdherenceMonth> {
    const contracts = await this.contracts.ofPartner(site.partnerId);
    return lineAdherence(site.id, month, site.timeZone, days, contractFor(contracts, site.id, `${month}-01`));
  }
}

function cents(value: number): number {
  return Math.round(value * 100) / 100;
}
