export { UNRESTRICTED, scopeAllowsSite, type SiteScope } from './access/site-scope.js';
export { DomainError, ErrorKind } from './errors/domain-error.js';
export { RequestError, RequestErrorCode } from './errors/request-error.js';
export { describeForLog, logSafeMessage, logSafeText } from './errors/log-safe.js';
export { DomainExceptionFilter } from './http/domain-exception.filter.js';
export {
  UuidParam,
  createValidationPipe,
  describeValidationErrors,
  validationFailed,
  type FieldProblem,
} from './http/validation.js';
export { findInputProblem, InputGuardPipe, isStorableText, MAX_INPUT_DEPTH } from './http/input-guard.js';
export { HasDecimalPlaces, IsDateTime, isDateTime, Omittable } from './http/validators.js';
export { multipartFile } from './http/multipart-file.js';
export { type SpoolOptions, SpooledUpload } from './http/spooled-upload.js';
export { RETRY_AFTER_SECONDS, unavailableDependency } from './http/unavailable.js';
export { MAX_PAGE_SIZE, PageQuery, pageOf, type Page } from './pagination/page.js';
export { Clock, FixedClock } from './time/clock.js';
export { ApiPageResponse } from './openapi/api-page.decorator.js';
export { ApiErrorResponses } from './openapi/api-error-responses.decorator.js';
export { CoreModule } from './core.module.js';
export { EventBus } from './events/event-bus.js';
export {
  CSV_HEAD_BYTES,
  type CsvDelimiter,
  type CsvHead,
  decodeCsv,
  headerDelimiter,
  readCsvHead,
} from './csv/csv-head.js';
export { type CsvNumber, parseCsvNumber } from './csv/csv-number.js';
