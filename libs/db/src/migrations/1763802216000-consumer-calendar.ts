import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consumer's own calendar (clock and public holidays): its territory, or Alsace-Moselle
 * (`FR-AM`, Good Friday and 26 December on top of the metropolitan holidays), taken from the
 * consumer's address when the import gives one, else from the number. `clock_source` says which
 * (address, number, or the Paris fallback of a mainland mobile), so a later import with an
 * address may correct a clock guessed from the number, never the other way round.
 *
 * Overseas numbers imported in the national format before this change were stored as mainland
 * (+33) numbers on Paris time; they keep their number but get their territory's clock here.
 */
export class ConsumerCalendar1763802216000 implements MigrationInterface {
  name = 'ConsumerCalendar1763802216000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE consumer ADD COLUMN calendar text, ADD COLUMN clock_source text NOT NULL DEFAULT 'number'`,
    );
    await db.query(`UPDATE consumer SET calendar = trim(region)`);
    await db.query(`
      UPDATE consumer p SET region = o.region, calendar = o.region, time_zone = o.time_zone
        FROM (VALUES ('^\\+33(262|263|692|693)', 'RE', 'Indian/Reunion'),
                     ('^\\+33(269|639)', 'YT', 'Indian/Mayotte'),
                     ('^\\+33(590|690|691)', 'GP', 'America/Guadeloupe'),
                     ('^\\+33(594|694)', 'GF', 'America/Cayenne'),
                     ('^\\+33(596|696|697)', 'MQ', 'America/Martinique')) AS o(pattern, region, time_zone)
       WHERE p.phone ~ o.pattern`);
    await db.query(`ALTER TABLE consumer ALTER COLUMN calendar SET NOT NULL`);
    await db.query(
      `ALTER TABLE contact_import_row ADD COLUMN calendar text NOT NULL DEFAULT 'FR', ADD COLUMN clock_source text NOT NULL DEFAULT 'fallback'`,
    );
    await db.query(`
      ALTER TABLE contact_import ADD COLUMN clock_from_address integer NOT NULL DEFAULT 0,
        ADD COLUMN clock_from_number integer NOT NULL DEFAULT 0,
        ADD COLUMN clock_fallback integer NOT NULL DEFAULT 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE contact_import DROP COLUMN clock_from_address, DROP COLUMN clock_from_number, DROP COLUMN clock_fallback`,
    );
    await db.query(`ALTER TABLE contact_import_row DROP COLUMN calendar, DROP COLUMN clock_source`);
    await db.query(`ALTER TABLE consumer DROP COLUMN calendar, DROP COLUMN clock_source`);
  }
}
