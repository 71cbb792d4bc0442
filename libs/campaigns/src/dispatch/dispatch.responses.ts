import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type EmptyLeaseWhy,
  LAWFUL_BASES,
  LEASE_EMPTY_REASONS,
  type LawfulBasis,
  type LeasedContact,
  type LeaseView,
  type OutcomesResult,
} from '#contracts';

export class LeasedContactResponse implements LeasedContact {
  @ApiProperty({ format: 'uuid' }) contactId: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ example: '+33612345678' }) phone: string;
  @ApiProperty({ type: String, nullable: true }) firstName: string | null;
  @ApiProperty({ type: String, nullable: true }) lastName: string | null;
  @ApiProperty({ example: 'Europe/Paris' }) timeZone: string;
  @ApiProperty({
    format: 'date-time',
    description:
      'call before this moment: the end of the consumer’s current calling window (13:00 or 20:00 on their clock) or the lease’s end',
  })
  callBefore: string;
  @ApiProperty({ enum: LAWFUL_BASES }) lawfulBasis: LawfulBasis;
  @ApiProperty({ example: '+33162000001' }) callerNumber: string;
}

export class EmptyLeaseWhyResponse implements EmptyLeaseWhy {
  @ApiProperty({ description: 'running campaigns the site works that were looked at' }) campaigns: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: `contacts by the first thing keeping them from the lease (${LEASE_EMPTY_REASONS.join(', ')}); nothing_pending counts campaigns`,
    example: { outside_calling_hours: 120, max_attempts: 4 },
  })
  reasons: EmptyLeaseWhy['reasons'];
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'the earliest moment one of these contacts may lawfully be called: ask again then',
  })
  nextLawfulAt: string | null;
}

export class LeaseResponse implements LeaseView {
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'null when nothing may be called now',
  })
  id: string | null;
  @ApiProperty({ format: 'uuid' }) siteId: string;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'the asked time to live, cut at the earliest end of its consumers’ calling windows',
  })
  expiresAt: string | null;
  @ApiProperty({ type: [LeasedContactResponse] }) contacts: LeasedContactResponse[];
  @ApiPropertyOptional({ type: EmptyLeaseWhyResponse, description: 'only when no contact was leased' })
  why?: EmptyLeaseWhyResponse;
}

export class OutcomesResultResponse implements OutcomesResult {
  @ApiProperty({ format: 'uuid' }) batchId: string;
  @ApiProperty() recorded: number;
  @ApiProperty({ description: 'identical reports already recorded' }) duplicates: number;
  @ApiProperty({ description: 'contacts of the batch still unreported' }) remaining: number;
}
