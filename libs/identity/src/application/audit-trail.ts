import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Page, pageOf } from '#core';
import { Actor } from '../access/actor.js';
import { AuditEvent } from '../domain/audit-event.entity.js';
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
  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry): Promise<void> {
    await this.dataSource.getRepository(AuditEvent).insert({
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
    const builder = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(query.limit)
      .skip(query.offset);
    if (query.actorId) builder.andWhere('e.actorId = :actorId', { actorId: query.actorId });
    if (query.entity) builder.andWhere('e.entity = :entity', { entity: query.entity });
    if (query.entityId) builder.andWhere('e.entityId = :entityId', { entityId: query.entityId });
    if (query.partnerId) builder.andWhere('e.partnerId = :partnerId', { partnerId: query.partnerId });
    if (query.action) builder.andWhere('e.action = :action', { action: query.action });
    if (query.from) builder.andWhere('e.at >= :from', { from: query.from });
    if (query.to) builder.andWhere('e.at < :to', { to: query.to });
    const [items, total] = await builder.getManyAndCount();
    return pageOf(items, total, query);
  }
}
