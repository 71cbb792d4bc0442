import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { type Job, Queue, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type JobCatalog, type JobName, QUEUE_NAME } from './job-catalog.js';
import { EnqueueOptions, failureOf, JobHandlers, JobQueue, type JobState } from './job-queue.js';

/** How often a process checks that Redis still holds the job schedules it registered. */
export const SCHEDULE_CHECK_MS = 15_000;

/**
 * When a BullMQ job fell due: the time it was added plus the delay it was added with. A schedule's
 * job is added with the delay up to its slot, so this is the slot. Neither changes when the job is
 * retried (a stalled job taken over by another worker, a failed one backing off).
 */
export function dueAtOf(job: Pick<Job, 'timestamp' | 'opts'>): Date {
  return new Date(job.timestamp + (job.opts.delay ?? 0));
}

/**
 * Production driver: jobs in Redis through BullMQ. Every process can enqueue; processes
 * started with `processJobs` (apps/worker) run a BullMQ Worker. A worker killed mid-job leaves
 * the job "stalled"; BullMQ hands it to another worker, so handlers must be idempotent.
 */
@Injectable()
export class BullMqJobQueue extends JobQueue implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('BullMQ');
  private readonly queue: Queue;
  private worker?: Worker;
  /** connections handed to BullMQ: it leaves a connection it was given open when it closes */
  private readonly connections: Redis[] = [];
  /** the schedules this process registered, to register again when Redis lost them */
  private readonly schedules = new Map<JobName, { payload: unknown; everyMs: number }>();
  private scheduleCheck?: NodeJS.Timeout;
  private readonly checkSchedules = () =>
    void this.restoreSchedules().catch((error: Error) => this.connectionError('schedules', error));

  constructor(
    private readonly connection: () => Redis,
    private readonly handlers: JobHandlers,
    private readonly prefix = 'plateau',
  ) {
    super();
    const queueConnection = this.connect();
    // a Redis that comes back (perhaps empty, restarted without persistence): schedules checked at once
    queueConnection.on('ready', this.checkSchedules);
    this.queue = new Queue(QUEUE_NAME, {
      connection: queueConnection,
      prefix,
      defaultJobOptions: {
        attempts: 5,
        backoff: { type: 'exponential', delay: 500 },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 },
      },
    });
    this.queue.on('error', (error) => this.connectionError('queue', error));
  }

  private lastConnectionError = 0;

  /** BullMQ prints an unlistened 'error' with console.error: log it once per 10 s instead. */
  private connectionError(source: string, error: Error): void {
    if (Date.now() - this.lastConnectionError < 10_000) return;
    this.lastConnectionError = Date.now();
    this.logger.warn(
      { source, error: { name: error.name, message: error.message } },
      'BullMQ connection error',
    );
  }

  /** Starts processing in this process. */
  startWorker(concurrency = 4): Worker {
    this.worker ??= new Worker(
      QUEUE_NAME,
      (job) =>
        this.handlers.run(job.name, job.data, {
          id: job.id ?? '?',
          attempt: job.attemptsMade + 1,
          dueAt: dueAtOf(job),
          progress: (value) => job.updateProgress(value),
        }),
      {
        connection: this.connect(),
        prefix: this.prefix,
        concurrency,
        lockDuration: 30_000,
        stalledInterval: 5_000,
      },
    );
    this.worker.on('error', (error) => this.connectionError('worker', error));
    this.worker.on('failed', (job, error) =>
      this.logger.warn(`${job?.name} #${job?.id} failed (attempt ${job?.attemptsMade}): ${failureOf(error)}`),
    );
    return this.worker;
  }

  /** Whether this process's BullMQ worker is taking jobs (readiness of apps/worker). */
  processing(): boolean {
    return Boolean(this.worker?.isRunning()) && !this.worker?.closing;
  }

  async enqueue<N extends JobName>(
    name: N,
    payload: JobCatalog[N],
    options: EnqueueOptions = {},
  ): Promise<string> {
    const job = await this.queue.add(name, payload, {
      jobId: options.jobId,
      delay: options.delayMs,
      ...(options.attempts ? { attempts: options.attempts } : {}),
    });
    return job.id!;
  }

  async schedule<N extends JobName>(name: N, payload: JobCatalog[N], everyMs: number): Promise<void> {
    this.schedules.set(name, { payload, everyMs });
    this.scheduleCheck ??= setInterval(this.checkSchedules, SCHEDULE_CHECK_MS).unref();
    await this.queue.upsertJobScheduler(name, { every: everyMs }, { name, data: payload });
  }

  /**
   * Registers again the schedules of this process that Redis no longer holds (a Redis restarted
   * without persistence loses every job scheduler); runs when the connection comes back and every
   * 15 s. Returns how many were missing.
   */
  async restoreSchedules(): Promise<number> {
    let restored = 0;
    for (const [name, { payload, everyMs }] of this.schedules)
      if (!(await this.queue.getJobScheduler(name))) {
        await this.queue.upsertJobScheduler(name, { every: everyMs }, { name, data: payload });
        restored++;
      }
    if (restored) this.logger.log({ restored }, 'job schedules registered again (Redis had lost them)');
    return restored;
  }

  async jobState(jobId: string): Promise<JobState> {
    const job = await this.queue.getJob(jobId);
    if (!job) return { state: 'gone' };
    const state = await job.getState();
    if (state === 'failed')
      return { state: 'failed', reason: job.failedReason || 'unknown', attempts: job.attemptsMade };
    if (state === 'completed' || state === 'unknown') return { state: 'gone' };
    return { state: 'pending' };
  }

  async drain(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
      if (!counts.waiting && !counts.active && !counts.prioritized) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  get bullQueue(): Queue {
    return this.queue;
  }

  /**
   * SIGTERM: stop taking jobs and let the running ones finish while the database and Redis are
   * still open (Nest closes them in onApplicationShutdown), so a rolling restart burns no attempt.
   */
  async beforeApplicationShutdown(signal?: string): Promise<void> {
    if (!this.worker) return;
    this.logger.log(`${signal ?? 'shutdown'}: no new jobs; waiting for the running ones to finish`);
    await this.worker.close();
    this.logger.log('worker closed');
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.scheduleCheck);
    this.connections.forEach((connection) => connection.off('ready', this.checkSchedules));
    await this.worker?.close();
    await this.queue.close();
    await Promise.allSettled(this.connections.map((connection) => connection.quit()));
  }

  private connect(): Redis {
    const connection = this.connection();
    this.connections.push(connection);
    return connection;
  }
}
