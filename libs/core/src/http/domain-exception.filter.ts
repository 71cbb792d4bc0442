import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { DomainError, ErrorKind } from '../errors/domain-error.js';
import { describeForLog } from '../errors/log-safe.js';
import { RequestErrorCode } from '../errors/request-error.js';
import { ErrorBody, HTTP_STATUS_BY_KIND } from './error-body.js';
import { RETRY_AFTER_SECONDS, unavailableDependency } from './unavailable.js';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: RequestErrorCode.RouteNotFound,
  405: RequestErrorCode.MethodNotAllowed,
  406: 'not_acceptable',
  409: 'conflict',
  413: RequestErrorCode.PayloadTooLarge,
  414: RequestErrorCode.UriTooLong,
  415: RequestErrorCode.UnsupportedMediaType,
  422: 'unprocessable',
  429: RequestErrorCode.TooManyRequests,
};

/** Fastify's own errors carry a code and a statusCode; translate the ones clients can cause. */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: RequestErrorCode.InvalidJson,
  FST_ERR_CTP_EMPTY_JSON_BODY: RequestErrorCode.InvalidJson,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: RequestErrorCode.UnsupportedMediaType,
  FST_ERR_CTP_BODY_TOO_LARGE: RequestErrorCode.PayloadTooLarge,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_content_length',
  FST_ERR_MAX_PARAM_LENGTH: RequestErrorCode.UriTooLong,
  FST_ERR_BAD_URL: 'bad_url',
};

/**
 * Maps every error to `{error: {code, message, details}}`. Domain errors by their kind,
 * Nest/Fastify client errors by status, anything else is a 500 whose cause is logged, not sent.
 */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = this.toResponse(exception);
    if (status === 503 && !(exception instanceof DomainError)) {
      this.logger.warn(describeForLog(exception), `${body.error.code}: answered 503`);
      void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    } else if (status >= 500) this.logger.error(describeForLog(exception), 'unhandled error');
    if (exception instanceof DomainError && exception.kind === ErrorKind.RateLimited) {
      const retryAfter = (exception.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
      if (retryAfter) void reply.header('retry-after', String(retryAfter));
    }
    void reply.status(status).send(body);
  }

  toResponse(exception: unknown): { status: number; body: ErrorBody } {
    if (exception instanceof DomainError) {
      return {
        status: HTTP_STATUS_BY_KIND[exception.kind],
        body: { error: { code: exception.code, message: exception.message, details: exception.details } },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const fastifyCode = (exception.cause as { code?: string } | undefined)?.code;
      const response = exception.getResponse();
      const message =
        typeof response === 'string'
          ? response
          : String((response as { message?: unknown }).message ?? exception.message);
      const code = (fastifyCode && FASTIFY_CODES[fastifyCode]) ?? CODE_BY_STATUS[status] ?? 'http_error';
      return { status, body: { error: { code, message } } };
    }
    const fastifyError = exception as { code?: string; statusCode?: number; message?: string };
    if (
      typeof fastifyError?.statusCode === 'number' &&
      fastifyError.statusCode >= 400 &&
      fastifyError.statusCode < 500
    ) {
      const code =
        (fastifyError.code && FASTIFY_CODES[fastifyError.code]) ??
        CODE_BY_STATUS[fastifyError.statusCode] ??
        'bad_request';
      return {
        status: fastifyError.statusCode,
        body: { error: { code, message: fastifyError.message ?? 'Bad request' } },
      };
    }
    const down = unavailableDependency(exception);
    if (down)
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: {
          error: {
            code: `${down}_unavailable`,
            message: `The ${down === 'redis' ? 'live-state store (Redis)' : 'database'} is not answering; retry in ${RETRY_AFTER_SECONDS} s.`,
          },
        },
      };
    return {
      status: HttpStatus.INTERNAL_SERVER_ERROR,
      body: {
        error: { code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' },
      },
    };
  }
}
