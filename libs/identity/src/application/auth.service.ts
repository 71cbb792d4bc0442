import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '#config';
import { Clock } from '#core';
import { AttemptLimiter, type AttemptPolicy, RateLimiter } from '#redis';
import { IdentityError, IdentityErrorCode } from '../domain/identity.error.js';
import { User } from '../domain/user.entity.js';
import { IdentityStore } from '../store/identity.store.js';
import { AccessTokenClaims } from './credentials-authenticator.js';
import { PasswordHasher } from './password-hasher.js';

/**
 * Failed sign-ins are counted per (email, address) pair: an attacker elsewhere cannot lock the
 * owner out, and unknown emails are counted like known ones, so the answers tell nothing.
 */
export const SIGN_IN_ATTEMPTS: AttemptPolicy = {
  threshold: 5,
  baseDelaySeconds: 60,
  maxDelaySeconds: 60 * 60,
  idleSeconds: 24 * 60 * 60,
};

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; email: string; displayName: string; role: string; partnerId: string | null };
}

/**
 * Signs people in. To an anonymous caller an unknown email, a wrong password and a disabled
 * account answer alike (401 invalid_credentials), and a throttled pair or address alike (429).
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly store: IdentityStore,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly rateLimiter: RateLimiter,
    private readonly attempts: AttemptLimiter,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async login(email: string, password: string, ip = 'unknown'): Promise<IssuedToken> {
    const rate = await this.rateLimiter.hit(`login:${ip}`, this.config.LOGIN_RATE_LIMIT_PER_MINUTE, 60);
    if (!rate.allowed) throw IdentityError.rateLimited(rate.retryAfterSeconds);
    const pair = `login:${createHash('sha256').update(email.toLowerCase()).digest('base64url')}:${ip}`;
    const attempt = await this.attempts.begin(pair, SIGN_IN_ATTEMPTS);
    if (!attempt.allowed) throw IdentityError.rateLimited(attempt.retryAfterSeconds);
    const user = await this.store.userWithPassword(email);
    const valid = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !valid || !user.active) throw IdentityError.invalidCredentials();
    await this.attempts.clear(pair);
    await this.store.signedIn(user.id, this.clock.now());
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
    const user = await this.store.activeUser(userId);
    if (!user)
      throw IdentityError.unauthenticated(IdentityErrorCode.AccountDisabled, 'This account is disabled.');
    return this.issue(user);
  }
}
