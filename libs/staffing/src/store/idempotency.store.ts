import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** The app's entity manager or a transaction's: the reads and writes of one request go through it. */
export type Queryable = Pick<EntityManager, 'query'>;

export interface StoredAnswer<T> {
  requestHash: string;
  /** null while the first request with the key is still being answered */
  status: number | null;
  body: T;
}

/** idempotency_record: the only code that queries it. */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly dataSource: DataSource) {}

  /** Claims (caller, key) for a request; false when it was claimed already (then waits on its row lock). */
  async claim(db: Queryable, caller: string, key: string, requestHash: string): Promise<boolean> {
    const claimed: unknown[] = await db.query(
      `INSERT INTO idempotency_record (caller, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (caller, key) DO NOTHING RETURNING key`,
      [caller, key, requestHash],
    );
    return claimed.length > 0;
  }

  async saveAnswer(db: Queryable, caller: string, key: string, status: number, body: unknown): Promise<void> {
    await db.query(
      `UPDATE idempotency_record SET status = $3, body = $4::json WHERE caller = $1 AND key = $2`,
      [caller, key, status, JSON.stringify(body)],
    );
  }

  async find<T>(
    caller: string,
    key: string,
    db: Queryable = this.dataSource.manager,
  ): Promise<StoredAnswer<T> | null> {
    const [stored]: Array<{ request_hash: string; status: number | null; body: T }> = await db.query(
      `SELECT request_hash, status, body FROM idempotency_record WHERE caller = $1 AND key = $2`,
      [caller, key],
    );
    return stored ? { requestHash: stored.request_hash, status: stored.status, body: stored.body } : null;
  }

  /** Forgets answers stored before `cutoff`; returns how many. */
  async purge(cutoff: Date): Promise<number> {
    const [{ purged }]: Array<{ purged: number }> = await this.dataSource.query(
      `WITH gone AS (DELETE FROM idempotency_record WHERE created_at < $1 RETURNING 1)
       SELECT count(*)::int AS purged FROM gone`,
      [cutoff],
    );
    return purged;
  }
}
