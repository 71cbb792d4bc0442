import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import type { SiteScope } from '#core';
import { Actor, scopeOf } from './actor.js';
import { Role } from './role.js';

export const ACCESS_RULE = 'plateau:access';

/** The access rule of a route: who may call it. Every route declares one (a test checks). */
export type AccessRule = { public: true } | { public: false; roles: readonly Role[] };

/** Route (or controller) callable by these roles only; a partner's scope is applied by the services. */
export const Allow = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ACCESS_RULE, { public: false, roles } satisfies AccessRule),
    ApiBearerAuth(),
    ApiSecurity('apiKey'),
  );

/** Route callable without credentials (health, login). */
export const Public = () => SetMetadata(ACCESS_RULE, { public: true } satisfies AccessRule);

export const NOT_A_WRITE = 'plateau:not-a-write';
/** A POST that only computes an answer (a what-if) and changes nothing: it leaves no audit event. */
export const NotAWrite = () => SetMetadata(NOT_A_WRITE, true);

export interface AuthenticatedRequest {
  actor?: Actor;
}

function actorOf(context: ExecutionContext): Actor {
  const request =
    context.getType() === 'ws'
      ? (context.switchToWs().getClient<{ data: AuthenticatedRequest }>().data ?? {})
      : context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.actor) throw new Error('No actor on the request: is the route missing an access rule?');
  return request.actor;
}

/** The authenticated caller. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor =>
  actorOf(context),
);

/** The sites the caller may see, for domain services to filter by. */
export const CallerScope = createParamDecorator((_: unknown, context: ExecutionContext): SiteScope =>
  scopeOf(actorOf(context)),
);
