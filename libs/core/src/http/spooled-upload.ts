import { createHash, type Hash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface SpoolOptions {
  /** names the temporary folder (`plateau-<name>-…`) */
  name: string;
  /** computes the sha256 of the bytes as they arrive (for Idempotency-Key) */
  hash?: boolean;
  /** an upload longer than this is refused with `tooLarge()` as soon as it passes the limit */
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
    const folder = await mkdtemp(join(tmpdir(), `plateau-${options.name}-`));
    const hash: Hash | undefined = options.hash ? createHash('sha256') : undefined;
    let bytes = 0;
    try {
      await pipeline(
        upload,
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            if (options.maxBytes !== undefined && bytes > options.maxBytes)
              return done(options.tooLarge?.() ?? new Error(`upload over ${options.maxBytes} bytes`));
            hash?.update(chunk);
            done(null, chunk);
          },
        }),
        // owner-only: an upload may hold customers' numbers and names until it is stored
        createWriteStream(join(folder, 'upload'), { mode: 0o600 }),
      );
    } catch (error) {
      upload.resume(); // the rest of a refused body is drained, so the answer reaches the client
      await rm(folder, { recursive: true, force: true });
      throw error;
    }
    return new SpooledUpload(folder, bytes, hash?.digest('hex'));
  }

  open(): Readable {
    return createReadStream(join(this.folder, 'upload'), { highWaterMark: 256 * 1024 });
  }

  async discard(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }
}
