import { createServer, type Server } from 'node:http';
import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig } from '#config';
import { BullMqJobQueue, JobQueue } from '#jobs';
import { ReadinessChecks } from '#platform';

/**
 * The worker's probes on WORKER_HEALTH_PORT (0 = none): `GET /health/live` answers 200 while the
 * process runs; `GET /health/ready` 200 while it takes jobs (database and Redis answer, its BullMQ
 * worker runs), 503 naming what is wrong otherwise, and from SIGTERM on (it is finishing its
 * running jobs). An orchestrator restarts on liveness and routes nothing on readiness (a worker
 * takes its work from Redis): compose polls readiness to show the worker's health.
 */
@Injectable()
export class WorkerHealth
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('WorkerHealth');
  private server?: Server;
  private stopping = false;

  constructor(
    private readonly config: AppConfig,
    private readonly readiness: ReadinessChecks,
    private readonly queue: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKER_HEALTH_PORT) return;
    this.server = createServer((request, response) => {
      const answer = (status: number, body: object) => {
        response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        response.end(JSON.stringify(body));
      };
      const path = request.url?.split('?')[0];
      if (request.method !== 'GET') return answer(405, error('method_not_allowed', 'GET only'));
      if (path === '/health/live') return answer(200, { status: 'ok' });
      if (path !== '/health/ready')
        return answer(404, error('not_found', 'GET /health/live or /health/ready'));
      void this.ready().then(
        ({ status, body }) => answer(status, body),
        (failure: Error) => answer(503, error('not_ready', failure.message)),
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.config.WORKER_HEALTH_PORT, this.config.host, resolve);
    });
    this.logger.log(
      `health probes on http://${this.config.host}:${this.config.WORKER_HEALTH_PORT}/health/{live,ready}`,
    );
  }

  private async ready(): Promise<{ status: number; body: object }> {
    const jobs = this.stopping
      ? 'stopping'
      : this.queue instanceof BullMqJobQueue
        ? this.queue.processing()
          ? 'ok'
          : 'not running'
        : 'ok';
    const readiness = await this.readiness.check({ jobs });
    return readiness.ready
      ? { status: 200, body: { status: 'ok', checks: readiness.checks } }
      : {
          status: 503,
          body: { ...error('not_ready', `not ready: ${readiness.problem}`, { checks: readiness.checks }) },
        };
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}

const error = (code: string, message: string, details?: object) => ({ error: { code, message, details } });
