import { ErrorKind } from '../errors/domain-error.js';

/** The one error body Plateau answers with, on every route: its type is shared with the browser. */
export type { ErrorBody } from '#contracts';

export const HTTP_STATUS_BY_KIND: Record<ErrorKind, number> = {
  [ErrorKind.Invalid]: 400,
  [ErrorKind.Unauthenticated]: 401,
  [ErrorKind.Forbidden]: 403,
  [ErrorKind.NotFound]: 404,
  [ErrorKind.Conflict]: 409,
  [ErrorKind.Unprocessable]: 422,
  [ErrorKind.RateLimited]: 429,
  [ErrorKind.Unavailable]: 503,
};
