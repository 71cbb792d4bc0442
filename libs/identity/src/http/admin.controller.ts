import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiPageResponse, type Page, PageQuery, UuidParam } from '#core';
import type { Actor } from '../access/actor.js';
import { Allow, CurrentActor } from '../access/access.decorators.js';
import { Role } from '../access/role.js';
import { ApiKeysService } from '../application/api-keys.service.js';
import { AuditTrail } from '../application/audit-trail.js';
import {
  ApiKeyQuery,
  AuditQuery,
  CreateApiKeyDto,
  CreateUserDto,
  UpdateUserDto,
} from '../application/identity.dto.js';
import { UsersService } from '../application/users.service.js';
import {
  ApiKeyResponse,
  AuditEventResponse,
  CreatedApiKeyResponse,
  UserResponse,
} from './identity.responses.js';

/** Users, partner API keys and the audit trail: the admin's desk. */
@ApiTags('identity')
@Controller()
@Allow(Role.Admin)
export class AdminController {
  constructor(
    private readonly users: UsersService,
    private readonly apiKeys: ApiKeysService,
    private readonly audit: AuditTrail,
  ) {}

  @Get('users')
  @ApiPageResponse(UserResponse)
  async listUsers(@Query() query: PageQuery): Promise<Page<UserResponse>> {
    const page = await this.users.list(query);
    return { ...page, items: page.items.map(UserResponse.of) };
  }

  @Post('users')
  @ApiCreatedResponse({ type: UserResponse })
  @ApiErrorResponses(400, 409)
  async createUser(@Body() body: CreateUserDto): Promise<UserResponse> {
    return UserResponse.of(await this.users.create(body));
  }

  @Patch('users/:id')
  @ApiOkResponse({ type: UserResponse })
  @ApiErrorResponses(400, 404)
  async updateUser(@Param('id', UuidParam) id: string, @Body() body: UpdateUserDto): Promise<UserResponse> {
    return UserResponse.of(await this.users.update(id, body));
  }

  @Get('api-keys')
  @ApiPageResponse(ApiKeyResponse)
  async listKeys(@Query() query: ApiKeyQuery): Promise<Page<ApiKeyResponse>> {
    const page = await this.apiKeys.list(query);
    return { ...page, items: page.items.map(ApiKeyResponse.of) };
  }

  @Post('api-keys')
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  @ApiErrorResponses(400)
  async createKey(
    @Body() body: CreateApiKeyDto,
    @CurrentActor() actor: Actor,
  ): Promise<CreatedApiKeyResponse> {
    const { apiKey, key } = await this.apiKeys.create(body, actor.type === 'user' ? actor.id : null);
    return { ...ApiKeyResponse.of(apiKey), key };
  }

  @Post('api-keys/:id/revoke')
  @ApiOkResponse({ type: ApiKeyResponse })
  @ApiErrorResponses(400, 404)
  async revokeKey(@Param('id', UuidParam) id: string): Promise<ApiKeyResponse> {
    return ApiKeyResponse.of(await this.apiKeys.revoke(id));
  }

  @Get('audit-events')
  @ApiPageResponse(AuditEventResponse)
  @ApiErrorResponses(400)
  async searchAudit(@Query() query: AuditQuery): Promise<Page<AuditEventResponse>> {
    const page = await this.audit.search(query);
    return { ...page, items: page.items.map(AuditEventResponse.of) };
  }
}
