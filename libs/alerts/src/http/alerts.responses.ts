import { ApiProperty } from '@nestjs/swagger';
import type { AlertEvent } from '#contracts';
import { alertEvent } from '../application/alerts.service.js';
import { Alert } from '../domain/alert.entity.js';

export class AlertResponse implements AlertEvent {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'staffing.missing_report' }) kind: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) siteId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) partnerId: string | null;
  @ApiProperty({ description: 'what an operator should look at' }) message: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) details: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: string | null;

  static of(alert: Alert): AlertResponse {
    return { ...alertEvent(alert), details: alert.details };
  }
}
