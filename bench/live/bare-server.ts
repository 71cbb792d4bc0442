import { createServer } from 'node:http';
import { Server } from 'socket.io';
import type { ClientToServerEvents, OccupancyDelta, ServerToClientEvents } from '#contracts';
import { type BenchMessage, measuredMemory, serve } from './ipc.js';

/**
 * The baseline: a bare socket.io server with the same namespace and subscribe/ack protocol,
 * emitting the same payloads (a real delta captured from Plateau, restamped) to the same site
 * rooms from a timer (one seat each, or as many as Plateau's updates carried under ingest). No
 * HTTP ingestion, no auth, no store, no coalescing.
 */
const http = createServer();
const io = new Server<ClientToServerEvents, ServerToClientEvents>(http, { serveClient: false });
const live = io.of('/live');
live.on('connection', (socket) => {
  socket.on('subscribe', (request, ack) => {
    void socket.join(`site:${request.id}`);
    ack({
      ok: true,
      snapshot: {
        epoch: 'bare',
        scope: 'site',
        id: request.id ?? null,
        totals: undefined as never,
        sites: [],
        at: new Date().toISOString(),
      },
    });
  });
});

serve(async (message: BenchMessage) => {
  if (message.type === 'memory') return measuredMemory();
  if (message.type !== 'emit') return undefined;
  const template = message.template as OccupancyDelta;
  const interval = 1000 / message.ratePerSecond;
  const started = Date.now();
  let count = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const elapsed = Date.now() - started;
      if (elapsed >= message.durationMs) return resolve();
      const due = Math.floor(elapsed / interval) + 1;
      for (; count < due; count++) {
        const siteId = message.siteIds[Math.floor(Math.random() * message.siteIds.length)];
        const now = Date.now();
        const payload: OccupancyDelta = {
          ...template,
          id: siteId,
          at: new Date(now).toISOString(),
          seats: (template.seats ?? [])
            .slice(0, message.seatsPerUpdate ?? 1)
            .map(([seatId, state, campaignId, , since]) => [seatId, state, campaignId, now, since]),
        };
        live.to(`site:${siteId}`).emit('site.occupancy', payload);
      }
      setTimeout(tick, Math.max(1, interval / 4));
    };
    tick();
  });
  return { type: 'emitted', count };
});

http.listen(0, '127.0.0.1', () => {
  const address = http.address() as { port: number };
  process.send?.({ type: 'ready', port: address.port });
});
