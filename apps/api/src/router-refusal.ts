import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainExceptionFilter } from '#core';

/** The longest path parameter the router takes; a longer one is refused with 414 uri_too_long. */
export const MAX_PATH_PARAMETER_LENGTH = 100;

/** Answers what the router itself refuses (a malformed URL: 400; an over-long parameter: 414) with the error body. */
export function answerRouterRefusal(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = new DomainExceptionFilter().toResponse(error);
  void reply.status(status).send(body);
}

/**
 * The router's 414 for a path with a segment over the parameter limit, for a route that caught
 * the path before the router could refuse it (the web app's catch-all).
 */
export function overlongParameterRefusal(url: string): Error | undefined {
  const path = url.split('?', 1)[0] ?? '';
  if (!path.split('/').some((segment) => segment.length > MAX_PATH_PARAMETER_LENGTH)) return undefined;
  return Object.assign(new Error(`A path segment is longer than ${MAX_PATH_PARAMETER_LENGTH} characters.`), {
    code: 'FST_ERR_MAX_PARAM_LENGTH',
    statusCode: 414,
  });
}
