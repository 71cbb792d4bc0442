import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '#config';
import { RedisConnection } from '#redis';
import { BullMqJobQueue } from './bullmq-job-queue.js';
import { InlineJobQueue } from './inline-job-queue.js';
import { JobHandlers, JobQueue } from './job-queue.js';

export const PROCESS_JOBS = Symbol('PROCESS_JOBS');

export interface JobsOptions {
  /**
   * Whether this process runs job handlers. Embedded mode always does (inline driver);
   * with REDIS_URL only processes that ask (apps/worker, or an api started with
   * PROCESS_JOBS_IN_API) run a BullMQ worker.
   */
  processJobs: boolean;
}

@Injectable()
class JobsStarter implements OnApplicationBootstrap {
  constructor(
    private readonly queue: JobQueue,
    @Inject(PROCESS_JOBS) private readonly processJobs: boolean,
  ) {}

  onApplicationBootstrap(): void {
    if (this.processJobs && this.queue instanceof BullMqJobQueue) this.queue.startWorker();
  }
}

/** JobQueue for domain code: BullMQ when REDIS_URL is set, inline otherwise. */
@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsOptions): DynamicModule {
    return {
      module: JobsModule,
      imports: [],
      providers: [
        JobHandlers,
        { provide: PROCESS_JOBS, useValue: options.processJobs },
        {
          provide: JobQueue,
          inject: [AppConfig, RedisConnection, JobHandlers],
          useFactory: (config: AppConfig, redis: RedisConnection, handlers: JobHandlers) =>
            config.REDIS_URL
              ? new BullMqJobQueue(
                  () => redis.duplicate({ maxRetriesPerRequest: null }),
                  handlers,
                  config.JOBS_PREFIX,
                )
              : new InlineJobQueue(handlers),
        },
        JobsStarter,
      ],
      exports: [JobQueue, JobHandlers, PROCESS_JOBS],
    };
  }
}
