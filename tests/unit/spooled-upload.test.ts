import { createHash } from 'node:crypto';
import { readdir, stat, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { SpooledUpload } from '#core';

const spools = async () =>
  (await readdir(tmpdir())).filter((name) => name.startsWith('plateau-upload-spool-test-'));

describe('SpooledUpload', () => {
  it('keeps the whole upload in an owner-only file, with its length and sha256, readable twice, until discarded', async () => {
    const body = 'siteId,period\n'.repeat(10_000);
    const file = await SpooledUpload.receive(Readable.from([body.slice(0, 7), body.slice(7)]), {
      name: 'spool-test',
      hash: true,
    });
    expect(file.bytes).toBe(body.length);
    expect(file.sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(await text(file.open())).toBe(body);
    expect(await text(file.open())).toBe(body);
    const [folder] = await spools();
    expect((await stat(`${tmpdir()}/${folder}/upload`)).mode & 0o777).toBe(0o600);
    await file.discard();
    expect(await spools()).toEqual([]);
  });

  it("refuses an upload past its limit with the caller's error, and leaves no file behind", async () => {
    const tooLarge = new Error('too large');
    const body = Readable.from(['x'.repeat(600), 'x'.repeat(600), 'x'.repeat(600)]);
    await expect(
      SpooledUpload.receive(body, { name: 'spool-test', maxBytes: 1_000, tooLarge: () => tooLarge }),
    ).rejects.toBe(tooLarge);
    // the whole body was read (a client still sending gets its answer), none of it kept
    expect(body.readableEnded).toBe(true);
    expect(await spools()).toEqual([]);
  });

  it('sweeps the spooled uploads a stopped process left (older than a day), never a newer one', async () => {
    const old = await SpooledUpload.receive(Readable.from(['old']), { name: 'spool-test' });
    const fresh = await SpooledUpload.receive(Readable.from(['fresh']), { name: 'spool-test' });
    const folders = await spools();
    const [oldFolder] = folders;
    expect(folders).toHaveLength(2);
    const day = 24 * 3600_000;
    // the first folder pretends to be two days old
    const aged = new Date(Date.now() - 2 * day);
    await utimes(`${tmpdir()}/${oldFolder}`, aged, aged);
    expect(await SpooledUpload.sweep(day)).toBeGreaterThanOrEqual(1);
    expect(await spools()).toEqual(folders.filter((folder) => folder !== oldFolder));
    await Promise.all([old.discard(), fresh.discard()]);
    expect(await spools()).toEqual([]);
  });
});
