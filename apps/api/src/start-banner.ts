import { AppConfig } from '#config';
import { DEMO_USERS } from '#demo';

export interface StartSummary {
  url: string;
  mode: 'embedded' | 'production';
  database: string;
  jobs: string;
  /** embedded mode with the demo seed: the demo users and their public passwords */
  demoUsers: Array<{ role: string; email: string; password: string }>;
}

/** What a start reports: where Plateau answers, in which mode, and (embedded demo) who can sign in. */
export function startSummary(config: AppConfig): StartSummary {
  const host = ['0.0.0.0', '::', '127.0.0.1'].includes(config.host) ? 'localhost' : config.host;
  return {
    url: `http://${host}:${config.PORT}/`,
    mode: config.embedded ? 'embedded' : 'production',
    database: config.embedded ? `embedded PostgreSQL in ${config.DATA_DIR}` : 'PostgreSQL at DATABASE_URL',
    jobs: config.REDIS_URL ? 'BullMQ on Redis (run apps/worker)' : 'inline, in this process',
    demoUsers: config.seedDemo
      ? DEMO_USERS.map((user) => ({
          role: 'partner' in user ? `${user.role} (${user.partner})` : user.role,
          email: user.email,
          password: user.password,
        }))
      : [],
  };
}

/** The start banner printed on a terminal: plain text, aligned columns, no JSON. */
export function startBanner(summary: StartSummary, color = false): string {
  const bold = (text: string) => (color ? `\x1b[1m${text}\x1b[22m` : text);
  const dim = (text: string) => (color ? `\x1b[2m${text}\x1b[22m` : text);
  const lines = [
    '',
    `  ${bold('Plateau is ready')}  ${bold(summary.url)}`,
    '',
    `  web app   ${summary.url}`,
    `  API       ${summary.url}api/v1   ${dim(`(OpenAPI: ${summary.url}api/docs)`)}`,
    `  mode      ${summary.mode}: database ${summary.database}; jobs ${summary.jobs}`,
  ];
  if (summary.demoUsers.length) {
    const rows = [
      ['role', 'email', 'password'],
      ...summary.demoUsers.map((u) => [u.role, u.email, u.password]),
    ];
    const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
    const line = (row: string[]) =>
      `  ${row.map((cell, column) => cell.padEnd(widths[column])).join('   ')}`.trimEnd();
    lines.push('', `  ${bold('Demo users')} ${dim('(public demo passwords: change them before real use)')}`);
    lines.push(bold(line(rows[0])), `  ${widths.map((width) => '-'.repeat(width)).join('   ')}`);
    lines.push(...rows.slice(1).map(line));
  }
  lines.push('', dim('  Ctrl+C stops Plateau. Logs follow (LOG_FORMAT=json for JSON lines).'), '');
  return lines.join('\n');
}
