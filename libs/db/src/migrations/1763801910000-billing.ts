import { MigrationInterface, QueryRunner } from 'typeorm';

/** Billing: partner contracts and rates, requested hours (versioned), invoice lines and their reviews. */
export class Billing1763801910000 implements MigrationInterface {
  name = 'Billing1763801910000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE billing_contract (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partner (id),
        site_id uuid REFERENCES site (id),
        name text NOT NULL,
        basis text NOT NULL CHECK (basis IN ('productive_hour', 'seat_month')),
        currency text NOT NULL CHECK (currency IN ('MAD', 'EUR')),
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to >= valid_from),
        contracted_seats integer CHECK (contracted_seats > 0),
        billable_states text[] NOT NULL,
        billable_pause_reasons text[] NOT NULL,
        sla jsonb NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX billing_contract_partner_idx ON billing_contract (partner_id, site_id)`);
    await db.query(`
      CREATE TABLE billing_contract_rate (
        contract_id uuid NOT NULL REFERENCES billing_contract (id) ON DELETE CASCADE,
        valid_from date NOT NULL,
        valid_to date CHECK (valid_to >= valid_from),
        amount numeric(14, 4) NOT NULL CHECK (amount >= 0),
        PRIMARY KEY (contract_id, valid_from)
      )`);
    await db.query(`
      CREATE TABLE billing_requested_hours (
        site_id uuid NOT NULL REFERENCES site (id),
        interval_start timestamptz NOT NULL,
        version integer NOT NULL,
        hours numeric(10, 2) NOT NULL CHECK (hours >= 0),
        source text NOT NULL CHECK (source IN ('manager', 'capacity_plan')),
        entered_by text NOT NULL,
        entered_at timestamptz NOT NULL DEFAULT now(),
        note text,
        PRIMARY KEY (site_id, interval_start, version)
      )`);
    await db.query(`
      CREATE TABLE billing_invoice_line (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partner (id),
        site_id uuid NOT NULL REFERENCES site (id),
        period text NOT NULL,
        hours numeric(12, 2) NOT NULL,
        amount numeric(14, 2) NOT NULL,
        currency text NOT NULL CHECK (currency IN ('MAD', 'EUR')),
        reference text,
        delivered_hours numeric(12, 4),
        expected_amount numeric(14, 2),
        difference numeric(14, 2),
        flagged boolean NOT NULL,
        flag_reason text,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'disputed')),
        upload_id uuid,
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX billing_invoice_line_site_idx ON billing_invoice_line (site_id, period)`);
    await db.query(
      `CREATE INDEX billing_invoice_line_partner_idx ON billing_invoice_line (partner_id, period)`,
    );
    await db.query(`
      CREATE TABLE billing_invoice_review (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        line_id uuid NOT NULL REFERENCES billing_invoice_line (id),
        decision text NOT NULL CHECK (decision IN ('accepted', 'disputed')),
        comment text NOT NULL,
        reviewed_by text NOT NULL,
        reviewed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX billing_invoice_review_line_idx ON billing_invoice_review (line_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE billing_invoice_review`);
    await db.query(`DROP TABLE billing_invoice_line`);
    await db.query(`DROP TABLE billing_requested_hours`);
    await db.query(`DROP TABLE billing_contract_rate`);
    await db.query(`DROP TABLE billing_contract`);
  }
}
