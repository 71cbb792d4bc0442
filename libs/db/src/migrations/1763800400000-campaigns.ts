import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Campaigns (libs/campaigns): campaigns and their sites, consumers (one row per phone number,
 * across every campaign and partner: do-not-call, refusals, who holds it now), contacts, the
 * staging of imports, leases and attempts (where each customer was called from).
 *
 * contact has no foreign keys on purpose: imports write it a million rows at a time, and a
 * per-row FK check (with a key-share lock on the one campaign row) costs more than the insert.
 * The import merge writes consumers before contacts in the same transaction, and campaigns are
 * never deleted (they end completed or cancelled). consumer leaves room on its pages so that
 * holding and releasing a consumer at lease time are heap-only updates.
 */
export class Campaigns1763800400000 implements MigrationInterface {
  name = 'Campaigns1763800400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE campaign (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        product text NOT NULL,
        objective text,
        status text NOT NULL CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled')),
        starts_at timestamptz,
        ends_at timestamptz,
        target_volume integer NOT NULL CHECK (target_volume > 0),
        caller_number text NOT NULL,
        allocation_strategy text NOT NULL,
        contact_count integer NOT NULL DEFAULT 0,
        allocation_computed_at timestamptz,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX campaign_name_key ON campaign (lower(name))`);
    await db.query(`
      CREATE TABLE campaign_site (
        campaign_id uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
        site_id uuid NOT NULL REFERENCES site (id),
        cost_per_hour numeric(10, 2),
        floor_share numeric(6, 5) NOT NULL DEFAULT 0,
        cap_share numeric(6, 5) NOT NULL DEFAULT 1,
        test_cell boolean NOT NULL DEFAULT false,
        share numeric(8, 7) NOT NULL DEFAULT 0,
        assigned integer NOT NULL DEFAULT 0,
        PRIMARY KEY (campaign_id, site_id)
      )`);
    await db.query(`CREATE INDEX campaign_site_site_idx ON campaign_site (site_id)`);
    await db.query(`
      CREATE TABLE consumer (
        phone text PRIMARY KEY,
        region char(2) NOT NULL,
        time_zone text NOT NULL,
        do_not_call_at timestamptz,
        do_not_call_source text,
        refused_at timestamptz,
        leased_until timestamptz,
        lease_id uuid
      ) WITH (fillfactor = 80)`);
    await db.query(`
      CREATE TABLE contact (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL,
        phone text NOT NULL,
        first_name text,
        last_name text,
        lawful_basis text NOT NULL CHECK (lawful_basis IN ('consent', 'current_contract')),
        consent_date date,
        consent_proof text,
        contract_ref text,
        contract_offer text,
        status text NOT NULL CHECK (status IN ('pending', 'leased', 'done', 'suppressed')),
        lease_id uuid,
        site_id uuid,
        leased_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_outcome text,
        import_id uuid,
        CONSTRAINT contact_lawful_basis_evidence CHECK (
          (lawful_basis = 'consent' AND consent_date IS NOT NULL AND consent_proof IS NOT NULL)
          OR (lawful_basis = 'current_contract' AND contract_ref IS NOT NULL AND contract_offer IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX contact_campaign_phone_key ON contact (campaign_id, phone)`);
    await db.query(`CREATE INDEX contact_pending_idx ON contact (campaign_id, id) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX contact_phone_idx ON contact (phone)`);
    await db.query(`CREATE INDEX contact_lease_idx ON contact (lease_id) WHERE lease_id IS NOT NULL`);
    await db.query(`
      CREATE TABLE contact_import (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_id uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('queued', 'merging', 'completed', 'failed')),
        rows integer NOT NULL DEFAULT 0,
        valid integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        processed integer NOT NULL DEFAULT 0,
        merged_through integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        merged integer NOT NULL DEFAULT 0,
        suppressed integer NOT NULL DEFAULT 0,
        error text,
        created_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    // unlogged: staged rows are transient (a crash loses them; the import then fails and is re-sent)
    await db.query(`
      CREATE UNLOGGED TABLE contact_import_row (
        import_id uuid NOT NULL REFERENCES contact_import (id) ON DELETE CASCADE,
        line integer NOT NULL,
        phone text NOT NULL,
        region char(2) NOT NULL,
        time_zone text NOT NULL,
        first_name text,
        last_name text,
        lawful_basis text NOT NULL,
        consent_date date,
        consent_proof text,
        contract_ref text,
        contract_offer text,
        PRIMARY KEY (import_id, line)
      )`);
    await db.query(`
      CREATE TABLE contact_import_rejection (
        import_id uuid NOT NULL REFERENCES contact_import (id) ON DELETE CASCADE,
        line integer NOT NULL,
        reason text NOT NULL,
        PRIMARY KEY (import_id, line)
      )`);
    await db.query(`
      CREATE TABLE contact_lease (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES site (id),
        leased_by text,
        leased_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        size integer NOT NULL,
        reported integer NOT NULL DEFAULT 0,
        status text NOT NULL CHECK (status IN ('open', 'closed', 'expired'))
      )`);
    await db.query(`CREATE INDEX contact_lease_open_idx ON contact_lease (expires_at) WHERE status = 'open'`);
    await db.query(`
      CREATE TABLE contact_attempt (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contact_id uuid NOT NULL REFERENCES contact (id) ON DELETE CASCADE,
        campaign_id uuid NOT NULL REFERENCES campaign (id) ON DELETE CASCADE,
        lease_id uuid NOT NULL REFERENCES contact_lease (id),
        phone text NOT NULL,
        site_id uuid NOT NULL REFERENCES site (id),
        partner_id uuid NOT NULL,
        site_country char(2) NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('reached', 'sale', 'refused', 'no_answer', 'callback', 'wrong_number', 'do_not_call')),
        attempted_at timestamptz NOT NULL,
        reported_at timestamptz NOT NULL,
        CONSTRAINT contact_attempt_lease_contact_key UNIQUE (lease_id, contact_id)
      )`);
    await db.query(`CREATE INDEX contact_attempt_phone_idx ON contact_attempt (phone, attempted_at)`);
    await db.query(`CREATE INDEX contact_attempt_campaign_idx ON contact_attempt (campaign_id, site_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of [
      'contact_attempt',
      'contact_lease',
      'contact_import_rejection',
      'contact_import_row',
      'contact_import',
      'contact',
      'consumer',
      'campaign_site',
      'campaign',
    ])
      await db.query(`DROP TABLE ${table}`);
  }
}
