import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { PageQuery } from '#core';
import type { Alert } from '../domain/alert.entity.js';

export const ALERT_STATUSES = ['open', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** `GET /alerts` filters. */
export class AlertQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ALERT_STATUSES, description: 'open or resolved; both when absent' })
  @IsOptional()
  @IsIn(ALERT_STATUSES)
  status?: AlertStatus;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({ example: 'staffing.missing_report' })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  kind?: string;
}

/** What a context asks for when it raises an alert. */
export interface RaiseAlert {
  /** e.g. 'staffing.missing_report', 'live.seats_below_target' */
  kind: string;
  siteId?: string | null;
  /** defaults to the partner of `siteId` */
  partnerId?: string | null;
  /** identifies "the same problem": raising the same (kind, dedupeKey) while open is a no-op */
  dedupeKey: string;
  message: string;
  details?: Record<string, unknown>;
}

export interface RaisedAlert {
  alert: Alert;
  /** true when this call opened it, false when it was already open */
  opened: boolean;
}
