import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO31661Alpha2, IsOptional, IsUUID } from 'class-validator';
import type { SiteStatus } from '#contracts';
import { PageQuery } from '#core';
import { SITE_STATUSES } from '../domain/site-rules.js';

export class SiteQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({ example: 'MA' })
  @IsOptional()
  @IsISO31661Alpha2()
  country?: string;

  @ApiPropertyOptional({ enum: SITE_STATUSES })
  @IsOptional()
  @IsIn(SITE_STATUSES)
  status?: SiteStatus;
}
