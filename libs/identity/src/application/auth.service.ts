import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { AppConfig } from '#config';
import { Clock } from '#core';
import { RateLimiter } from '#redis';
import { IdentityError, IdentityErrorCode } from '../domain/identity.error.js';
import { User } from '../domain/user.entity.js';
import { AccessTokenClaims } from './credentials-authenticator.js';
import { PasswordHasher } from './password-hasher.js';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_SECONDS = 15 * 60;

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; email: string; displayName: string; role: string; partnerId: string | null };
}

/** Signs people in. Unknown email and wrong password look the same; repeated failures lock. */
@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly rateLimiter: RateLimiter,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async login(email: string, password: string, ip = 'unknown'): Promise<IssuedToken> {
    const rate = await this.rateLimiter.hit(`login:${ip}`, this.config.LOGIN_RATE_LIMIT_PER_MINUTE, 60);
    if (!rate.allowed) throw IdentityError.rateLimited(rate.retryAfterSeconds);
    const users = this.dataSource.getRepository(User);
    const user = await users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('lower(u.email) = :email', { email: email.toLowerCase() })
      .getOne();
    const now = this.clock.now();
    if (user?.lockedUntil && user.lockedUntil > now)
      throw IdentityError.locked(Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 1000));
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid) {
      if (user) await this.recordFailure(user, now);
      throw IdentityError.invalidCredentials();
    }
    if (!user.active)
      throw IdentityError.unauthenticated(IdentityErrorCode.AccountDisabled, 'This account is disabled.');
    await users.update(user.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: now });
    return this.issue(user);
  }

  issue(user: User): IssuedToken {
    const claims: AccessTokenClaims = {
      sub: user.id,
      role: user.role,
      name: user.displayName,
      ...(user.partnerId ? { pid: user.partnerId } : {}),
    };
    return {
      accessToken: this.jwt.sign(claims, { expiresIn: this.config.JWT_TTL_SECONDS }),
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_TTL_SECONDS,
      user: {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        role: user.role,
        partnerId: user.partnerId,
      },
    };
  }

  async refresh(userId: string): Promise<IssuedToken> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id: userId, active: true });
    if (!user)
      throw IdentityError.unauthenticated(IdentityErrorCode.AccountDisabled, 'This account is disabled.');
    return this.issue(user);
  }

  private async recordFailure(user: User, now: Date): Promise<void> {
    const failures = user.failedLogins + 1;
    const lock = failures >= LOCKOUT_THRESHOLD;
    await this.dataSource.getRepository(User).update(user.id, {
      failedLogins: lock ? 0 : failures,
      lockedUntil: lock ? new Date(now.getTime() + LOCKOUT_SECONDS * 1000) : user.lockedUntil,
    });
  }
}
