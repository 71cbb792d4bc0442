import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live's minute history by campaign: once a minute, the seats of each site working each campaign
 * by state (on a call, in wrap-up, available, staffed), what planning measures a campaign's
 * handle times from. Keyed by campaign first: it is read one campaign over weeks.
 */
export class LiveCampaignMinute1763804500000 implements MigrationInterface {
  name = 'LiveCampaignMinute1763804500000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE live_campaign_minute (
        campaign_id uuid NOT NULL,
        minute timestamptz NOT NULL,
        site_id uuid NOT NULL,
        on_call integer NOT NULL,
        wrap_up integer NOT NULL,
        available integer NOT NULL,
        staffed integer NOT NULL,
        PRIMARY KEY (campaign_id, minute, site_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE live_campaign_minute`);
  }
}
