import { useEffect, useMemo, useState } from 'react';
import { ConnectionBadge } from '../../components/connection-badge';
import { WallLinkLiveProvider } from '../../live/live';
import { SharedTiles } from './shared-tiles';
import { useSharedWall } from './use-shared-wall';

/**
 * A wall shown read-only on a screen in the room, from a share link (`/shared-wall#token`): no
 * sign-in. The wall is read once (and again after a reconnect, for what the socket missed), then
 * kept current over the `/live` socket opened with the wall token, which follows only that wall's
 * tiles; a revoked link closes the socket and the screen says so.
 */
export function SharedWallScreen() {
  const token = useMemo(() => location.hash.slice(1), []);
  const [refused, setRefused] = useState<string | null>(null);
  useEffect(() => {
    document.title = 'Wall · Plateau';
  }, []);
  if (refused)
    return (
      <main className="shared-wall" data-testid="shared-refused">
        <h1>Wall link revoked</h1>
        <p role="alert">{refused}</p>
      </main>
    );
  return (
    <WallLinkLiveProvider wallToken={token}>
      <SharedWall token={token} onRefused={setRefused} />
    </WallLinkLiveProvider>
  );
}

function SharedWall({ token, onRefused }: { token: string; onRefused(message: string): void }) {
  const wall = useSharedWall(token, onRefused);
  return (
    <main className={`shared-wall my-wall screen-${wall.screen}`} data-testid="shared-wall">
      <SharedTiles wall={wall} />
      <p className="muted updated">
        <ConnectionBadge />{' '}
        {wall.updated ? `updated ${new Date(wall.updated).toLocaleTimeString('en-GB')}` : 'Loading…'}
      </p>
    </main>
  );
}
