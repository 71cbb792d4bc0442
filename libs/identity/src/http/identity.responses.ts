import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from '../access/role.js';
import { ApiKey } from '../domain/api-key.entity.js';
import { AuditEvent } from '../domain/audit-event.entity.js';
import { User } from '../domain/user.entity.js';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ type: String, nullable: true }) partnerId: string | null;
  @ApiProperty({ type: [String] }) siteIds: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ type: String, nullable: true }) lastLoginAt: string | null;

  static of(user: User): UserResponse {
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      partnerId: user.partnerId,
      siteIds: user.siteIds,
      active: user.active,
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    };
  }
}

export class TokenResponse {
  @ApiProperty() accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'seconds' }) expiresIn: number;
  @ApiProperty({ type: Object }) user: {
    id: string;
    email: string;
    displayName: string;
    role: string;
    partnerId: string | null;
  };
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'first characters of the key, to recognise it' }) prefix: string;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) lastUsedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) revokedAt: string | null;

  static of(key: ApiKey): ApiKeyResponse {
    return {
      id: key.id,
      partnerId: key.partnerId,
      name: key.name,
      prefix: `plt_${key.prefix}`,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
    };
  }
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'the full key: shown once, store it now' }) key: string;
}

export class AuditEventResponse {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty() actorType: string;
  @ApiPropertyOptional({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty() actorLabel: string;
  @ApiPropertyOptional({ type: String, nullable: true }) role: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) partnerId: string | null;
  @ApiProperty() action: string;
  @ApiProperty() entity: string;
  @ApiPropertyOptional({ type: String, nullable: true }) entityId: string | null;
  @ApiProperty() status: number;
  @ApiPropertyOptional({ type: String, nullable: true }) ip: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) requestId: string | null;

  static of(event: AuditEvent): AuditEventResponse {
    return { ...event, id: String(event.id), at: event.at.toISOString() };
  }
}
