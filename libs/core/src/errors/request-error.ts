import { DomainError, ErrorKind } from './domain-error.js';

/** Codes for failures that belong to the request itself rather than to a bounded context. */
export enum RequestErrorCode {
  ValidationFailed = 'validation_failed',
  InvalidId = 'invalid_id',
  InvalidJson = 'invalid_json',
  UnsupportedMediaType = 'unsupported_media_type',
  PayloadTooLarge = 'payload_too_large',
  RouteNotFound = 'route_not_found',
  MethodNotAllowed = 'method_not_allowed',
  TooManyRequests = 'too_many_requests',
  IdempotencyConflict = 'idempotency_conflict',
  NestingTooDeep = 'nesting_too_deep',
  InvalidText = 'invalid_text',
  UnexpectedFormField = 'unexpected_form_field',
  UriTooLong = 'uri_too_long',
  HeadersTooLarge = 'headers_too_large',
}

export class RequestError extends DomainError<RequestErrorCode> {
  constructor(code: RequestErrorCode, kind: ErrorKind, message: string, details?: unknown) {
    super(code, kind, message, details);
  }

  static invalid(code: RequestErrorCode, message: string, details?: unknown): RequestError {
    return new RequestError(code, ErrorKind.Invalid, message, details);
  }
}
