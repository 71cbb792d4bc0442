import { ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { RequestError, RequestErrorCode } from '../errors/request-error.js';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * class-validator's default messages ("name must be longer than or equal to 1 characters") as
 * plain sentences; a message of our own passes as it is.
 */
const PLAIN: Array<[RegExp, (...parts: string[]) => string]> = [
  [/^(.+) must be longer than or equal to 1 characters?$/, (f) => `${f} must not be empty`],
  [
    /^(.+) must be longer than or equal to (\d+) characters$/,
    (f, n) => `${f} must be at least ${n} characters long`,
  ],
  [
    /^(.+) must be shorter than or equal to (\d+) characters$/,
    (f, n) => `${f} must be at most ${n} characters long`,
  ],
  [/^(.+) should not be empty$/, (f) => `${f} must not be empty`],
  [/^(.+) must not be less than (\S+)$/, (f, n) => `${f} must be ${n} or more`],
  [/^(.+) must not be greater than (\S+)$/, (f, n) => `${f} must be ${n} or less`],
  [/^(.+) must be an integer number$/, (f) => `${f} must be a whole number`],
  [/^(.+) must be a number conforming to the specified constraints$/, (f) => `${f} must be a number`],
  [/^(.+) must be one of the following values: (.*)$/, (f, values) => `${f} must be one of ${values}`],
  [/^(.+) must be a string$/, (f) => `${f} must be text`],
  [/^(.+) must be a boolean value$/, (f) => `${f} must be true or false`],
  [/^(.+) must be an array$/, (f) => `${f} must be a list`],
  [
    /^(.+) must contain at least (\d+) elements$/,
    (f, n) => `${f} must hold at least ${n} item${n === '1' ? '' : 's'}`,
  ],
  [/^(.+) must contain no more than (\d+) elements$/, (f, n) => `${f} must hold at most ${n} items`],
  [/^(.+) must be a valid ISO 8601 date string$/, (f) => `${f} must be a date such as 2026-11-20`],
  [/^(.+) must be an email$/, (f) => `${f} must be an email address such as name@example.com`],
  [/^nested property (.+) must be either object or array$/, (f) => `${f} must be an object`],
];

/** One class-validator message in plain words. */
export function plainProblem(message: string): string {
  for (const [pattern, plain] of PLAIN) {
    const match = pattern.exec(message);
    if (match) return plain(...match.slice(1));
  }
  return message;
}

/** Flattens class-validator's nested errors into `field.path: [problems]`, in plain sentences. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints
      ? [{ field, problems: Object.values(error.constraints).map(plainProblem) }]
      : [];
    return [...own, ...describeValidationErrors(error.children ?? [], field)];
  });
}

export function validationFailed(problems: FieldProblem[]): RequestError {
  const summary = problems.map((p) => `${p.field}: ${p.problems.join(', ')}`).join('; ');
  return RequestError.invalid(RequestErrorCode.ValidationFailed, `Invalid input. ${summary}`, problems);
}

/** Whitelisting pipe: unknown fields are refused, types are converted, errors are described per field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => validationFailed(describeValidationErrors(errors)),
  });
}

/** `@Param('id', UuidParam)`: a malformed id is a 400 naming the parameter, not a database error. */
export const UuidParam = new ParseUUIDPipe({
  exceptionFactory: (message) => RequestError.invalid(RequestErrorCode.InvalidId, message),
});
