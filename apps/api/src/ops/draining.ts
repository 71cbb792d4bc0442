import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { RETRY_AFTER_SECONDS } from '#core';

/** Health probes keep answering while the process stops: readiness says it is going. */
const STILL_ANSWERED = /^\/health(\/|$|\?)/;

/**
 * From the stop signal (SIGTERM, SIGINT) or the start of the app's shutdown on, a new request is
 * refused with 503 `shutting_down` and Retry-After, on a connection that closes: a load balancer
 * or client retries it on another node. Requests already in flight (an upload being received)
 * finish or are cut as the server closes; nothing new starts on a process that is leaving.
 */
@Injectable()
export class Draining implements OnModuleDestroy {
  private stopping = false;

  get active(): boolean {
    return this.stopping;
  }

  start(): void {
    this.stopping = true;
  }

  onModuleDestroy(): void {
    this.start();
  }

  /** Installs the refusal on the api's Fastify instance. */
  install(fastify: FastifyInstance): void {
    fastify.addHook('onRequest', async (request, reply) => {
      if (!this.stopping || STILL_ANSWERED.test(request.url)) return;
      return reply
        .status(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .header('connection', 'close')
        .send({ error: { code: 'shutting_down', message: 'This server is stopping; retry in a moment.' } });
    });
  }
}
