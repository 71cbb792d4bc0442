import { Injectable } from '@nestjs/common';
import { Clock, EventBus } from '#core';
import type { JobContext } from '#jobs';
import { CampaignsOptions } from '../campaigns.options.js';
import type { ContactImport } from '../domain/contact-import.entity.js';
import { ContactsStore } from './contacts.store.js';
import { importProgressEvent } from './import-progress.js';

/**
 * The `campaigns.import` job: merges staged rows into the campaign's contacts, set-based, one
 * chunk of lines per transaction (`ContactsStore.mergeChunk`). The chunk's consumers and contacts
 * and the import's counters and resumption point commit together, so a worker killed mid-job
 * leaves either a whole chunk or nothing, and the retried job resumes after the last merged line: nothing lost, nothing twice.
 * A number already in the campaign (or twice in the file) is merged into the existing contact.
 */
@Injectable()
export class ImportMerger {
  constructor(
    private readonly store: ContactsStore,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly options: CampaignsOptions,
  ) {}

  async merge(importId: string, context?: Pick<JobContext, 'progress'>): Promise<ContactImport | null> {
    let job = await this.store.importById(importId);
    if (!job || job.status === 'completed' || job.status === 'failed') return job;
    if (job.status === 'queued') await this.store.startMerging(importId);
    for (;;) {
      const merged = await this.store.mergeChunk(importId, this.options.importChunk);
      job = (await this.store.importById(importId))!;
      if (!merged) break;
      this.events.publish('import.progress', importProgressEvent(job, this.clock.now()));
      await context?.progress({ processed: job.processed, rows: job.valid });
    }
    // fresh statistics before the import says it is done: a lease planned on the empty queue's would read it all
    await this.store.analyzeContacts();
    // staged rows live in an unlogged table: after a database crash they are gone, and the import fails
    const missing = job.valid - job.processed;
    await this.store.closeImport(
      importId,
      missing > 0
        ? {
            status: 'failed',
            at: this.clock.now(),
            error: `${missing} staged rows were lost (database restart): upload the file again.`,
          }
        : { status: 'completed', at: this.clock.now(), error: null },
      ['merging'],
    );
    job = (await this.store.importById(importId))!;
    this.events.publish('import.progress', importProgressEvent(job, this.clock.now()));
    return job;
  }
}
