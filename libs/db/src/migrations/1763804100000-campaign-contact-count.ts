import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A campaign's contact count is the contacts it may call or has called (pending or done): a number
 * withdrawn after the import (suppressed) no longer counts. Suppressions never lowered the stored
 * count before, so it is counted again once for every campaign.
 */
export class CampaignContactCount1763804100000 implements MigrationInterface {
  name = 'CampaignContactCount1763804100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE campaign c SET contact_count =
         (SELECT count(*) FROM contact t WHERE t.campaign_id = c.id AND t.status IN ('pending', 'done'))`,
    );
  }

  async down(): Promise<void> {
    // the former count (contacts created, less those withheld at import) cannot be told apart: kept
  }
}
