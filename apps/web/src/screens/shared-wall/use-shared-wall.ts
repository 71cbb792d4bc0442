import { useEffect, useMemo, useState } from 'react';
import type { ActivityView, AlertEvent, SharedWallView } from '@contracts';
import { useConnectionState, useLiveEvent, useLiveScopes } from '../../live/live';
import { keyOf, scopesOf } from '../../lib/wall-scopes';

/** The wall as the link reads it now: null when the link is refused (with the server's message). */
async function readWall(token: string): Promise<{ view: SharedWallView } | { refused: string } | null> {
  const response = await fetch('/api/v1/walls/shared', { headers: { 'x-wall-token': token } });
  const body = await response.json();
  if (response.ok) return { view: body as SharedWallView };
  if (response.status === 401) return { refused: body?.error?.message ?? 'This wall link is not valid.' };
  return null;
}

/**
 * The shared wall: read at first, on each (re)connect and when the socket is refused (the link may
 * be revoked), then kept current over the socket: live figures, activity and open alerts.
 */
export function useSharedWall(token: string, onRefused: (message: string) => void) {
  const { state } = useConnectionState();
  const [view, setView] = useState<SharedWallView | null>(null);
  const [activity, setActivity] = useState<Record<string, ActivityView>>({});
  const [alerts, setAlerts] = useState<AlertEvent[]>([]);

  useEffect(() => {
    if (state === 'reconnecting') return;
    let stopped = false;
    readWall(token).then(
      (result) => {
        if (stopped || !result) return;
        if ('refused' in result) return onRefused(result.refused);
        setView(result.view);
        setActivity((held) => {
          const next = { ...held };
          for (const tile of result.view.tiles)
            if (tile.activity && !((next[keyOf(tile.activity)]?.at ?? '') > tile.activity.at))
              next[keyOf(tile.activity)] = tile.activity;
          return next;
        });
        setAlerts(result.view.tiles.find((tile) => tile.alerts)?.alerts ?? []);
      },
      () => undefined, // offline for a moment: the next reconnect reads again
    );
    return () => {
      stopped = true;
    };
  }, [state, token, onRefused]);

  const tiles = useMemo(() => view?.tiles ?? [], [view]);
  const live = useLiveScopes(useMemo(() => scopesOf(tiles), [tiles]));
  useLiveEvent('activity.changed', (next) =>
    setActivity((held) =>
      (held[keyOf(next)]?.at ?? '') > next.at ? held : { ...held, [keyOf(next)]: next },
    ),
  );
  useLiveEvent('alert.opened', (alert) =>
    setAlerts((held) => [alert, ...held.filter((other) => other.id !== alert.id)]),
  );
  useLiveEvent('alert.resolved', (alert) =>
    setAlerts((held) => held.filter((other) => other.id !== alert.id)),
  );

  const updated = [
    view?.at,
    live.updatedAt?.toISOString(),
    ...Object.values(activity).map((entry) => entry.at),
  ]
    .filter((at): at is string => !!at)
    .sort()
    .at(-1);
  return { screen: view?.screen ?? '1080p', tiles, live, activity, alerts, updated };
}

export type SharedWall = ReturnType<typeof useSharedWall>;
