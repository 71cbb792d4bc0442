import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryRunner } from 'typeorm';

export type CopyCell = string | number | null | undefined;

/**
 * Writes rows into a table with `COPY ... FROM STDIN` on the runner's connection (so inside its
 * transaction): the fastest set-based write PostgreSQL has. Rows are sent in ~256 KiB chunks; an
 * async iterable of rows is written as it yields them (the database stores while the caller reads on).
 */
export async function copyRows(
  runner: QueryRunner,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyCell[]> | AsyncIterable<readonly CopyCell[]>,
): Promise<void> {
  const client = (await runner.connect()) as { query(stream: NodeJS.WritableStream): NodeJS.WritableStream };
  let chunk = '';
  /** adds a row to the chunk; true when the chunk is full */
  const add = (row: readonly CopyCell[]) => {
    for (let index = 0; index < row.length; index++) {
      if (index) chunk += '\t';
      chunk += copyText(row[index]);
    }
    chunk += '\n';
    return chunk.length > 256 * 1024;
  };
  const take = () => {
    const full = chunk;
    chunk = '';
    return full;
  };
  const chunks = async function* () {
    if (Symbol.asyncIterator in rows) {
      for await (const row of rows) if (add(row)) yield take();
    } else for (const row of rows) if (add(row)) yield take();
    if (chunk) yield take();
  };
  await pipeline(
    Readable.from(chunks()),
    client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)),
  );
}

/** A value in COPY's text format. */
function copyText(value: CopyCell): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : value;
}

const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
