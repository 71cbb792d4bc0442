import { Injectable } from '@nestjs/common';
import { DatabaseLocation } from '#db';

/**
 * Embedded PGlite serves one statement stream at a time: concurrent transactions on its socket
 * interleave and fail. In embedded mode (one process) dispatch writes run one after the other;
 * on a PostgreSQL server they run concurrently and row locks (SKIP LOCKED) keep them apart.
 */
@Injectable()
export class EmbeddedSerial {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly location: DatabaseLocation) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    if (!this.location.isEmbedded) return work();
    const next = this.tail.then(work, work);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
