import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { JobCatalog, JobName } from './job-catalog.js';
import { EnqueueOptions, failureOf, JobHandlers, JobQueue, type JobState } from './job-queue.js';

/**
 * Embedded-mode driver: the same handlers, run in this process on the next tick, with
 * retries. Schedules are timers. Nothing survives a restart, which is why production uses BullMQ.
 */
@Injectable()
export class InlineJobQueue extends JobQueue implements OnApplicationShutdown {
  private readonly logger = new Logger('InlineJobs');
  private readonly running = new Set<Promise<void>>();
  private readonly pendingIds = new Set<string>();
  /** jobs that used all their attempts, with the last error (bounded) */
  private readonly failed = new Map<string, { reason: string; attempts: number }>();
  private readonly timers: NodeJS.Timeout[] = [];
  private stopped = false;

  constructor(private readonly handlers: JobHandlers) {
    super();
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobCatalog[N],
    options: EnqueueOptions = {},
  ): Promise<string> {
    const id = options.jobId ?? randomUUID();
    if (options.jobId && this.pendingIds.has(id)) return id;
    this.pendingIds.add(id);
    this.failed.delete(id);
    const dueAt = new Date(Date.now() + (options.delayMs ?? 0));
    const run = (async () => {
      if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs).unref());
      const attempts = options.attempts ?? 3;
      for (let attempt = 1; attempt <= attempts && !this.stopped; attempt++) {
        try {
          await this.handlers.run(name, payload, { id, attempt, dueAt, progress: async () => undefined });
          return;
        } catch (error) {
          this.logger.warn(`${name} #${id} attempt ${attempt}/${attempts} failed: ${failureOf(error)}`);
          if (attempt < attempts)
            await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt).unref());
          else if (options.jobId) {
            if (this.failed.size > 1000) this.failed.clear();
            this.failed.set(id, { reason: (error as Error).message, attempts });
          }
        }
      }
    })().finally(() => {
      this.pendingIds.delete(id);
      this.running.delete(run);
    });
    this.running.add(run);
    return id;
  }

  async schedule<N extends JobName>(name: N, payload: JobCatalog[N], everyMs: number): Promise<void> {
    const timer = setInterval(() => {
      if (!this.pendingIds.has(`schedule:${name}`))
        void this.enqueue(name, payload, { jobId: `schedule:${name}`, attempts: 1 });
    }, everyMs);
    timer.unref();
    this.timers.push(timer);
  }

  async jobState(jobId: string): Promise<JobState> {
    if (this.pendingIds.has(jobId)) return { state: 'pending' };
    const failed = this.failed.get(jobId);
    return failed ? { state: 'failed', ...failed } : { state: 'gone' };
  }

  async drain(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.running.size && Date.now() < deadline) await Promise.race([...this.running, sleep(50)]);
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach(clearInterval);
    await this.drain(10_000);
    this.stopped = true;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
