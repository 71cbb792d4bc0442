import { Injectable } from '@nestjs/common';
import { Page, PageQuery, pageOf, type SiteScope } from '#core';
import { Role } from '../access/role.js';
import { IdentityError } from '../domain/identity.error.js';
import { User, userScope } from '../domain/user.entity.js';
import { IdentityStore } from '../store/identity.store.js';
import { AccessRevocations } from './access-revocations.js';
import { CreateUserDto, UpdateUserDto } from './identity.dto.js';
import { ReferenceChecks } from './network-references.port.js';
import { PasswordHasher } from './password-hasher.js';

@Injectable()
export class UsersService {
  constructor(
    private readonly store: IdentityStore,
    private readonly hasher: PasswordHasher,
    private readonly revocations: AccessRevocations,
    private readonly references: ReferenceChecks,
  ) {}

  async list(query: PageQuery): Promise<Page<User>> {
    const [items, total] = await this.store.usersPage(query);
    return pageOf(items, total, query);
  }

  /**
   * What a user may see now; null when the user is gone or disabled. Read by what a user hands
   * on to others (a read-only wall link reads with its owner's rights, while the owner has any).
   */
  async currentScope(id: string): Promise<SiteScope | null> {
    const user = await this.store.activeUser(id);
    return user ? userScope(user) : null;
  }

  async create(command: CreateUserDto): Promise<User> {
    if ((command.role === Role.Partner) !== Boolean(command.partnerId)) throw IdentityError.partnerRequired();
    await this.references.partner(command.partnerId);
    await this.references.sites(command.siteIds);
    const user = await this.store.insertUser({
      email: command.email,
      displayName: command.displayName,
      role: command.role,
      partnerId: command.partnerId ?? null,
      siteIds: command.role === Role.Supervisor ? (command.siteIds ?? []) : [],
      passwordHash: await this.hasher.hash(command.password),
    });
    if (!user) throw IdentityError.emailTaken(command.email);
    return user;
  }

  async update(id: string, changes: UpdateUserDto): Promise<User> {
    if (!(await this.store.user(id))) throw IdentityError.userNotFound(id);
    await this.references.sites(changes.siteIds);
    const { password, ...rest } = changes;
    const user = await this.store.updateUser(id, {
      ...rest,
      ...(password ? { passwordHash: await this.hasher.hash(password) } : {}),
    });
    // the sessions opened under the old access end: live sockets close, and reconnect (or not) anew
    if (changes.active === false || changes.siteIds || password)
      this.revocations.revoked({ type: 'user', id });
    return user;
  }

  /** Used by the seed and the cli: create or leave as is. */
  async ensure(command: CreateUserDto): Promise<{ user: User; created: boolean }> {
    const existing = await this.store.userByEmail(command.email);
    if (existing) return { user: existing, created: false };
    return { user: await this.create(command), created: true };
  }
}
