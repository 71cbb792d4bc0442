import type { ImportProgressEvent } from '#contracts';
import type { ContactImport } from '../domain/contact-import.entity.js';

export function importProgressEvent(job: ContactImport, at: Date): ImportProgressEvent {
  return {
    importId: job.id,
    campaignId: job.campaignId,
    status: job.status,
    rows: job.rows,
    processed: job.processed,
    created: job.created,
    merged: job.merged,
    rejected: job.rejected,
    at: at.toISOString(),
  };
}
