import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, mergeMap, Observable } from 'rxjs';
import { Reflector } from '@nestjs/core';
import { AuthenticatedRequest, NOT_A_WRITE } from '../access/access.decorators.js';
import { AuditTrail } from '../application/audit-trail.js';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Writes an audit event for every successful write by an authenticated caller, before the
 * response leaves. Refused requests never reach here, so they leave no row.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly audit: AuditTrail,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    if (READS.has(request.method) || !request.actor) return next.handle();
    if (this.reflector.get<boolean>(NOT_A_WRITE, context.getHandler())) return next.handle();
    const actor = request.actor;
    return next.handle().pipe(
      mergeMap((result) =>
        from(
          (async () => {
            const reply = context.switchToHttp().getResponse<FastifyReply>();
            const route = request.routeOptions.url ?? request.url;
            const params = request.params as Record<string, string> | undefined;
            const resultId = (result as { id?: unknown } | null)?.id;
            await this.audit.record({
              actor,
              action: `${request.method} ${route}`,
              entity: entityOf(route),
              entityId: params?.id ?? (typeof resultId === 'string' ? resultId : null),
              status: reply.statusCode,
              ip: request.ip,
              requestId: String(request.id),
            });
            return result;
          })(),
        ),
      ),
    );
  }
}

/** `/api/v1/sites/:id/seats` → `sites.seats`; `/api/v1/partners` → `partners`. */
export function entityOf(route: string): string {
  const parts = route
    .replace(/^\/api\/v\d+\//, '')
    .split('/')
    .filter((part) => part && !part.startsWith(':'));
  return parts.join('.') || 'unknown';
}
