import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { PageQuery } from '#core';
import { isUniqueViolation } from '#db';
import { ApiKey } from '../domain/api-key.entity.js';
import { AuditEvent } from '../domain/audit-event.entity.js';
import { User } from '../domain/user.entity.js';

/** A user as written: what the service decided, the password already hashed. */
export type UserDraft = Pick<
  User,
  'email' | 'displayName' | 'role' | 'partnerId' | 'siteIds' | 'passwordHash'
>;
export type UserChanges = Partial<Pick<User, 'displayName' | 'active' | 'siteIds' | 'passwordHash'>>;
export type ApiKeyDraft = Pick<ApiKey, 'partnerId' | 'name' | 'prefix' | 'secretHash' | 'createdBy'>;
export type AuditRow = Omit<AuditEvent, 'id' | 'at'>;

/** Which audit events to list (each filter optional), newest first. */
export interface AuditFilter extends PageQuery {
  actorId?: string;
  entity?: string;
  entityId?: string;
  partnerId?: string;
  action?: string;
  /** ISO date-times, [from, to) */
  from?: string;
  to?: string;
}

/**
 * Identity's tables (app_user, api_key, audit_event): the only code that queries them. Password
 * and key hashes are read only by the two methods that check them.
 */
@Injectable()
export class IdentityStore {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
    @InjectRepository(AuditEvent) private readonly audit: Repository<AuditEvent>,
  ) {}

  usersPage(page: PageQuery): Promise<[User[], number]> {
    return this.users.findAndCount({ order: { email: 'ASC' }, take: page.limit, skip: page.offset });
  }

  /** The stored user; null when the email is taken. */
  async insertUser(draft: UserDraft): Promise<User | null> {
    try {
      const { id } = await this.users.save(this.users.create(draft));
      return this.users.findOneByOrFail({ id });
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }

  user(id: string): Promise<User | null> {
    return this.users.findOneBy({ id });
  }

  activeUser(id: string): Promise<User | null> {
    return this.users.findOneBy({ id, active: true });
  }

  userByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email });
  }

  /** The user with this email in any case, with its password hash (for signing in only). */
  userWithPassword(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = :email', { email: email.toLowerCase() })
      .getOne();
  }

  async updateUser(id: string, changes: UserChanges): Promise<User> {
    await this.users.update(id, changes);
    return this.users.findOneByOrFail({ id });
  }

  async signedIn(id: string, at: Date): Promise<void> {
    await this.users.update(id, { lastLoginAt: at });
  }

  async insertApiKey(draft: ApiKeyDraft): Promise<ApiKey> {
    const { id } = await this.keys.save(this.keys.create(draft));
    return this.keys.findOneByOrFail({ id });
  }

  apiKeysPage(partnerId: string | undefined, page: PageQuery): Promise<[ApiKey[], number]> {
    return this.keys.findAndCount({
      where: partnerId ? { partnerId } : {},
      order: { createdAt: 'DESC' },
      take: page.limit,
      skip: page.offset,
    });
  }

  apiKey(id: string): Promise<ApiKey | null> {
    return this.keys.findOneBy({ id });
  }

  /** The key with this prefix, with its secret hash (for authenticating only). */
  apiKeyWithSecret(prefix: string): Promise<ApiKey | null> {
    return this.keys
      .createQueryBuilder('k')
      .addSelect('k.secretHash')
      .where('k.prefix = :prefix', { prefix })
      .getOne();
  }

  async revokeApiKey(id: string, at: Date): Promise<ApiKey> {
    await this.keys.update(id, { revokedAt: at });
    return this.keys.findOneByOrFail({ id });
  }

  async apiKeyUsed(id: string, at: Date): Promise<void> {
    await this.keys.update(id, { lastUsedAt: at });
  }

  async insertAuditEvent(row: AuditRow): Promise<void> {
    await this.audit.insert(row);
  }

  auditPage(query: AuditFilter): Promise<[AuditEvent[], number]> {
    const builder = this.audit
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
    return builder.getManyAndCount();
  }
}
