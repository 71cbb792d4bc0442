import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, Not, Repository } from 'typeorm';
import type { AlertEvent } from '#contracts';
import { Clock, EventBus, type Page, pageOf, type SiteScope } from '#core';
import { Alert } from '../domain/alert.entity.js';
import { AlertsError } from '../domain/alerts.error.js';
import { AlertQuery, RaiseAlert, RaisedAlert } from './alerts.dto.js';

/**
 * Stored alerts, shared by every context that watches something (staffing, live). Raising is
 * idempotent while the alert is open; resolving closes it. Both publish on the EventBus
 * ('alert.opened' / 'alert.resolved') after the write, only when something changed.
 */
@Injectable()
export class AlertsService {
  constructor(
    @InjectRepository(Alert) private readonly alerts: Repository<Alert>,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** Opens the alert unless one of this kind and dedupe key is already open (then refreshes its text). */
  async raise(command: RaiseAlert): Promise<RaisedAlert> {
    const rows: Array<{ id: string; inserted: boolean }> = await this.alerts.query(
      `INSERT INTO alert (kind, site_id, partner_id, dedupe_key, message, details, opened_at)
       VALUES ($1, $2::uuid, COALESCE($3::uuid, (SELECT partner_id FROM site WHERE id = $2::uuid)), $4, $5, $6::jsonb, $7)
       ON CONFLICT (kind, dedupe_key) WHERE resolved_at IS NULL
       DO UPDATE SET message = EXCLUDED.message, details = EXCLUDED.details
       RETURNING id, (xmax = 0) AS inserted`,
      [
        command.kind,
        command.siteId ?? null,
        command.partnerId ?? null,
        command.dedupeKey,
        command.message,
        JSON.stringify(command.details ?? {}),
        this.clock.now(),
      ],
    );
    const [{ id, inserted }] = rows;
    const alert = await this.alerts.findOneByOrFail({ id });
    if (inserted) this.events.publish('alert.opened', alertEvent(alert));
    return { alert, opened: inserted };
  }

  /** Resolves the open alert of this kind and dedupe key, if any; returns it. */
  async resolve(kind: string, dedupeKey: string): Promise<Alert | null> {
    const [resolved] = await this.resolveWhere(kind, [dedupeKey], 'in');
    return resolved ?? null;
  }

  /** Resolves every open alert of `kind` whose dedupe key is not in `stillOpen` (for sweeping jobs). */
  async resolveAllExcept(kind: string, stillOpen: readonly string[]): Promise<Alert[]> {
    return this.resolveWhere(kind, stillOpen, 'not in');
  }

  /** Open alerts of a kind (for jobs that reconcile what they watch). */
  async openOf(kind: string): Promise<Alert[]> {
    return this.alerts.find({ where: { kind, resolvedAt: IsNull() }, order: { openedAt: 'ASC' } });
  }

  async list(scope: SiteScope, query: AlertQuery): Promise<Page<Alert>> {
    const builder = this.alerts
      .createQueryBuilder('alert')
      .orderBy('alert.openedAt', 'DESC')
      .addOrderBy('alert.id', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (scope.partnerId)
      builder.andWhere('alert.partnerId = :scopePartner', { scopePartner: scope.partnerId });
    if (scope.siteIds)
      builder.andWhere('alert.siteId IN (:...scopeSites)', { scopeSites: [...scope.siteIds, null] });
    if (query.status === 'open') builder.andWhere('alert.resolvedAt IS NULL');
    if (query.status === 'resolved') builder.andWhere('alert.resolvedAt IS NOT NULL');
    if (query.siteId) builder.andWhere('alert.siteId = :siteId', { siteId: query.siteId });
    if (query.partnerId) builder.andWhere('alert.partnerId = :partnerId', { partnerId: query.partnerId });
    if (query.kind) builder.andWhere('alert.kind = :kind', { kind: query.kind });
    const [items, total] = await builder.getManyAndCount();
    return pageOf(items, total, query);
  }

  /** The alert, if the caller may see it (a scoped caller sees only its sites' alerts). */
  async get(scope: SiteScope, id: string): Promise<Alert> {
    const alert = await this.alerts.findOneBy({ id });
    if (!alert || !visibleTo(scope, alert)) throw AlertsError.alertNotFound(id);
    return alert;
  }

  private async resolveWhere(
    kind: string,
    keys: readonly string[],
    match: 'in' | 'not in',
  ): Promise<Alert[]> {
    if (match === 'in' && !keys.length) return [];
    const dedupeKey = match === 'in' ? In([...keys]) : keys.length ? Not(In([...keys])) : undefined;
    const open = await this.alerts.find({
      where: { kind, resolvedAt: IsNull(), ...(dedupeKey ? { dedupeKey } : {}) },
    });
    if (!open.length) return [];
    const at = this.clock.now();
    const rows: Array<{ id: string }> = await this.alerts.query(
      `WITH closed AS (
         UPDATE alert SET resolved_at = $1 WHERE id = ANY($2::uuid[]) AND resolved_at IS NULL RETURNING id
       )
       SELECT id FROM closed`,
      [at, open.map((alert) => alert.id)],
    );
    const resolvedIds = new Set(rows.map((row) => row.id));
    const resolved = open.filter((alert) => resolvedIds.has(alert.id));
    for (const alert of resolved) {
      alert.resolvedAt = at;
      this.events.publish('alert.resolved', alertEvent(alert));
    }
    return resolved;
  }
}

function visibleTo(scope: SiteScope, alert: Alert): boolean {
  if (scope.partnerId && scope.partnerId !== alert.partnerId) return false;
  if (scope.siteIds && (!alert.siteId || !scope.siteIds.includes(alert.siteId))) return false;
  return true;
}

export function alertEvent(alert: Alert): Required<AlertEvent> {
  return {
    id: alert.id,
    kind: alert.kind,
    siteId: alert.siteId,
    partnerId: alert.partnerId,
    message: alert.message,
    openedAt: alert.openedAt.toISOString(),
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
  };
}
