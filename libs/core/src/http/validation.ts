import { ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { RequestError, RequestErrorCode } from '../errors/request-error.js';

export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Flattens class-validator's nested errors into `field.path: [problems]`. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
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
