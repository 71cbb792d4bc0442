/**
 * Numbers in CSV cells as spreadsheets write them, in any locale, read only when they cannot be
 * misread. A decimal point or a decimal comma (French Excel: `1234,56`); digits grouped by threes
 * with a space, a no-break space (U+00A0), a narrow no-break space (U+202F) or a thin space
 * (U+2009) (French Excel: `1 234,56`). Refused, with the reason: a value mixing `.` and `,`, a `.`
 * or `,` used more than once (a thousands separator, which a reader cannot tell from a decimal
 * one), and a single `.` or `,` between one to three digits (not a lone 0) and exactly three
 * (`1,234`: 1234 in one locale, 1.234 in another).
 */
export type CsvNumber = { value: number; problem?: undefined } | { value?: undefined; problem: string };

const GROUPED = /^\d{1,3}(?:[ \u00A0\u202F\u2009]\d{3})+$/;
const PLAIN = /^\d+$/;
const SPACES = /[ \u00A0\u202F\u2009]/g;
const EXAMPLE = 'write it like 1234.56, 1234,56 or 1 234,56';

export function parseCsvNumber(cell: string): CsvNumber {
  const text = cell.trim();
  const sign = text.startsWith('-') ? -1 : 1;
  const unsigned = sign < 0 ? text.slice(1) : text;
  const separators = unsigned.match(/[.,]/g) ?? [];
  if (new Set(separators).size > 1)
    return { problem: `"${text}" mixes "." and ","; use one decimal separator and no other: ${EXAMPLE}` };
  if (separators.length > 1)
    return {
      problem: `"${text}" uses "${separators[0]}" as a thousands separator, which can be misread: ${EXAMPLE}`,
    };
  const [whole, fraction] = unsigned.split(/[.,]/);
  const grouped = GROUPED.test(whole);
  if (!(grouped || PLAIN.test(whole)) || (fraction !== undefined && !PLAIN.test(fraction)))
    return { problem: `"${text}" is not a number: ${EXAMPLE}` };
  if (fraction?.length === 3 && /^[1-9]\d{0,2}$/.test(whole))
    return {
      problem: `"${text}" is ambiguous: "${separators[0]}" followed by three digits may separate thousands or decimals; ${EXAMPLE}`,
    };
  return { value: sign * Number(`${whole.replace(SPACES, '')}.${fraction ?? '0'}`) };
}
