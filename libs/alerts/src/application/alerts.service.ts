import { Injectable } from '@nestjs/common';
import type { AlertEvent } from '#contracts';
import { Clock, EventBus, type Page, pageOf, type SiteScope } from '#core';
import { SiteDirectory } from '#network';
import { Alert } from '../domain/alert.entity.js';
import { AlertsError } from '../domain/alerts.error.js';
import { AlertsStore } from '../store/alerts.store.js';
import { AlertQuery, RaiseAlert, RaisedAlert } from './alerts.dto.js';

/**
 * Stored alerts, shared by every context that watches something (staffing, live). Raising is
 * idempotent while the alert is open; resolving closes it. Both publish on the EventBus
 * ('alert.opened' / 'alert.resolved') after the write, only when something changed.
 */
@Injectable()
export class AlertsService {
  constructor(
    private readonly store: AlertsStore,
    private readonly directory: SiteDirectory,
    private readonly events: EventBus,
    private readonly clock: Clock,
  ) {}

  /** Opens the alert unless one of this kind and dedupe key is already open (then refreshes its text). */
  async raise(command: RaiseAlert): Promise<RaisedAlert> {
    const siteId = command.siteId ?? null;
    const partnerId =
      command.partnerId ?? (siteId ? ((await this.directory.site(siteId))?.partnerId ?? null) : null);
    const { alert, inserted } = await this.store.open({
      kind: command.kind,
      siteId,
      partnerId,
      dedupeKey: command.dedupeKey,
      message: command.message,
      details: command.details ?? {},
      openedAt: this.clock.now(),
    });
    if (inserted) this.events.publish('alert.opened', alertEvent(alert));
    return { alert, opened: inserted };
  }

  /** Resolves the open alert of this kind and dedupe key, if any; returns it. */
  async resolve(kind: string, dedupeKey: string): Promise<Alert | null> {
    const [resolved] = await this.resolveAll(await this.store.openOf(kind, { in: [dedupeKey] }));
    return resolved ?? null;
  }

  /** Resolves every open alert of `kind` whose dedupe key is not in `stillOpen` (for sweeping jobs). */
  async resolveAllExcept(kind: string, stillOpen: readonly string[]): Promise<Alert[]> {
    return this.resolveAll(await this.store.openOf(kind, { notIn: stillOpen }));
  }

  /** Open alerts of a kind (for jobs that reconcile what they watch). */
  async openOf(kind: string): Promise<Alert[]> {
    return this.store.openOf(kind);
  }

  async list(scope: SiteScope, query: AlertQuery): Promise<Page<Alert>> {
    const [items, total] = await this.store.page(scope, query);
    return pageOf(items, total, query);
  }

  /** The alert, if the caller may see it (a scoped caller sees only its sites' alerts). */
  async get(scope: SiteScope, id: string): Promise<Alert> {
    const alert = await this.store.alert(id);
    if (!alert || !visibleTo(scope, alert)) throw AlertsError.alertNotFound(id);
    return alert;
  }

  private async resolveAll(open: Alert[]): Promise<Alert[]> {
    if (!open.length) return [];
    const at = this.clock.now();
    const resolvedIds = await this.store.resolve(
      open.map((alert) => alert.id),
      at,
    );
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
