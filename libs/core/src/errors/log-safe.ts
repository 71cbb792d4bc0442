/**
 * What of an error may be logged. PostgreSQL quotes the offending value in its messages (`invalid
 * input syntax for type uuid: "+33612345678"`) and keeps bound values in detail and parameters; a
 * CSV parser quotes the cell it choked on. Customers' numbers, names and CSV cells never reach the
 * logs: a database error is logged by its SQLSTATE code, table, column and constraint, and any
 * other message loses its quoted parts and digit runs as long as a phone number.
 */
const QUOTED = /"[^"\n]*"|'[^'\n]*'|“[^”\n]*”|«[^»\n]*»/g;
const PHONE_LIKE = /\+?\d(?:[\s.\-/()]*\d){8,}/g;

/** A SQLSTATE-coded error of the PostgreSQL driver (pg's DatabaseError, TypeORM's QueryFailedError). */
function isDatabaseError(error: Error): boolean {
  const { code } = error as { code?: unknown };
  return (
    error.name === 'QueryFailedError' ||
    error.name === 'DatabaseError' ||
    (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
  );
}

export function logSafeText(text: string): string {
  return text.replace(QUOTED, '"…"').replace(PHONE_LIKE, '…');
}

/** An error's message as it may be logged. */
export function logSafeMessage(error: unknown): string {
  if (!(error instanceof Error)) return logSafeText(String(error));
  if (!isDatabaseError(error)) return logSafeText(error.message);
  const { code, table, column, constraint } = error as {
    code?: string;
    table?: string;
    column?: string;
    constraint?: string;
  };
  const where = [
    table && `table ${table}`,
    column && `column ${column}`,
    constraint && `constraint ${constraint}`,
  ];
  return [`database error ${code ?? 'unknown'}`, ...where.filter(Boolean)].join(', ');
}

/** An error as a log record: name, safe message, codes and the stack without its message. */
export function describeForLog(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: logSafeMessage(error) };
  const { code, table, constraint } = error as { code?: string; table?: string; constraint?: string };
  const frames = error.stack?.split('\n').filter((line) => /^\s+at /.test(line));
  const stack = frames && [`${error.name}: ${logSafeMessage(error)}`, ...frames.map(logSafeText)].join('\n');
  return { error: { name: error.name, message: logSafeMessage(error), code, table, constraint, stack } };
}
