import type { ReactNode } from 'react';
import { ApiError } from '../lib/api';
import type { Resource } from '../lib/use-resource';

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

/** `children`, unless the resource failed (its error) or this server does not serve `what` yet. */
export function Served({
  resource,
  what,
  children,
}: {
  resource: Pick<Resource<unknown>, 'unavailable' | 'error'>;
  what: string;
  children: ReactNode;
}) {
  if (resource.unavailable) return <Unavailable what={what} />;
  if (resource.error) return <ScreenError error={resource.error} />;
  return children;
}

/**
 * A resource's data once loaded; until then "Loading…" (or `pending`), its error, or that this
 * server does not serve `what` yet.
 */
export function Loaded<T>({
  resource,
  what,
  pending = <p className="muted">Loading…</p>,
  children,
}: {
  resource: Resource<T>;
  what: string;
  pending?: ReactNode;
  children(data: T): ReactNode;
}) {
  return (
    <Served resource={resource} what={what}>
      {resource.data === undefined ? pending : children(resource.data)}
    </Served>
  );
}
