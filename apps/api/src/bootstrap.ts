import 'reflect-metadata';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import multipart from '@fastify/multipart';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig } from '#config';
import { createValidationPipe, InputGuardPipe, RequestErrorCode } from '#core';
import { DemoSeeder } from '#demo';
import { Metrics, requestIdOf } from '#observability';
import { ApiModule } from './api.module.js';
import { registerSecurityHeaders } from './content-security.js';
import { Draining } from './ops/draining.js';
import { answerRouterRefusal, MAX_PATH_PARAMETER_LENGTH } from './router-refusal.js';
import { serveWebApp } from './web-app.js';

export const API_PREFIX = 'api/v1';

/** Builds the api (not listening yet): used by main.ts and by the e2e tests. */
export async function createApi(config: AppConfig = loadConfig()): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    genReqId: requestIdOf,
    bodyLimit: 10 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PATH_PARAMETER_LENGTH },
    clientErrorHandler: answerClientError,
    frameworkErrors: answerRouterRefusal,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.with(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(Draining).install(app.getHttpAdapter().getInstance());
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/{*path}', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(new InputGuardPipe(), createValidationPipe());
  await registerSecurityHeaders(app);
  await app.register(multipart, { limits: { fileSize: 512 * 1024 * 1024, files: 1 } });
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true });
  recordHttpLatency(app);
  if (config.API_DOCS)
    SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApiConfig()), {
      jsonDocumentUrl: 'api/docs/openapi.json',
    });
  await serveWebApp(app, config);
  return app;
}

export function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('Plateau')
    .setDescription('Multi-site contact-centre operations: network, staffing, live seats, campaigns.')
    .setVersion('1')
    .addBearerAuth()
    .addApiKey({ type: 'apiKey', in: 'header', name: 'Authorization', description: 'ApiKey <key>' }, 'apiKey')
    .build();
}

function recordHttpLatency(app: NestFastifyApplication): void {
  const metrics = app.get(Metrics);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  // answered before its body was read (a refused upload, piped into a paused multipart parser):
  // read the rest and drop it, or the client's next request on this keep-alive connection waits
  // behind a body nobody reads
  fastify.addHook('onResponse', async (request) => {
    if (request.raw.complete) return;
    request.raw.unpipe();
    request.raw.resume();
  });
  fastify.addHook('onResponse', async (request, reply) => {
    metrics.httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}

const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, RequestErrorCode.HeadersTooLarge, 'The request line and headers exceed 16 KB.'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'The request took too long to arrive.'],
};

/**
 * Node's HTTP parser refuses a request before Fastify sees it (headers or URL too large, bad
 * syntax): answer with the usual error body, never Fastify's own or an echo of the request.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return void socket.destroy();
  const [status, code, message] = CLIENT_ERRORS[error.code ?? ''] ?? [
    400,
    'bad_request',
    'The request is not valid HTTP.',
  ];
  const body = JSON.stringify({ error: { code, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** First start on an empty database: seed the demo network. */
export async function seedDemoIfEmpty(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  if (!config.seedDemo) return;
  const seeder = app.get(DemoSeeder);
  if (await seeder.isEmpty()) await seeder.seed();
}
