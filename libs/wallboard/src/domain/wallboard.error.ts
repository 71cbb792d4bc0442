import { DomainError, ErrorKind } from '#core';

export enum WallboardErrorCode {
  InvalidLayout = 'invalid_wall_layout',
  WallNotFound = 'wall_not_found',
  ShareNotFound = 'wall_share_not_found',
  ShareRevoked = 'wall_share_revoked',
  UsersOnly = 'wall_users_only',
}

/** Failures of the wallboard context: activity reads, walls and their share links. */
export class WallboardError extends DomainError<WallboardErrorCode> {
  private constructor(code: WallboardErrorCode, kind: ErrorKind, message: string, details?: unknown) {
    super(code, kind, message, details);
  }

  static invalidLayout(problems: string[]) {
    return new WallboardError(
      WallboardErrorCode.InvalidLayout,
      ErrorKind.Invalid,
      `The wall cannot be saved: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? '; …' : ''}. Nothing was saved.`,
      { problems },
    );
  }
  static wallNotFound() {
    return new WallboardError(
      WallboardErrorCode.WallNotFound,
      ErrorKind.NotFound,
      'You have no saved wall yet: save one (PUT /walls/mine) before sharing it.',
    );
  }
  static shareNotFound(id: string) {
    return new WallboardError(
      WallboardErrorCode.ShareNotFound,
      ErrorKind.NotFound,
      `Share link ${id} does not exist on your wall.`,
    );
  }
  static usersOnly() {
    return new WallboardError(
      WallboardErrorCode.UsersOnly,
      ErrorKind.Forbidden,
      'Walls belong to signed-in users: an API key has none.',
    );
  }
  /** an unknown, revoked or malformed wall token: the same answer, nothing told about which */
  static shareRevoked() {
    return new WallboardError(
      WallboardErrorCode.ShareRevoked,
      ErrorKind.Unauthenticated,
      'This wall link is not valid (revoked or unknown): ask its owner for a new one.',
    );
  }
}
