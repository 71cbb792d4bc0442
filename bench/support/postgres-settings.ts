import { readFile } from 'node:fs/promises';
import pg from 'pg';

/** docker/postgresql.conf: the settings a production database runs with (name = value lines). */
export const PRODUCTION_SETTINGS_FILE = 'docker/postgresql.conf';

export async function productionSettings(): Promise<Map<string, string>> {
  const settings = new Map<string, string>();
  for (const line of (await readFile(PRODUCTION_SETTINGS_FILE, 'utf8')).split('\n')) {
    const match = /^\s*([a-z_]+)\s*=\s*('[^']*'|\S+)/.exec(line);
    if (match) settings.set(match[1], match[2].replace(/^'|'$/g, ''));
  }
  return settings;
}

/**
 * Applies the per-database settings of docker/postgresql.conf to a scratch database (ALTER
 * DATABASE … SET, for its next connections) and describes the server-wide ones as the server
 * runs them, beside the file's value: a shared bench server cannot be restarted for a bench.
 */
export async function applyProductionSettings(databaseUrl: string): Promise<string> {
  const wanted = await productionSettings();
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string; context: string; enumvals: string[] | null }>(
      `SELECT name, context, enumvals FROM pg_settings WHERE name = ANY($1)`,
      [[...wanted.keys()]],
    );
    const applied: string[] = [];
    const server: string[] = [];
    const unavailable: string[] = [];
    for (const row of rows) {
      const value = wanted.get(row.name)!;
      if (row.enumvals && !row.enumvals.includes(value)) {
        // e.g. wal_compression=lz4 on a server built without lz4 (the embedded binaries)
        unavailable.push(`${row.name}=${value} (this server offers ${row.enumvals.join(', ')})`);
      } else if (row.context === 'user' || row.context === 'superuser') {
        await client.query(
          `ALTER DATABASE ${client.escapeIdentifier(name)} SET ${row.name} = ${client.escapeLiteral(value)}`,
        );
        applied.push(`${row.name}=${value}`);
      } else {
        const { rows: shown } = await client.query(`SHOW ${row.name}`);
        const actual = String(Object.values(shown[0])[0]);
        server.push(`${row.name}=${actual}${actual === value ? '' : ` (file: ${value})`}`);
      }
    }
    return (
      `PostgreSQL settings from ${PRODUCTION_SETTINGS_FILE}: set on the database: ${applied.join(', ')}; ` +
      `server-wide as running: ${server.join(', ')}` +
      (unavailable.length ? `; not available here: ${unavailable.join(', ')}` : '')
    );
  } finally {
    await client.end();
  }
}
