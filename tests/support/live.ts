import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  LiveHandshakeAuth,
  LiveSnapshot,
  LiveSubscription,
  SeatEventInput,
  ServerToClientEvents,
  SubscribeAck,
} from '#contracts';
import { snapshotOfDelta } from '#contracts';
import type { TestApi } from './test-api.js';

export type LiveClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client on `/live`, connected (or rejected: the promise fails with the connect_error). */
export async function connectLive(baseUrl: string, auth: LiveHandshakeAuth): Promise<LiveClient> {
  const socket: LiveClient = io(`${baseUrl}/live`, {
    auth,
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
  return socket;
}

export function subscribe(socket: LiveClient, request: LiveSubscription): Promise<SubscribeAck> {
  return socket.timeout(10_000).emitWithAck('subscribe', request);
}

/** Every `site.occupancy` delta a socket receives, and a way to wait for one that matches. */
export function recordDeltas(socket: LiveClient) {
  const deltas: LiveSnapshot[] = [];
  const waiters: Array<{ test: (d: LiveSnapshot) => boolean; resolve: (d: LiveSnapshot) => void }> = [];
  socket.on('site.occupancy', (compact) => {
    const delta = snapshotOfDelta(compact);
    deltas.push(delta);
    for (const waiter of [...waiters])
      if (waiter.test(delta)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(delta);
      }
  });
  return {
    deltas,
    waitFor(test: (delta: LiveSnapshot) => boolean, timeoutMs = 10_000): Promise<LiveSnapshot> {
      const seen = deltas.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('no matching site.occupancy delta in time')),
          timeoutMs,
        );
        waiters.push({
          test,
          resolve: (delta) => {
            clearTimeout(timer);
            resolve(delta);
          },
        });
      });
    },
  };
}

export interface DemoSite {
  id: string;
  partnerId: string;
  name: string;
  seats: string[];
}

/** The demo network's partners and sites (with their seat ids), as the admin sees them. */
export async function demoNetwork(api: TestApi) {
  const admin = await api.tokenFor('admin');
  const partners = (await api.request('/api/v1/partners?limit=200', { token: admin })).body.items as Array<{
    id: string;
    name: string;
  }>;
  const sites = (await api.request('/api/v1/sites?limit=200', { token: admin })).body.items as DemoSite[];
  for (const site of sites)
    site.seats = (
      await api.request(`/api/v1/sites/${site.id}/seats?limit=200`, { token: admin })
    ).body.items.map((seat: { id: string }) => seat.id);
  const partner = (name: string) => partners.find((p) => p.name === name)!;
  const siteOf = (partnerName: string) => sites.find((s) => s.partnerId === partner(partnerName).id)!;
  return { partners, sites, partner, siteOf };
}

export function postSeatEvents(api: TestApi, siteId: string, events: SeatEventInput[], token: string) {
  return api.request(`/api/v1/sites/${siteId}/seat-events`, { method: 'POST', token, json: { events } });
}

/** An ISO time `offsetMs` from now (events must not be dated in the future). */
export const isoAgo = (ms: number) => new Date(Date.now() - ms).toISOString();

/** Resolves with the reason when the server closes the socket; fails after `timeoutMs`. */
export function serverDisconnect(socket: LiveClient, timeoutMs = 10_000): Promise<string> {
  if (socket.disconnected) return Promise.resolve('already disconnected');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('the server did not close the socket in time')),
      timeoutMs,
    );
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}
