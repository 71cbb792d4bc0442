import { DomainError, ErrorKind } from '#core';

export enum AlertsErrorCode {
  AlertNotFound = 'alert_not_found',
}

/** Failures of the alerts context. */
export class AlertsError extends DomainError<AlertsErrorCode> {
  private constructor(code: AlertsErrorCode, kind: ErrorKind, message: string, details?: unknown) {
    super(code, kind, message, details);
  }

  static alertNotFound(id: string) {
    return new AlertsError(AlertsErrorCode.AlertNotFound, ErrorKind.NotFound, `Alert ${id} does not exist.`);
  }
}
