import { Injectable, Logger } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { OPPOSITION_LIST_SOURCE, SuppressionsService } from '#campaigns';
import { Clock, UNRESTRICTED } from '#core';
import { Role, UsersService } from '#identity';
import { Partner, Seat, Site } from '#network';
import { PLANNING_TIME_ZONE, PlanningQueuesService } from '#planning';
import { ReportWriter } from '#staffing';
import { DEMO_NETWORK, DEMO_QUEUES, DEMO_USERS } from './demo-network.js';
import { demoStaffingHistory } from './demo-staffing.js';
import { demoVolumes } from './demo-volumes.js';

/** Weeks of interval volumes seeded per demo queue, up to the seeding day. */
const DEMO_VOLUME_WEEKS = 52;

export interface SeedReport {
  partners: number;
  sites: number;
  seats: number;
  users: number;
  /** staffing reports of the demo sites (18 months of history, written once) */
  staffingReports: number;
  /** demo inbound queues (planning), each with a year of 30-minute volumes up to the seeding day */
  planningQueues: number;
}

/** Writes the demo network; idempotent (matches partners and sites by name, seats by label). */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly reports: ReportWriter,
    private readonly queues: PlanningQueuesService,
    private readonly clock: Clock,
    private readonly suppressions: SuppressionsService,
  ) {}

  async isEmpty(): Promise<boolean> {
    return (await this.dataSource.getRepository(Partner).count()) === 0;
  }

  async seed(): Promise<SeedReport> {
    const report = await this.dataSource.transaction((manager) => this.seedNetwork(manager));
    report.users = await this.seedUsers();
    report.staffingReports = await this.dataSource.transaction((manager) => this.seedStaffing(manager));
    report.planningQueues = await this.seedQueues();
    // a demo refresh of the opposition list (one demo number), so a demo campaign launches without a confirmation
    await this.suppressions.suppress(['+33 6 99 99 99 99'], OPPOSITION_LIST_SOURCE, 'demo seed');
    this.logger.log(
      `demo network: ${report.partners} partners, ${report.sites} sites, ${report.seats} seats, ${report.staffingReports} staffing reports, ${report.planningQueues} planning queues`,
    );
    return report;
  }

  private async seedNetwork(manager: EntityManager): Promise<SeedReport> {
    const report: SeedReport = {
      partners: 0,
      sites: 0,
      seats: 0,
      users: 0,
      staffingReports: 0,
      planningQueues: 0,
    };
    for (const demoPartner of DEMO_NETWORK) {
      const partner =
        (await manager
          .createQueryBuilder(Partner, 'p')
          .where('lower(p.name) = lower(:name)', { name: demoPartner.name })
          .getOne()) ??
        (await manager.save(manager.create(Partner, { name: demoPartner.name, kind: demoPartner.kind })));
      report.partners++;
      for (const { seatPrefix, ...demoSite } of demoPartner.sites) {
        const site =
          (await manager.findOneBy(Site, { partnerId: partner.id, name: demoSite.name })) ??
          (await manager.save(
            manager.create(Site, { ...demoSite, partnerId: partner.id, status: 'active' }),
          ));
        report.sites++;
        const labels = Array.from(
          { length: demoSite.installedSeats },
          (_, index) => `${seatPrefix}-${String(index + 1).padStart(3, '0')}`,
        );
        await manager
          .createQueryBuilder()
          .insert()
          .into(Seat)
          .values(labels.map((label) => ({ siteId: site.id, label, active: true })))
          .orIgnore()
          .execute();
        report.seats += labels.length;
      }
    }
    return report;
  }

  /**
   * 18 months of staffing history and plans for the demo sites that have no report yet, in one
   * set-based write (fast first start); returns how many reports the demo sites hold.
   */
  private async seedStaffing(manager: EntityManager): Promise<number> {
    const names = DEMO_NETWORK.flatMap((partner) => partner.sites.map((site) => site.name));
    const sites = await manager
      .createQueryBuilder(Site, 'site')
      .leftJoinAndSelect('site.partner', 'partner')
      .where('site.name IN (:...names)', { names })
      .andWhere('NOT EXISTS (SELECT 1 FROM staffing_report r WHERE r.site_id = site.id)')
      .getMany();
    if (sites.length) {
      const now = this.clock.now();
      const { drafts, plans } = demoStaffingHistory(
        sites.map((site) => ({
          site: {
            id: site.id,
            partnerId: site.partnerId,
            status: site.status,
            today: '',
            installedSeats: site.installedSeats,
            timeZone: site.timeZone,
          },
          inHouse: site.partner?.kind === 'in_house',
        })),
        now,
      );
      await this.reports.write(manager, drafts, {
        source: 'seed',
        uploadId: null,
        submittedByType: 'seed',
        submittedById: null,
        at: now,
      });
      await manager.query(
        `INSERT INTO staffing_plan (site_id, month, headcount, note, updated_by, updated_at)
         SELECT site_id, (month || '-01')::date, headcount, 'demo plan', 'demo seed', $4
         FROM unnest($1::uuid[], $2::text[], $3::int[]) AS p(site_id, month, headcount)
         ON CONFLICT (site_id, month) DO NOTHING`,
        [plans.map((p) => p.siteId), plans.map((p) => p.month), plans.map((p) => p.headcount), now],
      );
    }
    const [{ count }]: Array<{ count: number }> = await manager.query(
      `SELECT count(*)::int AS count FROM staffing_report r JOIN site s ON s.id = r.site_id WHERE s.name = ANY($1)`,
      [names],
    );
    return count;
  }

  /**
   * The demo queues that do not exist yet, split across the demo sites, with DEMO_VOLUME_WEEKS of
   * volumes (daily and weekly seasonality) up to the start of today, so the planning screen has a
   * history to forecast the coming weeks from.
   */
  private async seedQueues(): Promise<number> {
    const existing = new Set((await this.queues.list(UNRESTRICTED)).map((queue) => queue.name));
    const sites: Array<{ id: string; name: string }> = await this.dataSource.query(
      `SELECT id, name FROM site WHERE name = ANY($1)`,
      [DEMO_QUEUES.flatMap((queue) => queue.sites.map((site) => site.site))],
    );
    const idOf = new Map(sites.map((site) => [site.name, site.id]));
    const today = DateTime.fromJSDate(this.clock.now(), { zone: PLANNING_TIME_ZONE }).startOf('day');
    const first = today.minus({ weeks: DEMO_VOLUME_WEEKS }).toISODate()!;
    for (const { peakCalls, seed, sites: split, ...demo } of DEMO_QUEUES) {
      if (existing.has(demo.name) || split.some((share) => !idOf.has(share.site))) continue;
      const queue = await this.queues.create({
        ...demo,
        sites: split.map(({ site, share }) => ({ siteId: idOf.get(site)!, share })),
      });
      const volumes = demoVolumes(first, DEMO_VOLUME_WEEKS * 7, peakCalls, seed);
      await this.queues.putVolumes(queue.id, {
        intervals: volumes.map((volume) => ({
          start: new Date(volume.start).toISOString(),
          calls: volume.calls,
        })),
      });
    }
    const names = new Set<string>(DEMO_QUEUES.map((queue) => queue.name));
    return (await this.queues.list(UNRESTRICTED)).filter((queue) => names.has(queue.name)).length;
  }

  private async seedUsers(): Promise<number> {
    for (const demo of DEMO_USERS) {
      const partner =
        'partner' in demo
          ? await this.dataSource.getRepository(Partner).findOneBy({ name: demo.partner })
          : null;
      await this.users.ensure({
        email: demo.email,
        displayName: demo.displayName,
        role: demo.role as Role,
        password: demo.password,
        partnerId: partner?.id,
      });
    }
    // the start banner (apps/api) lists them with their passwords in embedded mode
    return DEMO_USERS.length;
  }
}
