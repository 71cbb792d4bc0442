import { randomBytes } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
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

/** A matcher for addresses against such a list (IPv4-mapped IPv6 addresses match their IPv4 form). */
export function addressMatcher(entries: readonly string[]): (address: string | undefined) => boolean {
  const list = new BlockList();
  for (const entry of entries) {
    const named = NAMED_BLOCKS[entry];
    for (const block of named ?? [entry]) {
      const [address, prefix] = block.split('/');
      const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      if (prefix === undefined) list.addAddress(address, type);
      else list.addSubnet(address, Number(prefix), type);
    }
  }
  return (address) => {
    if (!address) return false;
    const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
    const type = isIP(plain) === 6 ? 'ipv6' : isIP(plain) === 4 ? 'ipv4' : undefined;
    return type !== undefined && list.check(plain, type);
  };
}

const NAMED_BLOCKS: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};

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

  /**
   * Bind address; unset = 127.0.0.1 in embedded mode (a single-machine trial whose demo accounts
   * have published passwords stays off the network) and 0.0.0.0 with DATABASE_URL (containers).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  HOST?: string = undefined;

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

  /** Port of apps/worker's health probes (GET /health/live, /health/ready), on HOST; 0 = none. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

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

  /** Seed the demo network (users with published passwords) when the database is empty; unset = embedded mode only. */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  SEED_DEMO?: boolean = undefined;

  /**
   * HS256 secret of access tokens. Required with DATABASE_URL or NODE_ENV=production; unset in
   * embedded mode = a random one generated once per DATA_DIR (`DATA_DIR/jwt-secret`, mode 0600).
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string = undefined;

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

  /** `GET /metrics` answers a scrape bearing `Authorization: Bearer <METRICS_TOKEN>`… */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string = undefined;

  /** …or coming from these addresses/CIDRs (comma-separated; empty = none, token only). */
  @Validate(ProxyListConstraint)
  METRICS_ALLOW = 'loopback';

  /** Serve the OpenAPI UI and document at /api/docs. */
  @Transform(toBoolean)
  @IsBoolean()
  API_DOCS = true;

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

  get host(): string {
    return this.HOST ?? (this.embedded ? '127.0.0.1' : '0.0.0.0');
  }

  get seedDemo(): boolean {
    return this.SEED_DEMO ?? this.embedded;
  }

  get trustedProxies(): string[] {
    return listOf(this.TRUST_PROXY);
  }

  get metricsAllow(): string[] {
    return listOf(this.METRICS_ALLOW);
  }

  get corsOrigins(): string[] {
    return listOf(this.CORS_ORIGINS);
  }
}

export class ConfigError extends Error {}

/** Secrets that were ever shipped in the repository: refused wherever they appear. */
const PUBLISHED_SECRETS = ['plateau-embedded-development-secret-change-me'];
const GENERATE_SECRET = 'set your own, at least 32 characters, e.g. JWT_SECRET=$(openssl rand -base64 48)';

export interface LoadConfigOptions {
  /**
   * False for a process that signs and checks no access token (the command line: migrate, seed,
   * create-user). It then needs no JWT_SECRET: without one it gets a throwaway key of its own, and
   * writes no key file.
   */
  issuesTokens?: boolean;
}

/** Reads and validates the environment; throws a ConfigError naming each bad variable. */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  { issuesTokens = true }: LoadConfigOptions = {},
): AppConfig {
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
  if (config.JWT_SECRET && PUBLISHED_SECRETS.includes(config.JWT_SECRET))
    throw new ConfigError(
      `Invalid environment configuration:\n  JWT_SECRET: this value is published (it was Plateau's development default): anyone could sign tokens with it. ${GENERATE_SECRET}`,
    );
  if (!config.JWT_SECRET && !issuesTokens) config.JWT_SECRET = randomBytes(48).toString('base64url');
  if (!config.JWT_SECRET && (!config.embedded || config.NODE_ENV === 'production'))
    throw new ConfigError(
      `Invalid environment configuration:\n  JWT_SECRET: required ${config.embedded ? 'with NODE_ENV=production' : 'when DATABASE_URL is set (production)'}; ${GENERATE_SECRET}`,
    );
  return config;
}
