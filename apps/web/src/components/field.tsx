import type { ReactNode } from 'react';

/** What an input refused by the api carries: marked invalid, described by its error. */
export const invalidProps = (id: string, error: string | undefined) => ({
  'aria-invalid': error ? true : undefined,
  'aria-describedby': error ? `${id}-error` : undefined,
});

/** A labelled input with the api's refusal of it below. */
export function Field({
  id,
  label,
  error,
  errorTestId,
  children,
}: {
  id: string;
  label: string;
  error: string | undefined;
  errorTestId?: string;
  children: ReactNode;
}) {
  return (
    <label htmlFor={id}>
      {label}
      {children}
      {error && (
        <span className="field-error" id={`${id}-error`} data-testid={errorTestId}>
          {error}
        </span>
      )}
    </label>
  );
}
