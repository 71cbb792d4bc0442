import type { IncomingMessage } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '#config';
import { requestIdOf } from './request-id.js';

/** Fields that may carry customers' personal data or credentials: never written to logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  '*.phone',
  '*.phoneNumber',
  '*.phone_e164',
  '*.phoneE164',
  '*.firstName',
  '*.lastName',
  '*.password',
  '*.token',
  '*.accessToken',
];

/** Structured JSON logs (pino) with a request id taken from `x-request-id` or generated. */
@Module({})
export class LoggingModule {
  static forRoot(): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            pinoHttp: {
              level: config.LOG_LEVEL,
              redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
              genReqId: requestIdOf,
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  url: req.url?.split('?')[0],
                }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(req.url ?? '') },
            },
          }),
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
