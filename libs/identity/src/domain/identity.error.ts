import { DomainError, ErrorKind } from '#core';

export enum IdentityErrorCode {
  MissingCredentials = 'missing_credentials',
  InvalidCredentials = 'invalid_credentials',
  MalformedCredentials = 'malformed_credentials',
  TokenExpired = 'token_expired',
  InvalidToken = 'invalid_token',
  ApiKeyRevoked = 'api_key_revoked',
  InvalidApiKey = 'invalid_api_key',
  AccountDisabled = 'account_disabled',
  RateLimited = 'rate_limited',
  Forbidden = 'forbidden',
  EmailTaken = 'email_taken',
  UserNotFound = 'user_not_found',
  ApiKeyNotFound = 'api_key_not_found',
  PartnerRequired = 'partner_required',
  UnknownPartner = 'unknown_partner',
  UnknownSite = 'unknown_site',
}

/** Failures of the identity context: authentication, authorisation, users and keys. */
export class IdentityError extends DomainError<IdentityErrorCode> {
  private constructor(code: IdentityErrorCode, kind: ErrorKind, message: string, details?: unknown) {
    super(code, kind, message, details);
  }

  static unauthenticated(code: IdentityErrorCode, message: string) {
    return new IdentityError(code, ErrorKind.Unauthenticated, message);
  }
  static invalidCredentials() {
    return IdentityError.unauthenticated(IdentityErrorCode.InvalidCredentials, 'Email or password is wrong.');
  }
  static rateLimited(retryAfterSeconds: number) {
    return new IdentityError(
      IdentityErrorCode.RateLimited,
      ErrorKind.RateLimited,
      'Too many requests; retry after the delay in Retry-After.',
      { retryAfterSeconds },
    );
  }
  static forbidden() {
    return new IdentityError(IdentityErrorCode.Forbidden, ErrorKind.Forbidden, 'Your role may not do this.');
  }
  static emailTaken(email: string) {
    return new IdentityError(
      IdentityErrorCode.EmailTaken,
      ErrorKind.Conflict,
      `A user with email ${email} exists.`,
    );
  }
  static userNotFound(id: string) {
    return new IdentityError(
      IdentityErrorCode.UserNotFound,
      ErrorKind.NotFound,
      `User ${id} does not exist.`,
    );
  }
  static apiKeyNotFound(id: string) {
    return new IdentityError(
      IdentityErrorCode.ApiKeyNotFound,
      ErrorKind.NotFound,
      `API key ${id} does not exist.`,
    );
  }
  static partnerRequired() {
    return new IdentityError(
      IdentityErrorCode.PartnerRequired,
      ErrorKind.Invalid,
      'A partner user must name its partnerId; other roles must not.',
      { field: 'partnerId' },
    );
  }
  static unknownPartner(id: string) {
    return new IdentityError(
      IdentityErrorCode.UnknownPartner,
      ErrorKind.Invalid,
      `Partner ${id} does not exist.`,
      {
        field: 'partnerId',
      },
    );
  }
  static unknownSite(ids: string[]) {
    return new IdentityError(
      IdentityErrorCode.UnknownSite,
      ErrorKind.Invalid,
      `Unknown site(s): ${ids.join(', ')}.`,
      {
        field: 'siteIds',
      },
    );
  }
}
