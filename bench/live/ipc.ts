/** Messages between the bench orchestrator and its child processes (node IPC). */
export type BenchMessage =
  | { type: 'connect'; url: string; token?: string; siteIds: string[]; clients: number }
  | { type: 'connected'; ok: number; failed: number; firstError?: string }
  | { type: 'reset' }
  | { type: 'stats' }
  | {
      type: 'stats-reply';
      messages: number;
      samples: number;
      p50: number;
      p99: number;
      max: number;
      deliveryP50?: number;
      deliveryP99?: number;
    }
  | { type: 'template' }
  | { type: 'template-reply'; payload: unknown }
  | { type: 'disconnect' }
  | { type: 'disconnected' }
  | { type: 'emit'; ratePerSecond: number; siteIds: string[]; template: unknown; durationMs: number }
  | { type: 'emitted'; count: number }
  | { type: 'memory' }
  | { type: 'memory-reply'; heapUsed: number; external: number; rss: number }
  | { type: 'ready'; port?: number };

export function send(message: BenchMessage): void {
  process.send?.(message);
}

/** Handles requests from the parent, answering each with what the handler returns. */
export function serve(handler: (message: BenchMessage) => Promise<BenchMessage | undefined>): void {
  process.on('message', (message: BenchMessage) => {
    handler(message).then(
      (reply) => reply && send(reply),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Heap + external after a full GC (children run with --expose-gc). */
export function measuredMemory(): BenchMessage {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return { type: 'memory-reply', heapUsed: usage.heapUsed, external: usage.external, rss: usage.rss };
}
