import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';

export interface BulkColumn {
  name: string;
  /** Postgres type of the column, for the unnest path */
  type: 'text' | 'integer' | 'date' | 'uuid';
}

type Cell = string | number | null;

/**
 * Writes many rows into a table inside the runner's transaction, set-based: COPY FROM STDIN on
 * a PostgreSQL server (the fastest path), multi-row INSERT ... SELECT FROM unnest(...) on embedded
 * PGlite, whose socket server does not speak the COPY sub-protocol.
 */
export class BulkWriter {
  constructor(
    private readonly runner: QueryRunner,
    private readonly table: string,
    private readonly columns: readonly BulkColumn[],
    private readonly useCopy: boolean,
  ) {}

  async write(rows: readonly Cell[][]): Promise<void> {
    if (!rows.length) return;
    if (this.useCopy) return this.copy(rows);
    for (let start = 0; start < rows.length; start += UNNEST_CHUNK)
      await this.unnest(rows.slice(start, start + UNNEST_CHUNK));
  }

  private async copy(rows: readonly Cell[][]): Promise<void> {
    const client = (await this.runner.connect()) as { query(stream: Writable): Writable };
    const sink = client.query(
      copyFrom(`COPY ${this.table} (${this.columns.map((column) => column.name).join(', ')}) FROM STDIN`),
    );
    const lines: string[] = [];
    for (const row of rows) lines.push(row.map(copyCell).join('\t'));
    await pipeline(
      (async function* () {
        for (let start = 0; start < lines.length; start += 5000)
          yield `${lines.slice(start, start + 5000).join('\n')}\n`;
      })(),
      sink,
    );
  }

  private async unnest(rows: readonly Cell[][]): Promise<void> {
    const names = this.columns.map((column) => column.name).join(', ');
    const arrays = this.columns.map((_, index) => rows.map((row) => row[index]));
    const params = this.columns.map((column, index) => `$${index + 1}::${column.type}[]`).join(', ');
    await this.runner.query(`INSERT INTO ${this.table} (${names}) SELECT * FROM unnest(${params})`, arrays);
  }
}

const UNNEST_CHUNK = 5000;

function copyCell(value: Cell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (char) =>
    char === '\\' ? '\\\\' : char === '\t' ? '\\t' : char === '\n' ? '\\n' : '\\r',
  );
}
