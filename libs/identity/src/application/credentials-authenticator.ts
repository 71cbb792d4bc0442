import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '#config';
import { RateLimiter } from '#redis';
import { Actor } from '../access/actor.js';
import { Authenticator } from '../access/authenticator.js';
import { Role } from '../access/role.js';
import { IdentityError, IdentityErrorCode } from '../domain/identity.error.js';
import { userScope } from '../domain/user.entity.js';
import { IdentityStore } from '../store/identity.store.js';
import { API_KEY_PATTERN, apiKeyMatches } from './api-key-secret.js';

export interface AccessTokenClaims {
  sub: string;
  role: Role;
  pid?: string;
  sids?: string[];
  name: string;
  /** Set by the signer from JWT_TTL_SECONDS (seconds since the epoch). */
  exp?: number;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** Bearer JWTs for people, ApiKey credentials for partner systems. */
@Injectable()
export class CredentialsAuthenticator extends Authenticator {
  constructor(
    private readonly jwt: JwtService,
    private readonly store: IdentityStore,
    private readonly rateLimiter: RateLimiter,
    private readonly config: AppConfig,
  ) {
    super();
  }

  async authenticate(authorization: string | undefined): Promise<Actor> {
    if (!authorization)
      throw IdentityError.unauthenticated(
        IdentityErrorCode.MissingCredentials,
        'Send "Authorization: Bearer <token>" or "Authorization: ApiKey <key>".',
      );
    const [scheme, credential, ...rest] = authorization.trim().split(/\s+/);
    if (!credential || rest.length)
      throw IdentityError.unauthenticated(
        IdentityErrorCode.MalformedCredentials,
        'Malformed Authorization header.',
      );
    switch (scheme.toLowerCase()) {
      case 'bearer':
        return this.fromToken(credential);
      case 'apikey':
        return this.fromApiKey(credential);
      default:
        throw IdentityError.unauthenticated(
          IdentityErrorCode.MalformedCredentials,
          `Unsupported Authorization scheme "${scheme}"; use Bearer or ApiKey.`,
        );
    }
  }

  private async fromToken(token: string): Promise<Actor> {
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError')
        throw IdentityError.unauthenticated(
          IdentityErrorCode.TokenExpired,
          'The access token has expired; sign in again.',
        );
      throw IdentityError.unauthenticated(IdentityErrorCode.InvalidToken, 'The access token is not valid.');
    }
    const user = await this.store.user(claims.sub);
    if (!user || !user.active)
      throw IdentityError.unauthenticated(IdentityErrorCode.AccountDisabled, 'This account is disabled.');
    return {
      type: 'user',
      id: user.id,
      role: user.role,
      ...userScope(user),
      label: user.email,
      ...(claims.exp ? { expiresAt: claims.exp * 1000 } : {}),
    };
  }

  private async fromApiKey(key: string): Promise<Actor> {
    const match = API_KEY_PATTERN.exec(key);
    if (!match)
      throw IdentityError.unauthenticated(IdentityErrorCode.InvalidApiKey, 'The API key is not valid.');
    const rate = await this.rateLimiter.hit(`key:${match[1]}`, this.config.API_KEY_RATE_LIMIT_PER_MINUTE, 60);
    if (!rate.allowed) throw IdentityError.rateLimited(rate.retryAfterSeconds);
    const apiKey = await this.store.apiKeyWithSecret(match[1]);
    if (!apiKey || !apiKeyMatches(key, apiKey.secretHash))
      throw IdentityError.unauthenticated(IdentityErrorCode.InvalidApiKey, 'The API key is not valid.');
    if (apiKey.revokedAt)
      throw IdentityError.unauthenticated(IdentityErrorCode.ApiKeyRevoked, 'This API key has been revoked.');
    const now = new Date();
    if (!apiKey.lastUsedAt || now.getTime() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS)
      await this.store.apiKeyUsed(apiKey.id, now);
    return {
      type: 'api_key',
      id: apiKey.id,
      role: Role.Partner,
      partnerId: apiKey.partnerId,
      label: apiKey.name,
    };
  }
}
