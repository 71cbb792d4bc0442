import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, Repository } from 'typeorm';
import type { SiteScope } from '#core';
import { whereInScope } from '#db';
import type { AlertQuery } from '../application/alerts.dto.js';
import { Alert } from '../domain/alert.entity.js';

/** An alert as raised, its partner already known. */
export type OpenAlert = Pick<
  Alert,
  'kind' | 'siteId' | 'partnerId' | 'dedupeKey' | 'message' | 'details' | 'openedAt'
>;

/** The alert table: the only code that queries it. */
@Injectable()
export class AlertsStore {
  constructor(@InjectRepository(Alert) private readonly alerts: Repository<Alert>) {}

  /**
   * Opens the alert unless one of its kind and dedupe key is open (then refreshes its message and
   * details); returns the stored alert and whether this call opened it.
   */
  async open(alert: OpenAlert): Promise<{ alert: Alert; inserted: boolean }> {
    const [{ id, inserted }]: Array<{ id: string; inserted: boolean }> = await this.alerts.query(
      `INSERT INTO alert (kind, site_id, partner_id, dedupe_key, message, details, opened_at)
       VALUES ($1, $2::uuid, $3::uuid, $4, $5, $6::jsonb, $7)
       ON CONFLICT (kind, dedupe_key) WHERE resolved_at IS NULL
       DO UPDATE SET message = EXCLUDED.message, details = EXCLUDED.details
       RETURNING id, (xmax = 0) AS inserted`,
      [
        alert.kind,
        alert.siteId,
        alert.partnerId,
        alert.dedupeKey,
        alert.message,
        JSON.stringify(alert.details),
        alert.openedAt,
      ],
    );
    return { alert: await this.alerts.findOneByOrFail({ id }), inserted };
  }

  alert(id: string): Promise<Alert | null> {
    return this.alerts.findOneBy({ id });
  }

  /** Open alerts of a kind, oldest first; only those whose dedupe key is (or is not) in `keys` when given. */
  openOf(kind: string, keys?: { in: readonly string[] } | { notIn: readonly string[] }): Promise<Alert[]> {
    const dedupeKey =
      keys && 'in' in keys ? In([...keys.in]) : keys?.notIn.length ? Not(In([...keys.notIn])) : undefined;
    return this.alerts.find({
      where: { kind, resolvedAt: IsNull(), ...(dedupeKey ? { dedupeKey } : {}) },
      order: { openedAt: 'ASC' },
    });
  }

  /** Resolves those of these alerts still open; returns the ids it resolved. */
  async resolve(ids: readonly string[], at: Date): Promise<Set<string>> {
    const rows: Array<{ id: string }> = await this.alerts.query(
      `WITH closed AS (
         UPDATE alert SET resolved_at = $1 WHERE id = ANY($2::uuid[]) AND resolved_at IS NULL RETURNING id
       )
       SELECT id FROM closed`,
      [at, ids],
    );
    return new Set(rows.map((row) => row.id));
  }

  page(scope: SiteScope, query: AlertQuery): Promise<[Alert[], number]> {
    const builder = this.alerts
      .createQueryBuilder('alert')
      .orderBy('alert.openedAt', 'DESC')
      .addOrderBy('alert.id', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    whereInScope(builder, scope, { partner: 'alert.partnerId', site: 'alert.siteId' });
    if (query.status === 'open') builder.andWhere('alert.resolvedAt IS NULL');
    if (query.status === 'resolved') builder.andWhere('alert.resolvedAt IS NOT NULL');
    if (query.siteId) builder.andWhere('alert.siteId = :siteId', { siteId: query.siteId });
    if (query.partnerId) builder.andWhere('alert.partnerId = :partnerId', { partnerId: query.partnerId });
    if (query.kind) builder.andWhere('alert.kind = :kind', { kind: query.kind });
    return builder.getManyAndCount();
  }

  /** How many alerts are open, by kind. */
  async openCounts(): Promise<Array<{ kind: string; open: number }>> {
    return this.alerts.query(
      `SELECT kind, count(*)::int AS open FROM alert WHERE resolved_at IS NULL GROUP BY kind`,
    );
  }
}
