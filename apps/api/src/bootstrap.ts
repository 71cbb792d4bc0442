import 'reflect-metadata';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppConfig, loadConfig } from '#config';
import { createValidationPipe } from '#core';
import { DemoSeeder } from '#demo';
import { Metrics, requestIdOf } from '#observability';
import { ApiModule } from './api.module.js';
import { serveWebApp } from './web-app.js';

export const API_PREFIX = 'api/v1';

/** Builds the api (not listening yet): used by main.ts and by the e2e tests. */
export async function createApi(config: AppConfig = loadConfig()): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    genReqId: requestIdOf,
    bodyLimit: 10 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule.with(config), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/{*path}', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(createValidationPipe());
  await app.register(helmet, { contentSecurityPolicy: false });
  await app.register(multipart, { limits: { fileSize: 512 * 1024 * 1024, files: 1 } });
  app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, credentials: true });
  recordHttpLatency(app);
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

/** First start on an empty database: seed the demo network. */
export async function seedDemoIfEmpty(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  if (!config.SEED_DEMO) return;
  const seeder = app.get(DemoSeeder);
  if (await seeder.isEmpty()) await seeder.seed();
}
