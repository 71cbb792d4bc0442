import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Page, PageQuery, pageOf } from '#core';
import { isUniqueViolation } from '#db';
import { Role } from '../access/role.js';
import { IdentityError } from '../domain/identity.error.js';
import { User } from '../domain/user.entity.js';
import { AccessRevocations } from './access-revocations.js';
import { CreateUserDto, UpdateUserDto } from './identity.dto.js';
import { PasswordHasher } from './password-hasher.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly revocations: AccessRevocations,
  ) {}

  list(query: PageQuery): Promise<Page<User>> {
    return this.dataSource
      .getRepository(User)
      .findAndCount({ order: { email: 'ASC' }, take: query.limit, skip: query.offset })
      .then(([items, total]) => pageOf(items, total, query));
  }

  async create(command: CreateUserDto): Promise<User> {
    if ((command.role === Role.Partner) !== Boolean(command.partnerId)) throw IdentityError.partnerRequired();
    await this.checkReferences(command.partnerId, command.siteIds);
    const users = this.dataSource.getRepository(User);
    const user = users.create({
      email: command.email,
      displayName: command.displayName,
      role: command.role,
      partnerId: command.partnerId ?? null,
      siteIds: command.role === Role.Supervisor ? (command.siteIds ?? []) : [],
      passwordHash: await this.hasher.hash(command.password),
    });
    try {
      const saved = await users.save(user);
      return (await users.findOneBy({ id: saved.id }))!;
    } catch (error) {
      if (isUniqueViolation(error)) throw IdentityError.emailTaken(command.email);
      throw error;
    }
  }

  async update(id: string, changes: UpdateUserDto): Promise<User> {
    const users = this.dataSource.getRepository(User);
    const user = await users.findOneBy({ id });
    if (!user) throw IdentityError.userNotFound(id);
    await this.checkReferences(undefined, changes.siteIds);
    const { password, ...rest } = changes;
    await users.update(id, {
      ...rest,
      ...(password ? { passwordHash: await this.hasher.hash(password) } : {}),
    });
    // the sessions opened under the old access end: live sockets close, and reconnect (or not) anew
    if (changes.active === false || changes.siteIds || password)
      this.revocations.revoked({ type: 'user', id });
    return (await users.findOneBy({ id }))!;
  }

  private async checkReferences(partnerId?: string, siteIds?: string[]): Promise<void> {
    if (partnerId) {
      const [found] = await this.dataSource.query('SELECT 1 FROM partner WHERE id = $1', [partnerId]);
      if (!found) throw IdentityError.unknownPartner(partnerId);
    }
    if (siteIds?.length) {
      const rows: { id: string }[] = await this.dataSource.query(
        'SELECT id FROM site WHERE id = ANY($1::uuid[])',
        [siteIds],
      );
      const missing = siteIds.filter((id) => !rows.some((row) => row.id === id));
      if (missing.length) throw IdentityError.unknownSite(missing);
    }
  }

  /** Used by the seed and the cli: create or leave as is. */
  async ensure(command: CreateUserDto): Promise<{ user: User; created: boolean }> {
    const existing = await this.dataSource.getRepository(User).findOneBy({ email: In([command.email]) });
    if (existing) return { user: existing, created: false };
    return { user: await this.create(command), created: true };
  }
}
