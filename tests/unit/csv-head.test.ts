import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { describe, expect, it } from 'vitest';
import { CSV_HEAD_BYTES, decodeCsv, headerDelimiter, parseCsvNumber, readCsvHead } from '#core';

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

describe('numbers in CSV cells', () => {
  it('reads a decimal point or comma and thousands grouped by spaces, as French Excel writes them', () => {
    expect(parseCsvNumber('1234.56')).toEqual({ value: 1234.56 });
    expect(parseCsvNumber('1234,56')).toEqual({ value: 1234.56 });
    expect(parseCsvNumber(' 1 234,56 ')).toEqual({ value: 1234.56 });
    expect(parseCsvNumber('1\u00A0234\u00A0567,5')).toEqual({ value: 1234567.5 }); // no-break space
    expect(parseCsvNumber('12\u202F345,00')).toEqual({ value: 12345 }); // narrow no-break space
    expect(parseCsvNumber('1\u2009234')).toEqual({ value: 1234 }); // thin space
    expect(parseCsvNumber('0,125')).toEqual({ value: 0.125 }); // a lone 0 before: decimals
    expect(parseCsvNumber('1234,567')).toEqual({ value: 1234.567 }); // four digits before: decimals
    expect(parseCsvNumber('1 234,567')).toEqual({ value: 1234.567 }); // spaces group: the comma is decimal
    expect(parseCsvNumber('-2,5')).toEqual({ value: -2.5 });
  });

  it('refuses what could be read two ways, or is no number, saying how to write it', () => {
    for (const ambiguous of ['1,234', '12.500', '999,000'])
      expect(parseCsvNumber(ambiguous).problem).toMatch(/is ambiguous/);
    expect(parseCsvNumber('1.234,56').problem).toMatch(/mixes "\." and ","/);
    expect(parseCsvNumber('1,234.56').problem).toMatch(/mixes "\." and ","/);
    expect(parseCsvNumber('1,234,567').problem).toMatch(/thousands separator/);
    for (const wrong of ['12 34,5', '1 2345', 'abc', ',5', '1,', '1 234 ,5'])
      expect(parseCsvNumber(wrong).problem).toMatch(/is not a number/);
  });
});
