import { type FormEvent, useState } from 'react';
import { fieldErrors } from './api';

export interface FormOutcome {
  ok: boolean;
  text: string;
}

export interface FormAction {
  /** the api's refusal, field by field */
  errors: Record<string, string>;
  /** what the last submit came to, said to the user */
  message: FormOutcome | null;
  /** a submit is on its way */
  busy: boolean;
  submit(event?: FormEvent): Promise<void>;
}

/**
 * A form's submit: runs `action`, then says what it did (`done`); a refusal keeps the api's
 * message and its field errors for the inputs.
 */
export function useFormAction<T>(
  action: () => Promise<T>,
  done: (result: T) => string,
  refused = 'Refused.',
): FormAction {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<FormOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const result = await action();
      setErrors({});
      setMessage({ ok: true, text: done(result) });
    } catch (failure) {
      setErrors(fieldErrors(failure));
      setMessage({ ok: false, text: failure instanceof Error ? failure.message : refused });
    } finally {
      setBusy(false);
    }
  };
  return { errors, message, busy, submit };
}
