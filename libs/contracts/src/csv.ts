/**
 * CSV for exports, in the browser and on the server alike. A text cell that a spreadsheet would
 * run as a formula (= + - @, tab, carriage return first) gets a leading apostrophe, so an exported
 * cell a partner typed can never become a formula. Numbers are written as numbers.
 */
export function neutralise(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Quotes a CSV field when it needs it (RFC 4180). */
function field(value: unknown): string {
  const text = neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
