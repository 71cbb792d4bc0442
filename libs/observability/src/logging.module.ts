import type { IncomingMessage } from 'node:http';
import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream, LogFn, Logger } from 'pino';
import type { Options } from 'pino-http';
import { AppConfig } from '#config';
import { requestIdOf } from './request-id.js';

/** Fields that may carry customers' personal data or credentials: never written to logs. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-wall-token"]',
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

/**
 * Logs written for a person on a terminal: one coloured line per entry, `[Context] message`, and
 * `GET /url 200 12ms` for requests. pino-pretty is a devDependency: where it is not installed
 * (an image built with `npm ci --omit=dev`) logs stay JSON.
 */
async function prettyStream(): Promise<DestinationStream | undefined> {
  try {
    const { default: pretty } = await import('pino-pretty');
    return pretty({
      colorize: true,
      sync: true,
      singleLine: true,
      translateTime: 'SYS:HH:MM:ss',
      ignore: 'pid,hostname,context,req,res,responseTime',
      messageFormat: (log, messageKey) => {
        const req = log.req as { method?: string; url?: string } | undefined;
        const res = log.res as { statusCode?: number } | undefined;
        if (req && res && typeof log.responseTime === 'number')
          return `${req.method} ${req.url} ${res.statusCode} ${log.responseTime}ms`;
        const context = typeof log.context === 'string' ? `[${log.context}] ` : '';
        return `${context}${String(log[messageKey] ?? '')}`;
      },
    });
  } catch {
    return undefined;
  }
}

function originalUrl(req: IncomingMessage): string {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
}

/** Nest's start-up detail (each module loaded, each route mapped): kept out of readable logs. */
const BOOT_DETAIL = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController']);

function withoutBootDetail(this: Logger, args: Parameters<LogFn>, method: LogFn, level: number): void {
  const [first] = args;
  const context = first && typeof first === 'object' ? (first as { context?: unknown }).context : undefined;
  if (level <= 30 && typeof context === 'string' && BOOT_DETAIL.has(context)) return;
  method.apply(this, args);
}

/**
 * Structured JSON logs (pino) with a request id taken from `x-request-id` or generated; readable
 * lines instead on a terminal (LOG_FORMAT=auto) or with LOG_FORMAT=pretty.
 */
@Module({})
export class LoggingModule {
  static forRoot(): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRootAsync({
          inject: [AppConfig],
          useFactory: async (config: AppConfig) => {
            const pinoHttp: Options = {
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
              // a middleware mounted on a route sees the url below its mount point: test the original
              autoLogging: { ignore: (req: IncomingMessage) => /^\/(health|metrics)/.test(originalUrl(req)) },
            };
            const stream = config.prettyLogs ? await prettyStream() : undefined;
            if (!stream) return { pinoHttp };
            pinoHttp.hooks = { logMethod: withoutBootDetail };
            return { pinoHttp: [pinoHttp, stream] };
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
