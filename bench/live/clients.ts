import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, OccupancyDelta, ServerToClientEvents } from '#contracts';
import { type BenchMessage, percentile, serve } from './ipc.js';

/**
 * The dashboards: N socket.io clients on `/live`, each subscribed to one site room. Every
 * `site.occupancy` received counts as a delivered update; every seat in it gives a latency
 * sample, receipt time minus the seat's `at` (stamped by the poster, or by the bare server).
 */
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let sockets: Client[] = [];
let latencies: number[] = [];
/** receipt - the delta's own `at` (when the server built it): the share of latency after the server. */
let delivery: number[] = [];
let messages = 0;
let template: unknown;

function onDelta(delta: OccupancyDelta): void {
  const now = Date.now();
  messages++;
  template ??= delta;
  delivery.push(now - Date.parse(delta.at));
  for (const [, , , at] of delta.seats ?? []) latencies.push(now - at);
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
          Array.from({ length: Math.min(50, message.clients - i) }, (_, j) =>
            connectOne(message.url, message.token, message.siteIds[(i + j) % message.siteIds.length]),
          ),
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
      latencies = [];
      delivery = [];
      messages = 0;
      return { type: 'stats-reply', messages: 0, samples: 0, p50: 0, p99: 0, max: 0 };
    case 'stats': {
      const sorted = Float64Array.from(latencies).sort();
      const after = Float64Array.from(delivery).sort();
      return {
        type: 'stats-reply',
        deliveryP50: percentile(after, 50),
        deliveryP99: percentile(after, 99),
        messages,
        samples: sorted.length,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        max: sorted[sorted.length - 1] ?? NaN,
      };
    }
    case 'template':
      return { type: 'template-reply', payload: template };
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
