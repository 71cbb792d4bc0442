import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiErrorResponses } from '#core';
import type { Actor } from '../access/actor.js';
import { Allow, CurrentActor, Public } from '../access/access.decorators.js';
import { ALL_ROLES } from '../access/role.js';
import { AuthService } from '../application/auth.service.js';
import { LoginDto } from '../application/identity.dto.js';
import { TokenResponse } from './identity.responses.js';

@ApiTags('identity')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Returns a short-lived JWT (JWT_TTL_SECONDS). Before it expires, POST /auth/refresh with it for a new one; after, sign in again.',
  })
  @ApiOkResponse({ type: TokenResponse })
  @ApiErrorResponses(400, 401, 429)
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<TokenResponse> {
    return this.auth.login(body.email, body.password, request.ip);
  }

  @Post('refresh')
  @Allow(...ALL_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange a still-valid user token for a fresh one' })
  @ApiOkResponse({ type: TokenResponse })
  @ApiErrorResponses(401)
  refresh(@CurrentActor() actor: Actor): Promise<TokenResponse> {
    return this.auth.refresh(actor.id);
  }

  @Get('me')
  @Allow(...ALL_ROLES)
  @ApiOperation({ summary: 'Who the credential belongs to' })
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }
}
