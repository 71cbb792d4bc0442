import { DomainError, ErrorKind } from '#core';

export enum PlanningErrorCode {
  QueueNotFound = 'queue_not_found',
  QueueNameTaken = 'queue_name_taken',
  SiteNotFound = 'site_not_found',
  InvalidSplit = 'invalid_split',
  InvalidTarget = 'invalid_target',
  InvalidVolumes = 'invalid_volumes',
  InvalidWhatIf = 'invalid_what_if',
  InvalidMonth = 'invalid_month',
  NoDemand = 'no_demand',
}

export interface VolumeProblem {
  /** CSV line (the header is line 1) or index in `intervals` */
  line: number;
  message: string;
}

/** Failures of the planning context: queues, volumes, targets, what-if and plan suggestions. */
export class PlanningError extends DomainError<PlanningErrorCode> {
  private constructor(code: PlanningErrorCode, kind: ErrorKind, message: string, details?: unknown) {
    super(code, kind, message, details);
  }

  static queueNotFound(id: string) {
    return new PlanningError(
      PlanningErrorCode.QueueNotFound,
      ErrorKind.NotFound,
      `Queue ${id} does not exist.`,
    );
  }
  static queueNameTaken(name: string) {
    return new PlanningError(
      PlanningErrorCode.QueueNameTaken,
      ErrorKind.Conflict,
      `A queue named "${name}" already exists.`,
      { field: 'name' },
    );
  }
  static siteNotFound(id: string) {
    return new PlanningError(
      PlanningErrorCode.SiteNotFound,
      ErrorKind.NotFound,
      `Site ${id} does not exist.`,
      {
        siteId: id,
      },
    );
  }
  static invalidSplit(message: string) {
    return new PlanningError(PlanningErrorCode.InvalidSplit, ErrorKind.Invalid, message, { field: 'sites' });
  }
  static invalidTarget(message: string) {
    return new PlanningError(PlanningErrorCode.InvalidTarget, ErrorKind.Invalid, message, {
      field: 'target',
    });
  }
  static invalidVolumes(problems: VolumeProblem[], total: number) {
    const first = problems[0];
    return new PlanningError(
      PlanningErrorCode.InvalidVolumes,
      ErrorKind.Invalid,
      `${total} problem(s) in the volumes; nothing was stored. First: line ${first.line}: ${first.message}.`,
      { total, problems: problems.slice(0, 100) },
    );
  }
  static invalidWhatIf(message: string, field: string) {
    return new PlanningError(PlanningErrorCode.InvalidWhatIf, ErrorKind.Invalid, message, { field });
  }
  static invalidMonth(month: string) {
    return new PlanningError(
      PlanningErrorCode.InvalidMonth,
      ErrorKind.Invalid,
      `"${month}" is not a month: write it YYYY-MM.`,
      { field: 'month' },
    );
  }
  static noDemand(siteId: string, month: string) {
    return new PlanningError(
      PlanningErrorCode.NoDemand,
      ErrorKind.Conflict,
      `Site ${siteId} answers no queue with volumes in ${month}: there is nothing to suggest; send a headcount.`,
      { field: 'headcount' },
    );
  }
}
