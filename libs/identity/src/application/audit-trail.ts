import { Injectable } from '@nestjs/common';
import { Page, pageOf } from '#core';
import { Actor } from '../access/actor.js';
import { AuditEvent } from '../domain/audit-event.entity.js';
import { IdentityStore } from '../store/identity.store.js';
import { AuditQuery } from './identity.dto.js';

export interface AuditEntry {
  actor: Actor;
  action: string;
  entity: string;
  entityId: string | null;
  status: number;
  ip?: string;
  requestId?: string;
}

@Injectable()
export class AuditTrail {
  constructor(private readonly store: IdentityStore) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.store.insertAuditEvent({
      actorType: entry.actor.type,
      actorId: entry.actor.id,
      actorLabel: entry.actor.label,
      role: entry.actor.role,
      partnerId: entry.actor.partnerId ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      status: entry.status,
      ip: entry.ip ?? null,
      requestId: entry.requestId ?? null,
    });
  }

  async search(query: AuditQuery): Promise<Page<AuditEvent>> {
    const [items, total] = await this.store.auditPage(query);
    return pageOf(items, total, query);
  }
}
