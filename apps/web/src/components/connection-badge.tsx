import { useConnectionState } from '../live/live';

const LABELS = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  refused: 'Not connected',
} as const;

/** The state of the live socket, always visible: supervisors must know when figures are stale. */
export function ConnectionBadge() {
  const { state, error } = useConnectionState();
  return (
    <span
      className={`badge connection ${state}`}
      role="status"
      aria-live="polite"
      data-testid="connection"
      data-state={state}
      title={error ?? undefined}
    >
      <span className="dot" aria-hidden="true" />
      {LABELS[state]}
    </span>
  );
}
