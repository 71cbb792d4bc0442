import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { PartnerKind, PartnerView, SeatView, SiteStatus, SiteView } from '#contracts';
import { Partner } from '../domain/partner.entity.js';
import { Seat } from '../domain/seat.entity.js';
import { Site } from '../domain/site.entity.js';
import { PARTNER_KINDS, SITE_STATUSES } from '../domain/site-rules.js';

export class PartnerResponse implements PartnerView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: PARTNER_KINDS }) kind: PartnerKind;
  @ApiProperty({ format: 'date-time' }) createdAt: string;

  static of(partner: Partner): PartnerResponse {
    return {
      id: partner.id,
      name: partner.name,
      kind: partner.kind,
      createdAt: partner.createdAt.toISOString(),
    };
  }
}

export class SiteResponse implements SiteView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) partnerId: string;
  @ApiPropertyOptional() partnerName?: string;
  @ApiProperty() name: string;
  @ApiProperty() city: string;
  @ApiProperty({ example: 'MA' }) country: string;
  @ApiProperty({ example: 'Africa/Casablanca' }) timeZone: string;
  @ApiProperty() installedSeats: number;
  @ApiProperty({ enum: SITE_STATUSES }) status: SiteStatus;
  @ApiProperty({ type: String, nullable: true, example: '2010-05-03' }) openedOn: string | null;
  @ApiProperty({ description: 'in France (onshore) rather than offshore' }) onshore: boolean;

  static of(site: Site): SiteResponse {
    return {
      id: site.id,
      partnerId: site.partnerId,
      partnerName: site.partner?.name,
      name: site.name,
      city: site.city,
      country: site.country,
      timeZone: site.timeZone,
      installedSeats: site.installedSeats,
      status: site.status,
      openedOn: site.openedOn,
      onshore: site.onshore,
    };
  }
}

export class SeatResponse implements SeatView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty() label: string;
  @ApiProperty() active: boolean;

  static of(seat: Seat): SeatResponse {
    return { id: seat.id, siteId: seat.siteId, label: seat.label, active: seat.active };
  }
}
