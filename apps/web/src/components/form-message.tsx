import type { FormOutcome } from '../lib/use-form-action';

/** What a form's last submit came to: a status when it worked, an alert when it was refused. */
export function FormMessage({ message, testId }: { message: FormOutcome | null; testId?: string }) {
  if (!message?.text) return null;
  return (
    <span className={message.ok ? 'ok' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid={testId}>
      {message.text}
    </span>
  );
}
