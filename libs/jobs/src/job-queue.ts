import { Injectable, Logger } from '@nestjs/common';
import type { JobCatalog, JobName } from './job-catalog.js';

export interface EnqueueOptions {
  /** Deduplicates: a second job with the same id while the first exists is dropped. */
  jobId?: string;
  delayMs?: number;
  attempts?: number;
}

export interface JobContext {
  id: string;
  attempt: number;
  /**
   * When the job fell due: when it was enqueued plus its delay, or for a scheduled job the slot of
   * its schedule. The same on every attempt, so a job retried late (its worker was killed, another
   * one took it over after the lock expired) still knows which moment it was for.
   */
  dueAt: Date;
  /** Reports progress (0-100 or any JSON) where the driver keeps it. */
  progress(value: number | object): Promise<void>;
}

export type JobHandler<N extends JobName> = (payload: JobCatalog[N], context: JobContext) => Promise<unknown>;

/** Where a job with a given id stands: waiting or running, given up (with why), or unknown. */
export type JobState =
  { state: 'pending' } | { state: 'failed'; reason: string; attempts: number } | { state: 'gone' };

/** The port domain code enqueues through. Drivers: BullMQ (REDIS_URL) or inline (in-process). */
export abstract class JobQueue {
  abstract enqueue<N extends JobName>(
    name: N,
    payload: JobCatalog[N],
    options?: EnqueueOptions,
  ): Promise<string>;
  /** Runs `name` every `everyMs` (one schedule per name, across all processes). */
  abstract schedule<N extends JobName>(name: N, payload: JobCatalog[N], everyMs: number): Promise<void>;
  /** Whether the job `jobId` still waits or runs, failed for good, or is gone (finished, removed, lost). */
  abstract jobState(jobId: string): Promise<JobState>;
  /** Resolves when nothing is waiting or running (tests, graceful shutdown). */
  abstract drain(timeoutMs?: number): Promise<void>;
}

/**
 * Where handlers are registered, by job name. Contexts register in `onModuleInit`; the driver
 * that processes jobs (inline in the api, BullMQ worker in apps/worker) looks them up here.
 */
@Injectable()
export class JobHandlers {
  private readonly logger = new Logger(JobHandlers.name);
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`Job ${name} already has a handler`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  names(): JobName[] {
    return [...this.handlers.keys()];
  }

  async run(name: string, payload: unknown, context: JobContext): Promise<unknown> {
    const handler = this.handlers.get(name as JobName);
    if (!handler) throw new Error(`No handler for job ${name}`);
    const started = Date.now();
    const job = { job: name, id: context.id, attempt: context.attempt };
    this.logger.log(job, 'job started');
    try {
      const result = await handler(payload as JobCatalog[JobName], context);
      this.logger.log({ ...job, durationMs: Date.now() - started }, 'job finished');
      return result;
    } catch (error) {
      this.logger.warn({ ...job, durationMs: Date.now() - started, error: failureOf(error) }, 'job failed');
      throw error;
    }
  }
}

/**
 * A failed job's error as the jobs layer logs it: its name and code only. Its message may quote a
 * customer's number or a CSV cell (a PostgreSQL error quotes the offending value); the context that
 * threw logs what it may say.
 */
export function failureOf(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const { code } = error as { code?: unknown };
  return typeof code === 'string' || typeof code === 'number' ? `${error.name} ${code}` : error.name;
}
