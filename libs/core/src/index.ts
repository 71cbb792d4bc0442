export * from './access/site-scope.js';
export * from './errors/index.js';
export * from './http/error-body.js';
export * from './http/domain-exception.filter.js';
export * from './http/validation.js';
export { findInputProblem, InputGuardPipe, isStorableText, MAX_INPUT_DEPTH } from './http/input-guard.js';
export { HasDecimalPlaces, IsDateTime, isDateTime, Omittable } from './http/validators.js';
export { multipartFile } from './http/multipart-file.js';
export { RETRY_AFTER_SECONDS, unavailableDependency } from './http/unavailable.js';
export * from './pagination/page.js';
export * from './time/clock.js';
export * from './openapi/api-page.decorator.js';
export * from './openapi/api-error-responses.decorator.js';
export * from './core.module.js';
export * from './events/event-bus.js';
export {
  CSV_HEAD_BYTES,
  type CsvDelimiter,
  type CsvHead,
  decodeCsv,
  headerDelimiter,
  readCsvHead,
} from './csv/csv-head.js';
