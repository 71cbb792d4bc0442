/**
 * What kind of failure a domain error is. The HTTP layer maps a kind to a status code;
 * domain code never speaks HTTP.
 */
export enum ErrorKind {
  Invalid = 'invalid',
  NotFound = 'not_found',
  Conflict = 'conflict',
  /** well-formed but contrary to a business rule (422) */
  Unprocessable = 'unprocessable',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  RateLimited = 'rate_limited',
  Unavailable = 'unavailable',
}

/**
 * Base of every bounded context's error type. Each context declares one subclass and a
 * code enum; the code is part of the public contract (stable, snake_case).
 */
export abstract class DomainError<Code extends string = string> extends Error {
  protected constructor(
    readonly code: Code,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
