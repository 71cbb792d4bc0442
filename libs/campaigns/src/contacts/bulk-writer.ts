import type { QueryRunner } from 'typeorm';
import { type CopyCell, copyRows } from '#db';

/** Writes many rows into one table inside the runner's transaction, with COPY. */
export class BulkWriter {
  constructor(
    private readonly runner: QueryRunner,
    private readonly table: string,
    private readonly columns: readonly string[],
  ) {}

  async write(rows: readonly CopyCell[][]): Promise<void> {
    if (rows.length) await copyRows(this.runner, this.table, this.columns, rows);
  }
}
