import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Clock, ErrorKind, RequestError, RequestErrorCode } from '#core';
import { IdempotencyStore, type Queryable } from '../store/idempotency.store.js';

/** A stored answer: what the first request with a key got. */
export interface Answer<T = unknown> {
  status: number;
  body: T;
  /** true when this answer is the stored one, replayed */
  replayed: boolean;
}

export const IDEMPOTENCY_KEY = /^[\w.:-]{1,200}$/;
/** How long a stored answer can be replayed. */
export const IDEMPOTENCY_RETENTION_DAYS = 7;
export const PURGE_IDEMPOTENCY_JOB = 'staffing.purge-idempotency';
export const PURGE_IDEMPOTENCY_EVERY_MS = 6 * 3600_000;

/** sha256 of what identifies a request (route, target, body bytes or canonical JSON). */
export function requestHash(...parts: Array<string | Buffer>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('hex');
}

/**
 * Idempotency-Key handling, inside the caller's transaction: the first request with a key
 * (per caller) stores its answer together with its writes; a retry with the same request gets
 * the same status and body without writing again; the same key with a different request is a
 * 409. A concurrent retry waits on the first one's row lock. Refusals write nothing, so they
 * are not stored: retrying a refused request evaluates it again. Answers are kept
 * IDEMPOTENCY_RETENTION_DAYS days (a scheduled job purges older ones).
 */
@Injectable()
export class Idempotency {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
  ) {}

  /**
   * The stored answer to this request, checked before the request is validated again (so a
   * retry gets the first answer even if the rules would now refuse it); null when none is stored.
   */
  async replay<T>(caller: string, key: string | undefined, hash: string): Promise<Answer<T> | null> {
    if (key === undefined) return null;
    checkKey(key);
    return this.stored<T>(caller, key, hash);
  }

  async once<T>(
    db: Queryable,
    caller: string,
    key: string | undefined,
    hash: string,
    work: () => Promise<{ status: number; body: T }>,
  ): Promise<Answer<T>> {
    if (key === undefined) return { ...(await work()), replayed: false };
    checkKey(key);
    if (!(await this.store.claim(db, caller, key, hash))) {
      const stored = await this.stored<T>(caller, key, hash, db);
      if (stored) return stored;
    }
    const answer = await work();
    await this.store.saveAnswer(db, caller, key, answer.status, answer.body);
    return { ...answer, replayed: false };
  }

  /** Forgets answers older than the retention; returns how many. */
  async purge(): Promise<{ purged: number }> {
    const cutoff = new Date(this.clock.now().getTime() - IDEMPOTENCY_RETENTION_DAYS * 86_400_000);
    return { purged: await this.store.purge(cutoff) };
  }

  private async stored<T>(
    caller: string,
    key: string,
    hash: string,
    db?: Queryable,
  ): Promise<Answer<T> | null> {
    const stored = await this.store.find<T>(caller, key, db);
    if (!stored) return null;
    if (stored.requestHash !== hash)
      throw new RequestError(
        RequestErrorCode.IdempotencyConflict,
        ErrorKind.Conflict,
        'This Idempotency-Key was already used for a different request; use a new key for new content.',
        { key },
      );
    return stored.status === null ? null : { status: stored.status, body: stored.body, replayed: true };
  }
}

function checkKey(key: string): void {
  if (!IDEMPOTENCY_KEY.test(key))
    throw RequestError.invalid(
      RequestErrorCode.ValidationFailed,
      'Idempotency-Key must be 1 to 200 letters, digits, dots, colons, dashes or underscores.',
      { field: 'Idempotency-Key' },
    );
}
