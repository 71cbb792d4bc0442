import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  DomainEventMap,
  DomainEventName,
  LiveError,
  LiveHandshakeAuth,
  LiveSnapshot,
  LiveSubscription,
  ServerToClientEvents,
} from '@contracts';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline' | 'refused';

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

interface Subscriber {
  request: LiveSubscription;
  onSnapshot(snapshot: LiveSnapshot): void;
  onError(error: LiveError): void;
}

const RETRY_REFUSED_MS = 5_000;

/**
 * One socket.io connection to `/live` for the signed-in user (or a read-only wall link, with its
 * wall token: only its tiles' scopes). socket.io reconnects by itself;
 * on every (re)connect each subscription is sent again and acked with a fresh snapshot, so a
 * dashboard that lost its connection catches up without a reload.
 */
export class LiveConnection {
  private readonly socket: LiveSocket;
  private readonly subscribers = new Set<Subscriber>();
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  private retry?: number;
  state: ConnectionState = 'connecting';
  lastError: string | null = null;

  constructor(auth: () => LiveHandshakeAuth) {
    this.socket = io('/live', {
      transports: ['websocket'],
      auth: (callback) => callback({ ...auth() }),
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
    });
    this.socket.on('connect', () => {
      this.lastError = null;
      this.setState('live');
      this.subscribers.forEach((subscriber) => this.send(subscriber));
    });
    this.socket.on('disconnect', (reason) => {
      // the server closed it on purpose (e.g. shutting down): socket.io will not retry by itself
      if (reason === 'io server disconnect') this.socket.connect();
      this.setState('reconnecting');
    });
    this.socket.on('connect_error', (error: Error & { data?: LiveError }) => {
      this.lastError = error.data?.message ?? error.message;
      if (this.socket.active) {
        this.setState(this.state === 'connecting' ? 'connecting' : 'reconnecting');
        return;
      }
      // refused by the server (credentials): try again later with the then-current token
      this.setState('refused');
      window.clearTimeout(this.retry);
      this.retry = window.setTimeout(() => this.socket.connect(), RETRY_REFUSED_MS);
    });
    this.socket.io.on('reconnect_failed', () => this.setState('offline'));
  }

  /** Watch a scope: `onSnapshot` gets the ack's snapshot now and after every reconnect. */
  subscribe(
    request: LiveSubscription,
    onSnapshot: Subscriber['onSnapshot'],
    onError: Subscriber['onError'],
  ): () => void {
    const subscriber: Subscriber = { request, onSnapshot, onError };
    this.subscribers.add(subscriber);
    if (this.socket.connected) this.send(subscriber);
    return () => {
      this.subscribers.delete(subscriber);
      const shared = [...this.subscribers].some((other) => sameScope(other.request, request));
      if (!shared && this.socket.connected) this.socket.emit('unsubscribe', request);
    };
  }

  /** Asks again for every subscription's snapshot (the server's live state started over). */
  resnapshot(): void {
    if (this.socket.connected) this.subscribers.forEach((subscriber) => this.send(subscriber));
  }

  on<E extends DomainEventName>(event: E, handler: (payload: DomainEventMap[E]) => void): () => void {
    const listener = handler as never;
    this.socket.on(event, listener);
    return () => void this.socket.off(event, listener);
  }

  onState(listener: (state: ConnectionState) => void): () => void {
    this.stateListeners.add(listener);
    return () => void this.stateListeners.delete(listener);
  }

  close(): void {
    window.clearTimeout(this.retry);
    this.subscribers.clear();
    this.stateListeners.clear();
    this.socket.disconnect();
  }

  private send(subscriber: Subscriber): void {
    this.socket.emit('subscribe', subscriber.request, (result) => {
      if (!this.subscribers.has(subscriber)) return;
      if (result.ok) subscriber.onSnapshot(result.snapshot);
      else subscriber.onError(result.error);
    });
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    this.stateListeners.forEach((listener) => listener(state));
  }
}

export function sameScope(a: LiveSubscription, b: { scope: string; id?: string | null }): boolean {
  return a.scope === b.scope && (a.id ?? null) === (b.id ?? null);
}
