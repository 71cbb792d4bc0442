import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import type { JobCatalog, JobName } from './job-catalog.js';
import { JobHandler, JobHandlers, JobQueue } from './job-queue.js';
import { PROCESS_JOBS } from './jobs.module.js';

/** One job of a context: its handler and, for a recurring job, how often it runs on its own. */
export type ContextJob = {
  [N in JobName]: {
    name: N;
    run: JobHandler<N>;
    /** Scheduled every `everyMs` (with an empty payload) where jobs are processed. */
    everyMs?: number;
  };
}[JobName];

/** Types one entry of a context's job list by its name. */
export function contextJob<N extends JobName>(name: N, run: JobHandler<N>, everyMs?: number): ContextJob {
  return { name, run, everyMs } as ContextJob;
}

/**
 * The one way a context declares its jobs (`<context>.jobs.ts`): handlers are registered in every
 * process, so any process can enqueue and the one that processes finds them; schedules start only
 * where jobs are processed (the embedded api, or the worker), never in the command line.
 */
@Injectable()
export abstract class ContextJobs implements OnModuleInit, OnApplicationBootstrap {
  @Inject(JobHandlers) private readonly handlers!: JobHandlers;
  @Inject(JobQueue) protected readonly queue!: JobQueue;
  @Inject(PROCESS_JOBS) private readonly processJobs!: boolean;

  /** The context's jobs. */
  protected abstract jobs(): ContextJob[];

  /** Runs where jobs are processed, before the schedules start (restoring state, resuming work). */
  protected async atStart(): Promise<void> {}

  onModuleInit(): void {
    for (const job of this.jobs()) this.handlers.register(job.name, job.run as JobHandler<typeof job.name>);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.processJobs) return;
    await this.atStart();
    for (const job of this.jobs())
      if (job.everyMs) await this.queue.schedule(job.name, {} as JobCatalog[JobName], job.everyMs);
  }
}
