import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { UNRESTRICTED } from '#core';
import { MIGRATIONS } from '#db';
import { NetworkError, NetworkModule, PartnersService, SeatsService, SitesService } from '#network';
import { databaseBackends } from '../support/environment.js';
import { startTestContext } from '../support/test-context.js';

describe.each(databaseBackends())('network persistence on %s', (backend) => {
  let context: Awaited<ReturnType<typeof startTestContext>>;
  let dataSource: DataSource;
  let partners: PartnersService;
  let sites: SitesService;
  let seats: SeatsService;

  beforeAll(async () => {
    context = await startTestContext(backend, { imports: [NetworkModule] });
    dataSource = context.app.get(DataSource);
    partners = context.app.get(PartnersService);
    sites = context.app.get(SitesService);
    seats = context.app.get(SeatsService);
  });
  afterAll(() => context?.close());

  it('applies every migration, records it, and can undo and redo the last one', async () => {
    const applied: { name: string }[] = await dataSource.query(
      'SELECT name FROM schema_migrations ORDER BY id',
    );
    expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => new m().name));
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await dataSource.showMigrations()).toBe(true);
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('stores partners, sites and seats, and enforces uniqueness case-insensitively', async () => {
    const partner = await partners.register({ name: 'Integration Partner', kind: 'outsourcer' });
    await expect(partners.register({ name: 'integration partner', kind: 'in_house' })).rejects.toMatchObject({
      code: 'partner_name_taken',
    });
    const site = await sites.open(UNRESTRICTED, {
      partnerId: partner.id,
      name: 'IP Oujda',
      city: 'Oujda',
      country: 'ma',
      timeZone: 'Africa/Casablanca',
      installedSeats: 3,
    });
    expect(site).toMatchObject({ country: 'MA', status: 'active', onshore: false });
    await expect(
      sites.open(UNRESTRICTED, {
        partnerId: partner.id,
        name: 'ip oujda',
        city: 'Oujda',
        country: 'MA',
        timeZone: 'Africa/Casablanca',
        installedSeats: 1,
      }),
    ).rejects.toBeInstanceOf(NetworkError);
    const added = await seats.install(UNRESTRICTED, site.id, { labels: ['A', 'B', 'C'] });
    expect(added).toHaveLength(3);
  });

  it('adds seats all or nothing: over capacity leaves the site unchanged', async () => {
    const partner = await partners.register({ name: 'Capacity Partner', kind: 'outsourcer' });
    const site = await sites.open(UNRESTRICTED, {
      partnerId: partner.id,
      name: 'CP Tanger',
      city: 'Tanger',
      country: 'MA',
      timeZone: 'Africa/Casablanca',
      installedSeats: 2,
    });
    await seats.install(UNRESTRICTED, site.id, { labels: ['1'] });
    await expect(seats.install(UNRESTRICTED, site.id, { labels: ['2', '3'] })).rejects.toMatchObject({
      code: 'seat_capacity_exceeded',
    });
    await expect(seats.install(UNRESTRICTED, site.id, { labels: ['1'] })).rejects.toMatchObject({
      code: 'seat_label_taken',
    });
    const page = await seats.listForSite(UNRESTRICTED, site.id, { limit: 50, offset: 0 });
    expect(page.items.map((s) => s.label)).toEqual(['1']);
  });

  it('applies a partner scope in queries: other partners’ sites are not found', async () => {
    const [mine, theirs] = await Promise.all([
      partners.register({ name: 'Scope A', kind: 'outsourcer' }),
      partners.register({ name: 'Scope B', kind: 'outsourcer' }),
    ]);
    const base = { city: 'Rabat', country: 'MA', timeZone: 'Africa/Casablanca', installedSeats: 1 };
    const mySite = await sites.open(UNRESTRICTED, { ...base, partnerId: mine.id, name: 'A1' });
    const theirSite = await sites.open(UNRESTRICTED, { ...base, partnerId: theirs.id, name: 'B1' });
    const scope = { partnerId: mine.id };
    const page = await sites.list(scope, { limit: 200, offset: 0 });
    expect(page.items.map((s) => s.id)).toEqual([mySite.id]);
    await expect(sites.get(scope, theirSite.id)).rejects.toMatchObject({ code: 'site_not_found' });
    await expect(sites.update(scope, theirSite.id, { city: 'X' })).rejects.toMatchObject({
      code: 'site_not_found',
    });
    expect((await sites.get(UNRESTRICTED, theirSite.id)).city).toBe('Rabat');
    const supervisorScope = { siteIds: [theirSite.id] };
    expect((await sites.list(supervisorScope, { limit: 10, offset: 0 })).items.map((s) => s.id)).toEqual([
      theirSite.id,
    ]);
  });

  it('refuses a database-level violation (negative seats) even past the DTO', async () => {
    await expect(
      dataSource.query(
        `INSERT INTO site (partner_id, name, city, country, time_zone, installed_seats, status)
         SELECT id, 'Bad', 'X', 'MA', 'UTC', -1, 'active' FROM partner LIMIT 1`,
      ),
    ).rejects.toThrow(/check/i);
  });
});
