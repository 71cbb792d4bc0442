import { MigrationInterface, QueryRunner } from 'typeorm';

export class Staffing1763800210000 implements MigrationInterface {
  name = 'Staffing1763800210000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE staffing_report (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        site_id uuid NOT NULL REFERENCES site (id),
        partner_id uuid NOT NULL REFERENCES partner (id),
        period text NOT NULL,
        period_kind text NOT NULL CHECK (period_kind IN ('day', 'week')),
        period_start date NOT NULL,
        period_end date NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        current boolean NOT NULL DEFAULT true,
        agents_in_production integer NOT NULL CHECK (agents_in_production >= 0),
        agents_in_training integer NOT NULL CHECK (agents_in_training >= 0),
        team_leaders integer NOT NULL CHECK (team_leaders >= 0),
        supervisors integer NOT NULL CHECK (supervisors >= 0),
        trainers_qa integer NOT NULL CHECK (trainers_qa >= 0),
        hires integer NOT NULL CHECK (hires >= 0),
        leavers integer NOT NULL CHECK (leavers >= 0),
        seats_installed integer NOT NULL CHECK (seats_installed >= 0),
        seats_staffed integer NOT NULL CHECK (seats_staffed >= 0 AND seats_staffed <= seats_installed),
        absenteeism_pct numeric(5, 2) NOT NULL CHECK (absenteeism_pct BETWEEN 0 AND 100),
        attrition_notes text,
        source text NOT NULL CHECK (source IN ('api', 'csv', 'seed')),
        upload_id uuid,
        submitted_by_type text NOT NULL,
        submitted_by_id text,
        submitted_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE UNIQUE INDEX staffing_report_version_key ON staffing_report (site_id, period, version)`,
    );
    await db.query(
      `CREATE UNIQUE INDEX staffing_report_current_key ON staffing_report (site_id, period) WHERE current`,
    );
    await db.query(
      `CREATE INDEX staffing_report_current_start_idx ON staffing_report (site_id, period_start) WHERE current`,
    );
    await db.query(`CREATE INDEX staffing_report_partner_idx ON staffing_report (partner_id, period_start)`);
    await db.query(
      `CREATE INDEX staffing_report_upload_idx ON staffing_report (upload_id) WHERE upload_id IS NOT NULL`,
    );
    await db.query(`
      CREATE TABLE staffing_plan (
        site_id uuid NOT NULL REFERENCES site (id),
        month date NOT NULL CHECK (extract(day FROM month) = 1),
        headcount integer NOT NULL CHECK (headcount >= 0),
        note text,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (site_id, month)
      )`);
    await db.query(`
      CREATE TABLE idempotency_record (
        caller text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status integer,
        body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (caller, key)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_record`);
    await db.query(`DROP TABLE staffing_plan`);
    await db.query(`DROP TABLE staffing_report`);
  }
}
