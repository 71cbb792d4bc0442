import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { CSV_HEAD_BYTES, decodeCsv, headerDelimiter, readCsvHead } from '#core';

describe('CSV delimiter and encoding', () => {
  it('takes the delimiter the header line uses most, outside quotes; comma by default', () => {
    expect(headerDelimiter('phone,lawful_basis\n06;07,x')).toBe(',');
    expect(headerDelimiter('phone;lawful_basis;first_name\r\n1,2')).toBe(';');
    expect(headerDelimiter('"a,b";"c,d"\n')).toBe(';');
    expect(headerDelimiter('start\tcalls\n')).toBe('\t');
    expect(headerDelimiter('phone\n')).toBe(',');
    expect(headerDelimiter('')).toBe(',');
  });

  it('gives the whole upload back, a Windows-1252 file as UTF-8, whatever the chunks', async () => {
    const rows = ['phone;first_name', ...Array.from({ length: 5000 }, (_, i) => `06${i};Hélène`)].join(
      '\r\n',
    );
    const bytes = Buffer.from(rows, 'latin1');
    expect(bytes.length).toBeGreaterThan(CSV_HEAD_BYTES);
    const chunks = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) =>
      bytes.subarray(i * 1000, (i + 1) * 1000),
    );
    const head = await readCsvHead(Readable.from(chunks));
    expect(head).toMatchObject({ delimiter: ';', encoding: 'windows-1252' });
    expect(await text(head.stream)).toBe(rows);

    const utf8 = `\uFEFF${rows}`;
    const again = await readCsvHead(
      Readable.from([Buffer.from(utf8).subarray(0, 7), Buffer.from(utf8).subarray(7)]),
    );
    expect(again).toMatchObject({ delimiter: ';', encoding: 'utf-8' });
    expect((await buffer(again.stream)).toString('utf8')).toBe(utf8);
    expect(decodeCsv(bytes)).toEqual({ delimiter: ';', encoding: 'windows-1252', text: rows });
  });

  it('passes an empty upload and a source error through', async () => {
    const empty = await readCsvHead(Readable.from([]));
    expect(empty.delimiter).toBe(',');
    expect(await text(empty.stream)).toBe('');
    const failing = new Readable({ read() {} });
    failing.push(Buffer.from('a;b\n1;2\n'));
    setImmediate(() => failing.destroy(new Error('connection reset')));
    await expect(readCsvHead(failing).then((head) => text(head.stream))).rejects.toThrow('connection reset');
  });
});
