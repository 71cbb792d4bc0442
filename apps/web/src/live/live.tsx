import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import {
  type DomainEventMap,
  type DomainEventName,
  isOtherEpoch,
  type LiveError,
  type LiveHandshakeAuth,
  type LiveSnapshot,
  type LiveSubscription,
  mergeSites,
  type SeatLive,
  type SiteLive,
  snapshotOfDelta,
} from '@contracts';
import { currentToken, useSession } from '../lib/session';
import { type ConnectionState, LiveConnection, sameScope } from './connection';

const LiveContext = createContext<LiveConnection | null>(null);

/** Opens the `/live` socket while someone is signed in. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const userId = user?.id;
  const auth = useMemo(() => (userId ? () => ({ token: currentToken() ?? '' }) : null), [userId]);
  return <ConnectionProvider auth={auth}>{children}</ConnectionProvider>;
}

/** Opens the `/live` socket of a read-only wall link (no sign-in): it follows that wall's tiles only. */
export function WallLinkLiveProvider({ wallToken, children }: { wallToken: string; children: ReactNode }) {
  const auth = useMemo(() => () => ({ wallToken }), [wallToken]);
  return <ConnectionProvider auth={auth}>{children}</ConnectionProvider>;
}

/** One connection while `auth` is given, opened again when it changes. */
function ConnectionProvider({
  auth,
  children,
}: {
  auth: (() => LiveHandshakeAuth) | null;
  children: ReactNode;
}) {
  const [connection, setConnection] = useState<LiveConnection | null>(null);
  useEffect(() => {
    if (!auth) return;
    const opened = new LiveConnection(auth);
    setConnection(opened);
    return () => {
      opened.close();
      setConnection(null);
    };
  }, [auth]);
  return <LiveContext.Provider value={connection}>{children}</LiveContext.Provider>;
}

export function useConnectionState(): { state: ConnectionState; error: string | null } {
  const connection = useContext(LiveContext);
  const [state, setState] = useState<ConnectionState>(connection?.state ?? 'connecting');
  useEffect(() => {
    if (!connection) return;
    setState(connection.state);
    return connection.onState(setState);
  }, [connection]);
  return { state, error: connection?.lastError ?? null };
}

/** Calls `handler` for each `event` the socket receives (handler may change between renders). */
export function useLiveEvent<E extends DomainEventName>(
  event: E,
  handler: (payload: DomainEventMap[E]) => void,
): void {
  const connection = useContext(LiveContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => connection?.on(event, (payload) => latest.current(payload)), [connection, event]);
}

export interface LiveScopesState {
  /** the newest figures of every site of every scope */
  sites: SiteLive[];
  /** the merged snapshot of each scope, by `scope:id` */
  snapshots: Record<string, LiveSnapshot>;
  errors: LiveError[];
  /** when the last snapshot or delta arrived */
  updatedAt: Date | null;
}

const keyOf = (request: { scope: string; id?: string | null }) => `${request.scope}:${request.id ?? ''}`;

/**
 * The figures of one or more scopes, kept current: each subscription's snapshot (again after
 * every reconnect), then every `site.occupancy` delta of those scopes merged in (a site only
 * moves forward, by seq). Seqs compare within one server epoch only: a snapshot or delta of
 * another epoch (the server restarted, or another node answers from another store) drops what
 * is held and asks every subscription for a fresh snapshot; late messages of an epoch already
 * left are ignored.
 */
export function useLiveScopes(requests: LiveSubscription[]): LiveScopesState {
  const connection = useContext(LiveContext);
  const [state, setState] = useState<LiveScopesState>(EMPTY);
  const keys = requests.map(keyOf).join(',');

  useEffect(() => {
    setState(EMPTY);
    const subscriptions = keys
      ? keys.split(',').map((key) => {
          const [scope, id] = key.split(':') as [LiveSubscription['scope'], string];
          return id ? { scope, id } : { scope };
        })
      : [];
    if (!connection || !subscriptions.length) return;
    let epoch: string | null = null;
    const retired = new Set<string>();
    const apply = (incoming: LiveSnapshot, isSnapshot: boolean) => {
      if (retired.has(incoming.epoch)) return;
      if (isOtherEpoch(epoch ? { epoch } : null, incoming)) {
        retired.add(epoch!);
        epoch = incoming.epoch;
        setState(EMPTY);
        connection.resnapshot();
        if (!isSnapshot) return; // its sites alone are not the scope: wait for the snapshots
      }
      epoch = incoming.epoch;
      setState((current) => {
        const key = keyOf(incoming);
        const snapshots = { ...current.snapshots, [key]: merge(current.snapshots[key] ?? null, incoming) };
        return {
          snapshots,
          sites: mergeSites(current.sites, incoming.sites),
          errors: current.errors.filter((error) => (error as LiveError & { key?: string }).key !== key),
          updatedAt: new Date(),
        };
      });
    };
    const stops = subscriptions.map((subscription) =>
      connection.subscribe(
        subscription,
        (snapshot) => apply(snapshot, true),
        (error) =>
          setState((current) => ({
            ...current,
            errors: [...current.errors, { ...error, key: keyOf(subscription) }],
          })),
      ),
    );
    stops.push(
      connection.on('site.occupancy', (delta) => {
        if (subscriptions.some((subscription) => sameScope(subscription, delta)))
          apply(snapshotOfDelta(delta), false);
      }),
    );
    return () => stops.forEach((stop) => stop());
  }, [connection, keys]);

  return state;
}

const EMPTY: LiveScopesState = { sites: [], snapshots: {}, errors: [], updatedAt: null };
function merge(current: LiveSnapshot | null, incoming: LiveSnapshot): LiveSnapshot {
  if (!current) return incoming;
  const newer = incoming.at >= current.at;
  return {
    ...current,
    totals: newer ? incoming.totals : current.totals,
    at: newer ? incoming.at : current.at,
    sites: mergeSites(current.sites, incoming.sites),
    seats: incoming.seats ? mergeSeats(current.seats ?? [], incoming.seats) : current.seats,
  };
}

function mergeSeats(current: SeatLive[], incoming: SeatLive[]): SeatLive[] {
  const byId = new Map(current.map((seat) => [seat.seatId, seat]));
  for (const seat of incoming) {
    const known = byId.get(seat.seatId);
    if (!known || seat.at >= known.at) byId.set(seat.seatId, seat);
  }
  return [...byId.values()];
}
