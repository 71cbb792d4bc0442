import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1763800100000 implements MigrationInterface {
  name = 'Identity1763800100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        display_name text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'manager', 'supervisor', 'partner')),
        partner_id uuid REFERENCES partner (id),
        site_ids uuid[] NOT NULL DEFAULT '{}',
        active boolean NOT NULL DEFAULT true,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'partner') = (partner_id IS NOT NULL))
      )`);
    await db.query(`CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email))`);
    await db.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        partner_id uuid NOT NULL REFERENCES partner (id),
        name text NOT NULL,
        prefix text NOT NULL,
        secret_hash text NOT NULL,
        created_by uuid REFERENCES app_user (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE UNIQUE INDEX api_key_prefix_key ON api_key (prefix)`);
    await db.query(`
      CREATE TABLE audit_event (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_type text NOT NULL,
        actor_id uuid,
        actor_label text NOT NULL,
        role text,
        partner_id uuid,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        status integer NOT NULL,
        ip text,
        request_id text
      )`);
    await db.query(`CREATE INDEX audit_event_at_idx ON audit_event (at DESC)`);
    await db.query(`CREATE INDEX audit_event_entity_idx ON audit_event (entity, entity_id)`);
    await db.query(`CREATE INDEX audit_event_actor_idx ON audit_event (actor_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE audit_event`);
    await db.query(`DROP TABLE api_key`);
    await db.query(`DROP TABLE app_user`);
  }
}
