import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '#core';
import { JobQueue } from '#jobs';
import { importJobId } from './contact-import.service.js';
import { ContactsStore } from './contacts.store.js';

/** An import younger than this may still be between its commit and its enqueue. */
export const RECOVERY_GRACE_MS = 30_000;

/**
 * Nothing acknowledged stays stuck: an import that is queued or merging while its merge job is
 * gone (the api stopped between commit and enqueue, Redis came back empty, the job was removed)
 * is enqueued again and resumes where it stopped (`merged_through`); one whose job used all its
 * attempts (a worker killed twice: "stalled more than allowable limit") fails with that reason in
 * `error`, and its staged rows are removed. Runs at start and every minute (`campaigns.recover-imports`).
 */
@Injectable()
export class ImportRecovery {
  private readonly logger = new Logger('ImportRecovery');

  constructor(
    private readonly store: ContactsStore,
    private readonly jobs: JobQueue,
    private readonly clock: Clock,
  ) {}

  async recover(graceMs = RECOVERY_GRACE_MS): Promise<{ resumed: number; failed: number }> {
    const unfinished = await this.store.unfinishedImports(new Date(this.clock.now().getTime() - graceMs));
    let resumed = 0;
    let failed = 0;
    for (const id of unfinished) {
      const job = await this.jobs.jobState(importJobId(id));
      if (job.state === 'pending') continue;
      if (job.state === 'gone') {
        await this.jobs.enqueue('campaigns.import', { importId: id }, { jobId: importJobId(id) });
        this.logger.warn({ importId: id }, 'import resumed: its merge job was gone');
        resumed++;
        continue;
      }
      const reason = `The merge job gave up after ${job.attempts} attempt(s) (${job.reason}); nothing more will be merged: upload the file again.`;
      await this.store.closeImport(id, { status: 'failed', at: this.clock.now(), error: reason }, [
        'queued',
        'merging',
      ]);
      this.logger.warn({ importId: id, attempts: job.attempts }, 'import failed: its merge job gave up');
      failed++;
    }
    return { resumed, failed };
  }
}
