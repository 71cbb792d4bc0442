import { Readable } from 'node:stream';

/** How much of an upload is read before its first record is parsed, to tell its delimiter and encoding. */
export const CSV_HEAD_BYTES = 64 * 1024;

const DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof DELIMITERS)[number];

/**
 * The delimiter of a CSV by its header line: whichever of comma, semicolon (what Excel writes
 * under a French locale) and tab appears most outside double quotes; comma when none does.
 */
export function headerDelimiter(text: string): CsvDelimiter {
  const counts = new Map<string, number>(DELIMITERS.map((delimiter) => [delimiter, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const delimiter of DELIMITERS) if (counts.get(delimiter)! > counts.get(best)!) best = delimiter;
  return best;
}

/** Whether bytes are UTF-8 (an incomplete character at their end is allowed: a cut, not an error). */
function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export interface CsvHead {
  delimiter: CsvDelimiter;
  /** `windows-1252` when the file's first bytes are not UTF-8 (Excel's "CSV" on Windows); read as UTF-8 */
  encoding: 'utf-8' | 'windows-1252';
  /** the whole upload again from its first byte, in UTF-8 */
  stream: Readable;
}

/**
 * Reads the start of an upload (its first line, at least CSV_HEAD_BYTES when it has them) to
 * tell its delimiter and encoding, and gives the upload back whole: the bytes already read, then
 * the rest as it arrives. A file whose start is not UTF-8 is taken as Windows-1252 (one byte per
 * character, so each chunk converts alone). A UTF-8 byte order mark passes through for the parser.
 */
export async function readCsvHead(source: Readable): Promise<CsvHead> {
  const iterator: AsyncIterator<Buffer | string> = source[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let newline = false;
  while (size < CSV_HEAD_BYTES || !newline) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    size += chunk.length;
    newline ||= chunk.includes(0x0a);
    if (size >= 16 * CSV_HEAD_BYTES) break;
  }
  const start = Buffer.concat(head);
  const encoding = isUtf8(start) ? 'utf-8' : 'windows-1252';
  const decoder = encoding === 'utf-8' ? null : new TextDecoder('windows-1252');
  const convert = (chunk: Buffer) => (decoder ? Buffer.from(decoder.decode(chunk), 'utf8') : chunk);
  const delimiter = headerDelimiter(
    (decoder ? decoder.decode(start) : start.toString('utf8')).slice(0, 64 * 1024),
  );
  async function* replay() {
    try {
      if (start.length) yield convert(start);
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield convert(typeof next.value === 'string' ? Buffer.from(next.value) : next.value);
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { delimiter, encoding, stream: Readable.from(replay(), { objectMode: false }) };
}

/** A whole CSV held in memory as text, with its delimiter (the same rules as readCsvHead). */
export function decodeCsv(bytes: Buffer): {
  delimiter: CsvDelimiter;
  encoding: CsvHead['encoding'];
  text: string;
} {
  const encoding = isUtf8(bytes) ? 'utf-8' : 'windows-1252';
  const text = new TextDecoder(encoding).decode(bytes);
  return { delimiter: headerDelimiter(text.slice(0, CSV_HEAD_BYTES)), encoding, text };
}
