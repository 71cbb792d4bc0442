/**
 * ARCEP numbering plan: automated calling systems (and telemarketing platforms) must present a
 * number from the dedicated ranges, so consumers can recognise them.
 */
export const ARCEP_CALLER_PREFIXES = [
  '0162',
  '0163',
  '0270',
  '0271',
  '0377',
  '0378',
  '0424',
  '0425',
  '0568',
  '0569',
  '0948',
  '0949',
] as const;

/** The caller number in French national form (0XXXXXXXXX), or null when it is not a French number. */
export function nationalCallerNumber(raw: string): string | null {
  const digits = raw.replace(/[\s.\-()]/g, '');
  const match = /^(?:\+33|0033|0)([1-9]\d{8})$/.exec(digits);
  return match ? `0${match[1]}` : null;
}

/** True when the number belongs to one of the ARCEP ranges for automated callers. */
export function isArcepCallerNumber(raw: string): boolean {
  const national = nationalCallerNumber(raw);
  return !!national && ARCEP_CALLER_PREFIXES.some((prefix) => national.startsWith(prefix));
}

/** E.164 form of a valid French caller number. */
export function callerNumberE164(raw: string): string {
  const national = nationalCallerNumber(raw);
  if (!national) throw new Error('not a French number');
  return `+33${national.slice(1)}`;
}
