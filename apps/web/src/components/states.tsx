import { ApiError } from '../lib/api';

export function ScreenError({ error }: { error: Error }) {
  return (
    <p className="error" role="alert">
      {error instanceof ApiError ? `${error.message} (${error.code})` : error.message}
    </p>
  );
}

/** A part of a screen whose api has not been deployed on this server. */
export function Unavailable({ what }: { what: string }) {
  return <p className="muted unavailable">{what} are not available on this server yet.</p>;
}
