import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Billing: monthly exchange rates to euros (MAD→EUR), entered by managers; a correction is the
 * next version of its currency and month, the earlier ones kept.
 */
export class ExchangeRates1763804600000 implements MigrationInterface {
  name = 'ExchangeRates1763804600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE billing_exchange_rate (
        currency text NOT NULL CHECK (currency IN ('MAD')),
        month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        version integer NOT NULL CHECK (version > 0),
        eur_per_unit numeric(18, 8) NOT NULL CHECK (eur_per_unit > 0),
        entered_by text NOT NULL,
        entered_at timestamptz NOT NULL DEFAULT now(),
        note text,
        PRIMARY KEY (currency, month, version)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE billing_exchange_rate`);
  }
}
