import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#config';

describe('environment configuration', () => {
  it('defaults to embedded mode with sane values', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: './data', RUN_MIGRATIONS: true });
    expect(config.embedded).toBe(true);
    expect(config.seedDemo).toBe(true);
    expect(config.host).toBe('127.0.0.1');
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('reads and converts values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@db:5432/plateau',
      REDIS_URL: 'redis://cache:6379',
      SEED_DEMO: 'false',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      JWT_SECRET: 'an-operator-chosen-secret-of-enough-length',
    });
    expect(config).toMatchObject({ PORT: 8080, SEED_DEMO: false });
    expect(config.embedded).toBe(false);
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db/x'],
    ['REDIS_URL', 'not a url'],
    ['LOG_LEVEL', 'loud'],
    ['SEED_DEMO', 'maybe'],
    ['JWT_SECRET', 'short'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '10.0.0.1, proxy.example'],
  ])('stops with a message naming %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^\\s+${name}=`, 'm'));
  });

  it('trusts no proxy by default, the listed addresses and blocks otherwise', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,fd00::/8,loopback' }).trustedProxies).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('with DATABASE_URL: refuses to start without JWT_SECRET, naming it; no demo data, all interfaces unless asked', () => {
    const production = { DATABASE_URL: 'postgres://u@db:5432/plateau' };
    expect(() => loadConfig(production)).toThrow(/^\s+JWT_SECRET: required when DATABASE_URL is set/m);
    const config = loadConfig({ ...production, JWT_SECRET: 'an-operator-chosen-secret-of-enough-length' });
    expect(config.seedDemo).toBe(false);
    expect(config.host).toBe('0.0.0.0');
    expect(
      loadConfig({
        ...production,
        JWT_SECRET: 'an-operator-chosen-secret-of-enough-length',
        SEED_DEMO: 'true',
      }).seedDemo,
    ).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false', HOST: '0.0.0.0' })).toMatchObject({
      seedDemo: false,
      host: '0.0.0.0',
    });
  });

  it('refuses the formerly built-in JWT secret anywhere, and a missing one in production', () => {
    expect(() => loadConfig({ JWT_SECRET: 'plateau-embedded-development-secret-change-me' })).toThrow(
      /JWT_SECRET: this value is published/,
    );
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('lets a process that issues no token (the command line) run without JWT_SECRET, on a throwaway key', () => {
    const production = { DATABASE_URL: 'postgres://u@db:5432/plateau' };
    const first = loadConfig(production, { issuesTokens: false });
    const second = loadConfig(production, { issuesTokens: false });
    expect(first.JWT_SECRET).toHaveLength(64);
    expect(second.JWT_SECRET).not.toBe(first.JWT_SECRET);
    expect(
      loadConfig(
        { ...production, JWT_SECRET: 'an-operator-chosen-secret-of-enough-length' },
        { issuesTokens: false },
      ).JWT_SECRET,
    ).toBe('an-operator-chosen-secret-of-enough-length');
    expect(() => loadConfig({ ...production, JWT_SECRET: 'short' }, { issuesTokens: false })).toThrow(
      /JWT_SECRET/,
    );
  });
});
