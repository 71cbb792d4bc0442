import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, OccupancyDelta, ServerToClientEvents } from '#contracts';
import { type BenchMessage, Histogram, serve } from './ipc.js';

/**
 * The dashboards: N socket.io clients on `/live`, each subscribed to one site room, spread over
 * the api nodes given (client i on node i mod n). Every `site.occupancy` received counts as a
 * delivered update; every seat in it gives a latency sample, receipt time minus the seat's `at`
 * (stamped by the poster, or by the bare server), kept in a 1 ms histogram so that several
 * client processes can be merged by the orchestrator.
 */
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let sockets: Client[] = [];
let latencies = new Histogram();
/** receipt - the delta's own `at` (when the server built it): the share of latency after the server. */
let delivery = new Histogram();
let messages = 0;
let seats = 0;
let template: unknown;
let busiest: OccupancyDelta | undefined;

function onDelta(delta: OccupancyDelta): void {
  const now = Date.now();
  messages++;
  seats += delta.seats?.length ?? 0;
  template ??= delta;
  if ((delta.seats?.length ?? 0) > (busiest?.seats?.length ?? 0)) busiest = delta;
  delivery.add(now - Date.parse(delta.at));
  for (const [, , , at] of delta.seats ?? []) latencies.add(now - at);
}

async function connectOne(url: string, token: string | undefined, siteId: string): Promise<Client> {
  const socket: Client = io(`${url}/live`, {
    auth: token ? { token } : {},
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = await socket.timeout(30_000).emitWithAck('subscribe', { scope: 'site', id: siteId });
  if (!ack.ok) throw new Error(`subscribe refused: ${ack.error.code}`);
  socket.on('site.occupancy', onDelta);
  return socket;
}

serve(async (message: BenchMessage) => {
  switch (message.type) {
    case 'connect': {
      let failed = 0;
      let firstError: string | undefined;
      for (let i = 0; i < message.clients; i += 50) {
        const batch = await Promise.allSettled(
          Array.from({ length: Math.min(50, message.clients - i) }, (_, j) => {
            const n = message.first + i + j;
            return connectOne(
              message.urls[n % message.urls.length],
              message.token,
              message.siteIds[n % message.siteIds.length],
            );
          }),
        );
        for (const result of batch)
          if (result.status === 'fulfilled') sockets.push(result.value);
          else {
            failed++;
            firstError ??= String(result.reason);
          }
      }
      return { type: 'connected', ok: sockets.length, failed, firstError };
    }
    case 'reset':
      latencies = new Histogram();
      delivery = new Histogram();
      messages = 0;
      seats = 0;
      busiest = undefined;
      return { type: 'stats-reply', messages: 0, latencies: [], delivery: [], seats: 0 };
    case 'stats':
      return {
        type: 'stats-reply',
        messages,
        latencies: latencies.counts(),
        delivery: delivery.counts(),
        seats,
      };
    case 'template':
      return { type: 'template-reply', payload: template, busiest };
    case 'disconnect':
      sockets.forEach((socket) => socket.close());
      sockets = [];
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { type: 'disconnected' };
    default:
      return undefined;
  }
});
process.send?.({ type: 'ready' });
