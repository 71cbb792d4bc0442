import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '#config';
import { Role, UsersService } from '#identity';
import { Partner, Seat, Site } from '#network';
import { DEMO_NETWORK, DEMO_USERS } from './demo-network.js';

export interface SeedReport {
  partners: number;
  sites: number;
  seats: number;
  users: number;
}

/** Writes the demo network; idempotent (matches partners and sites by name, seats by label). */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger(DemoSeeder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersService,
    private readonly config: AppConfig,
  ) {}

  async isEmpty(): Promise<boolean> {
    return (await this.dataSource.getRepository(Partner).count()) === 0;
  }

  async seed(): Promise<SeedReport> {
    const report = await this.dataSource.transaction((manager) => this.seedNetwork(manager));
    report.users = await this.seedUsers();
    this.logger.log(
      `demo network: ${report.partners} partners, ${report.sites} sites, ${report.seats} seats`,
    );
    return report;
  }

  private async seedNetwork(manager: EntityManager): Promise<SeedReport> {
    const report: SeedReport = { partners: 0, sites: 0, seats: 0, users: 0 };
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

  private async seedUsers(): Promise<number> {
    const created: string[] = [];
    for (const demo of DEMO_USERS) {
      const partner =
        'partner' in demo
          ? await this.dataSource.getRepository(Partner).findOneBy({ name: demo.partner })
          : null;
      const { created: isNew } = await this.users.ensure({
        email: demo.email,
        displayName: demo.displayName,
        role: demo.role as Role,
        password: demo.password,
        partnerId: partner?.id,
      });
      if (isNew) created.push(`  ${demo.role.padEnd(10)} ${demo.email.padEnd(26)} ${demo.password}`);
    }
    if (created.length && this.config.embedded)
      this.logger.log(`demo users (embedded mode only; change them before real use):\n${created.join('\n')}`);
    return DEMO_USERS.length;
  }
}
