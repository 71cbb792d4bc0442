import { isIP } from 'node:net';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  Validate,
  validateSync,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase())
      ? true
      : ['0', 'false', 'no', 'off'].includes(String(value).toLowerCase())
        ? false
        : value;
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : /^-?\d+$/.test(String(value)) ? Number(value) : value;
const listOf = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** An address, a CIDR block (`10.0.0.0/8`, `fd00::/8`) or one of proxy-addr's names. */
export function isProxyEntry(entry: string): boolean {
  if (PROXY_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

@ValidatorConstraint({ name: 'proxyList' })
class ProxyListConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && listOf(value).every(isProxyEntry);
  }
  defaultMessage(): string {
    return `must list addresses or CIDR blocks (or ${PROXY_NAMES.join(', ')}), comma-separated`;
  }
}

const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable Plateau reads, validated once at boot. `.env.example` documents
 * each one; a wrong value stops the process with a message naming the variable.
 */
export class AppConfig {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** PostgreSQL server; unset = an embedded PostgreSQL server this process starts, data in DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL?: string = undefined;

  /** Where embedded mode keeps its database; `memory://` is a throwaway one in a temporary directory (tests). */
  @IsString()
  DATA_DIR = './data';

  /** Redis server; unset = in-process jobs, in-memory live state and socket adapter. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL?: string = undefined;

  /** Prefix of every key Plateau keeps in Redis besides the job queue (rate limits, live state). */
  @IsString()
  REDIS_PREFIX = 'plateau';

  /** Key prefix of the BullMQ queue in Redis (lets several test runs share one server). */
  @IsString()
  JOBS_PREFIX = 'plateau';

  /** With REDIS_URL, also process jobs in the api process (default: only apps/worker does). */
  @Transform(toBoolean)
  @IsBoolean()
  PROCESS_JOBS_IN_API = false;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** `auto`: readable logs and a start banner on a terminal, JSON lines otherwise; `json` or `pretty` forces one. */
  @IsIn(['auto', 'json', 'pretty'])
  LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';

  @Transform(toBoolean)
  @IsBoolean()
  RUN_MIGRATIONS = true;

  /** Seed the demo network when the database is empty. */
  @Transform(toBoolean)
  @IsBoolean()
  SEED_DEMO = true;

  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET = 'plateau-embedded-development-secret-change-me';

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86_400)
  JWT_TTL_SECONDS = 900;

  /** Comma-separated origins allowed by CORS; empty = same origin only. */
  @IsString()
  CORS_ORIGINS = '';

  /**
   * Reverse proxies whose X-Forwarded-For is believed: comma-separated addresses or CIDRs (or
   * `loopback`, `linklocal`, `uniquelocal`). Empty = none: the client address is the socket's.
   */
  @Validate(ProxyListConstraint)
  TRUST_PROXY = '';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_MINUTE = 10;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  API_KEY_RATE_LIMIT_PER_MINUTE = 6000;

  /** The built web app (`npm run build:web`) the api serves at `/`; empty = dist/web of the project. */
  @IsString()
  WEB_DIR = '';

  /** Whether logs are written for a person (pino-pretty) rather than as JSON lines. */
  get prettyLogs(): boolean {
    return this.LOG_FORMAT === 'pretty' || (this.LOG_FORMAT === 'auto' && process.stdout.isTTY === true);
  }

  get embedded(): boolean {
    return !this.DATABASE_URL;
  }

  get trustedProxies(): string[] {
    return listOf(this.TRUST_PROXY);
  }

  get corsOrigins(): string[] {
    return listOf(this.CORS_ORIGINS);
  }
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const input = Object.fromEntries(Object.entries(env).filter(([key]) => known.includes(key)));
  const config = plainToInstance(AppConfig, input, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length) {
    const lines = errors.map(
      (error) =>
        `  ${error.property}=${JSON.stringify(env[error.property])}: ${Object.values(error.constraints ?? {}).join('; ')}`,
    );
    throw new ConfigError(`Invalid environment configuration:\n${lines.join('\n')}`);
  }
  if (config.NODE_ENV === 'production' && config.JWT_SECRET === new AppConfig().JWT_SECRET) {
    throw new ConfigError('Invalid environment configuration:\n  JWT_SECRET: must be set in production');
  }
  return config;
}
