import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';

const logger = new Logger('SpooledUpload');
/** Every spooled upload's folder in the temporary directory starts so. */
const PREFIX = 'plateau-upload-';
/** A spooled upload older than this was left by a process that stopped (a crash): it is removed. */
export const SPOOL_MAX_AGE_MS = 24 * 3600_000;

export interface SpoolOptions {
  /** names the temporary folder (`plateau-upload-<name>-…`) */
  name: string;
  /** computes the sha256 of the bytes as they arrive (for Idempotency-Key) */
  hash?: boolean;
  /** an upload longer than this is refused with `tooLarge()` (once its body is read: not kept) */
  maxBytes?: number;
  tooLarge?: () => Error;
}

/**
 * An upload received whole into an owner-only temporary file before anything is written to the
 * database: a transaction then reads it from disk at disk speed and never waits on the client's
 * network. Read it with `open()` as often as needed; `discard()` removes it.
 */
export class SpooledUpload {
  private constructor(
    private readonly folder: string,
    /** bytes received */
    readonly bytes: number,
    /** sha256 of the bytes, hex (when asked for) */
    readonly sha256: string | undefined,
  ) {}

  static async receive(upload: Readable, options: SpoolOptions): Promise<SpooledUpload> {
    const folder = await mkdtemp(join(tmpdir(), `${PREFIX}${options.name}-`));
    const hash: Hash | undefined = options.hash ? createHash('sha256') : undefined;
    let bytes = 0;
    try {
      await pipeline(
        upload,
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            // past the limit the rest is read and dropped: the client, still sending, gets its answer
            if (options.maxBytes !== undefined && bytes > options.maxBytes) return done();
            hash?.update(chunk);
            done(null, chunk);
          },
        }),
        // owner-only: an upload may hold customers' numbers and names until it is stored
        createWriteStream(join(folder, 'upload'), { mode: 0o600 }),
      );
      if (options.maxBytes !== undefined && bytes > options.maxBytes)
        throw options.tooLarge?.() ?? new Error(`upload over ${options.maxBytes} bytes`);
    } catch (error) {
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
    return new SpooledUpload(folder, bytes, hash?.digest('hex'));
  }

  open(): Readable {
    return createReadStream(join(this.folder, 'upload'), { highWaterMark: 256 * 1024 });
  }

  /** Removes the file; never throws (an answer already decided must not become an error). */
  async discard(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true }).catch((error: Error) =>
      logger.warn(`a spooled upload was not removed (${this.folder}): ${error.message}`),
    );
  }

  /** Removes the spooled uploads older than `maxAgeMs` (left by a crash); answers how many. */
  static async sweep(maxAgeMs = SPOOL_MAX_AGE_MS, now = Date.now()): Promise<number> {
    let removed = 0;
    for (const name of await readdir(tmpdir())) {
      if (!name.startsWith(PREFIX)) continue;
      const folder = join(tmpdir(), name);
      const info = await stat(folder).catch(() => null);
      if (!info || now - info.mtimeMs <= maxAgeMs) continue;
      await rm(folder, { recursive: true, force: true });
      removed++;
    }
    return removed;
  }
}

/**
 * At boot, removes the uploads a stopped process left spooled (they may hold customers' numbers
 * and names): those older than a day, so another process's upload in progress is never touched.
 */
@Injectable()
export class SpoolSweeper implements OnApplicationBootstrap {
  async onApplicationBootstrap(): Promise<void> {
    const removed = await SpooledUpload.sweep().catch((error: Error) => {
      logger.warn(`spooled uploads not swept: ${error.message}`);
      return 0;
    });
    if (removed) logger.log(`removed ${removed} spooled upload(s) left by a stopped process`);
  }
}
