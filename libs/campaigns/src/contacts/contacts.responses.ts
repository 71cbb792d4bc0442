import { ApiProperty } from '@nestjs/swagger';
import type { ImportRejection, ImportStatus, ImportView, OppositionListStatus } from '#contracts';
import type { ContactImport } from '../domain/contact-import.entity.js';

export class ImportRejectionResponse implements ImportRejection {
  @ApiProperty({ description: 'line of the CSV file (the header is line 1)' }) line: number;
  @ApiProperty({ example: 'lawful_basis_missing' }) reason: string;
}

export class ImportClocksResponse {
  @ApiProperty({ description: 'clock and holidays from the postcode/country columns' }) address: number;
  @ApiProperty({ description: 'from an overseas or a geographic number' }) number: number;
  @ApiProperty({ description: 'a mainland mobile without address: Paris' }) fallback: number;
}

export class ImportResponse implements ImportView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) campaignId: string;
  @ApiProperty({ enum: ['queued', 'merging', 'completed', 'failed'] }) status: ImportStatus;
  @ApiProperty() rows: number;
  @ApiProperty() valid: number;
  @ApiProperty() rejected: number;
  @ApiProperty() processed: number;
  @ApiProperty() created: number;
  @ApiProperty() merged: number;
  @ApiProperty() suppressed: number;
  @ApiProperty({
    type: ImportClocksResponse,
    description: 'valid rows by where the consumer’s clock came from',
  })
  clocks: ImportClocksResponse;
  @ApiProperty({ type: [ImportRejectionResponse], description: 'first rejected rows, by line' })
  rejections: ImportRejectionResponse[];
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finishedAt: string | null;

  static of(job: ContactImport, rejections: ImportRejection[]): ImportResponse {
    return {
      id: job.id,
      campaignId: job.campaignId,
      status: job.status,
      rows: job.rows,
      valid: job.valid,
      rejected: job.rejected,
      processed: job.processed,
      created: job.created,
      merged: job.merged,
      suppressed: job.suppressed,
      clocks: { address: job.clockFromAddress, number: job.clockFromNumber, fallback: job.clockFallback },
      rejections,
      error: job.error,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
    };
  }
}

export class SuppressionResultResponse {
  @ApiProperty() received: number;
  @ApiProperty({ description: 'numbers newly on the opposition list' }) added: number;
  @ApiProperty({ description: 'pending contacts withdrawn from every campaign' }) contactsSuppressed: number;
}

export class OppositionListStatusResponse implements OppositionListStatus {
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastRefreshAt: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'bloctel' }) source: string | null;
  @ApiProperty({ type: Number, nullable: true }) numbers: number | null;
  @ApiProperty({ type: Number, nullable: true }) added: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'whole days since the last refresh' })
  ageDays: number | null;
  @ApiProperty({ example: 30 }) maxAgeDays: number;
  @ApiProperty({ description: 'older than maxAgeDays, or never refreshed' }) stale: boolean;
}
