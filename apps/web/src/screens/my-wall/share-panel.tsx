import { type FormEvent, useState } from 'react';
import { useShares } from './use-shares';

/** Read-only links to the saved wall, for a screen in the room. */
export function SharePanel({ hasWall }: { hasWall: boolean }) {
  const { shares, created, error, create, revoke } = useShares();
  const [label, setLabel] = useState('Screen in the room');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void create(label);
  };
  return (
    <section className="tile share-panel" aria-labelledby="share-title">
      <h2 id="share-title">Read-only links</h2>
      {!hasWall && <p className="muted">Save your wall to share it.</p>}
      <form className="wall-row" onSubmit={submit}>
        <label>
          Link for
          <input value={label} onChange={(event) => setLabel(event.target.value)} maxLength={80} />
        </label>
        <button type="submit" disabled={!hasWall}>
          Create read-only link
        </button>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <label className="share-link">
          Open this on the screen (shown once)
          <input
            readOnly
            data-testid="share-link"
            value={`${location.origin}/shared-wall#${created.token}`}
          />
        </label>
      )}
      <ul>
        {shares.map((share) => (
          <li key={share.id} data-testid="share" data-revoked={share.revokedAt ? 'true' : 'false'}>
            {share.label} · created{' '}
            {new Date(share.createdAt).toLocaleString('en-GB', { dateStyle: 'short', timeStyle: 'short' })}
            {share.revokedAt ? (
              <span className="muted"> · revoked</span>
            ) : (
              <button type="button" className="ghost" onClick={() => void revoke(share.id)}>
                Revoke {share.label}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
