import { randomBytes } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigModule, loadConfig } from '#config';
import {
  BullMqJobQueue,
  type ContextJob,
  contextJob,
  ContextJobs,
  InlineJobQueue,
  JobHandlers,
  JobQueue,
  JobsModule,
} from '#jobs';
import { RedisModule } from '#redis';
import { redisUrl } from '../support/environment.js';

@Injectable()
class Echo implements OnModuleInit {
  readonly seen: string[] = [];
  failuresLeft = 0;
  constructor(private readonly handlers: JobHandlers) {}
  onModuleInit() {
    this.handlers.register('system.echo', async ({ value }) => {
      if (this.failuresLeft-- > 0) throw new Error('transient');
      this.seen.push(value);
    });
  }
}

/** A context's jobs declared the one way: a recurring job and a start hook. */
@Injectable()
class TickerJobs extends ContextJobs {
  readonly ticks: string[] = [];
  started = 0;
  protected jobs(): ContextJob[] {
    return [contextJob('system.echo', async ({ value }) => void this.ticks.push(value ?? 'tick'), 50)];
  }
  protected override async atStart(): Promise<void> {
    this.started++;
  }
}

async function jobsContext(env: Record<string, string>, processJobs: boolean) {
  const config = loadConfig({ ...env, JOBS_PREFIX: `t-${randomBytes(4).toString('hex')}` });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), RedisModule, JobsModule.forRoot({ processJobs })],
    providers: [Echo],
  }).compile();
  const app = await moduleRef.init();
  return { app, queue: app.get(JobQueue), echo: app.get(Echo) };
}

describe('jobs layer', () => {
  const opened: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((app) => app.close()));
  });

  it('inline driver runs handlers in-process, retries failures and dedupes by job id', async () => {
    const { app, queue, echo } = await jobsContext({}, true);
    opened.push(app);
    expect(queue).toBeInstanceOf(InlineJobQueue);
    echo.failuresLeft = 1;
    await queue.enqueue('system.echo', { value: 'a' });
    await queue.enqueue('system.echo', { value: 'b' }, { jobId: 'same' });
    await queue.enqueue('system.echo', { value: 'b-again' }, { jobId: 'same' });
    await queue.drain();
    expect(echo.seen.sort()).toEqual(['a', 'b']);
  });

  const redis = redisUrl();
  it.skipIf(!redis)('BullMQ driver: one process enqueues, another processes', async () => {
    const env = { REDIS_URL: redis! };
    const producer = await jobsContext(env, false);
    opened.push(producer.app);
    expect(producer.queue).toBeInstanceOf(BullMqJobQueue);
    // a consumer on the same queue prefix
    const config = loadConfig({
      ...env,
      JOBS_PREFIX: (producer.queue as unknown as { prefix: string }).prefix,
    });
    const consumerRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), RedisModule, JobsModule.forRoot({ processJobs: true })],
      providers: [Echo],
    }).compile();
    const consumer = await consumerRef.init();
    opened.push(consumer);
    consumer.get(Echo).failuresLeft = 1;
    await producer.queue.enqueue('system.echo', { value: 'x' });
    await producer.queue.enqueue('system.echo', { value: 'y' }, { jobId: 'dedupe' });
    await producer.queue.enqueue('system.echo', { value: 'y2' }, { jobId: 'dedupe' });
    const deadline = Date.now() + 15_000;
    while (consumer.get(Echo).seen.length < 2 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(consumer.get(Echo).seen.sort()).toEqual(['x', 'y']);
    expect(producer.echo.seen).toEqual([]);
  });

  it.skipIf(!redis)(
    'BullMQ driver closes the connections it handed to BullMQ (a closed process can exit)',
    async () => {
      const opened: Redis[] = [];
      const queue = new BullMqJobQueue(
        () => {
          const connection = new Redis(redis!, { maxRetriesPerRequest: null });
          opened.push(connection);
          return connection;
        },
        new JobHandlers(),
        `t-${randomBytes(4).toString('hex')}`,
      );
      queue.startWorker(1);
      await queue.enqueue('system.echo', { value: 'ping' });
      expect(opened).toHaveLength(2);
      await queue.onApplicationShutdown();
      // a quit connection ends once the server has closed the socket
      const ended = () => opened.every((connection) => connection.status === 'end');
      for (const deadline = Date.now() + 2000; !ended() && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(opened.map((connection) => connection.status)).toEqual(['end', 'end']);
    },
  );

  it('jobs declared by a context: handlers in every process, start hook and schedules only where jobs are processed', async () => {
    for (const processJobs of [true, false]) {
      const moduleRef = await Test.createTestingModule({
        imports: [ConfigModule.forRoot(loadConfig({})), RedisModule, JobsModule.forRoot({ processJobs })],
        providers: [TickerJobs],
      }).compile();
      const app = await moduleRef.init();
      opened.push(app);
      const ticker = app.get(TickerJobs);
      expect(app.get(JobHandlers).names()).toContain('system.echo');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(ticker.started, `processJobs=${processJobs}`).toBe(processJobs ? 1 : 0);
      if (processJobs) expect(ticker.ticks.length).toBeGreaterThan(0);
      else expect(ticker.ticks).toEqual([]);
    }
  });
});
