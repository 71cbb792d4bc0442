import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { IdentityError } from '../domain/identity.error.js';
import { ACCESS_RULE, AccessRule, AuthenticatedRequest } from './access.decorators.js';
import { Authenticator } from './authenticator.js';

/**
 * The one guard of every HTTP route: reads the route's declared access rule, authenticates
 * the caller and checks its role. A route without a rule is refused (and caught by a test).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) throw IdentityError.forbidden();
    if (rule.public) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    const actor = await this.authenticator.authenticate(request.headers.authorization, { ip: request.ip });
    if (!rule.roles.includes(actor.role)) throw IdentityError.forbidden();
    request.actor = actor;
    return true;
  }
}
