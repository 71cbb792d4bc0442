import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
} from 'class-validator';
import { IsDateTime, Omittable, PageQuery } from '#core';
import { Role } from '../access/role.js';

const lower = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toLowerCase() : value;

export class LoginDto {
  @ApiProperty({ example: 'admin@plateau.demo' })
  @Transform(lower)
  @IsEmail()
  email: string;

  @ApiProperty({ example: 'plateau-admin-demo' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class CreateUserDto {
  @ApiProperty()
  @Transform(lower)
  @IsEmail()
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 120)
  displayName: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(10, 200)
  password: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'required for role partner, forbidden otherwise' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({ type: [String], description: 'supervisor only: the sites they watch (empty = all)' })
  @IsOptional()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  siteIds?: string[];
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @Omittable()
  @IsString()
  @Length(1, 120)
  displayName?: string;

  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @Omittable()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  siteIds?: string[];

  @ApiPropertyOptional({ minLength: 10 })
  @Omittable()
  @IsString()
  @Length(10, 200)
  password?: string;
}

export class CreateApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  partnerId: string;

  @ApiProperty({ example: 'Sittel dialer' })
  @IsString()
  @Length(1, 120)
  name: string;
}

export class ApiKeyQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ example: 'site' }) @IsOptional() @IsString() @MaxLength(60) entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() partnerId?: string;
  @ApiPropertyOptional({ example: 'POST /api/v1/sites' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  action?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateTime() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsDateTime() to?: string;
}
