import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '#config';
import { DEMO_USERS } from '#demo';
import { startBanner, startSummary } from '../../apps/api/src/start-banner.js';

describe('start output', () => {
  it('LOG_FORMAT: auto follows the terminal, json and pretty force one, anything else stops the start', () => {
    expect(loadConfig({ LOG_FORMAT: 'json' }).prettyLogs).toBe(false);
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).prettyLogs).toBe(true);
    expect(loadConfig({}).prettyLogs).toBe(process.stdout.isTTY === true);
    expect(() => loadConfig({ LOG_FORMAT: 'colour' })).toThrow(ConfigError);
  });

  it('the banner names the URL, the mode and every demo user in aligned columns, as plain text', () => {
    const summary = startSummary(loadConfig({ PORT: '3123', DATA_DIR: './data' }));
    expect(summary).toMatchObject({ url: 'http://localhost:3123/', mode: 'embedded' });
    const banner = startBanner(summary);
    expect(banner).toContain('http://localhost:3123/api/v1');
    expect(banner).toMatch(/mode\s+embedded: database .*\.\/data; jobs inline/);
    expect(banner).not.toMatch(/[{}\\]/); // no JSON, no escapes
    const rows = banner.split('\n').filter((line) => line.includes('@'));
    expect(rows).toHaveLength(DEMO_USERS.length);
    for (const user of DEMO_USERS)
      expect(banner).toMatch(new RegExp(`${user.email}\\s+${user.password}$`, 'm'));
    expect(new Set(rows.map((row) => row.indexOf('@') - row.split(/\s{3,}/)[1].indexOf('@'))).size).toBe(1);
    expect(banner).toContain('partner (Sittel)');
  });

  it('production mode names its servers and prints no demo password', () => {
    const summary = startSummary(
      loadConfig({
        DATABASE_URL: 'postgres://u@db:5432/plateau',
        REDIS_URL: 'redis://cache:6379',
        JWT_SECRET: 'an-operator-chosen-secret-of-enough-length',
      }),
    );
    expect(summary).toMatchObject({ mode: 'production', demoUsers: [] });
    expect(startBanner(summary)).not.toContain('password');
  });
});
