/** Messages between the bench orchestrator and its child processes (node IPC). */
export type BenchMessage =
  | {
      type: 'connect';
      /** api nodes: client n connects to urls[n mod urls.length] and subscribes to siteIds[n mod …] */
      urls: string[];
      token?: string;
      siteIds: string[];
      /** index of this process's first client among all, and how many it connects */
      first: number;
      clients: number;
    }
  | { type: 'connected'; ok: number; failed: number; firstError?: string }
  | { type: 'reset' }
  | { type: 'stats' }
  | {
      type: 'stats-reply';
      messages: number;
      /** latency histograms as [ms, count] pairs (see Histogram) */
      latencies: Array<[number, number]>;
      delivery: Array<[number, number]>;
      /** seats carried by the updates counted */
      seats: number;
    }
  | { type: 'template' }
  | {
      type: 'template-reply';
      /** the first update received (a real Plateau delta) */
      payload: unknown;
      /** the update with the most seats received since the last reset */
      busiest: unknown;
    }
  | { type: 'disconnect' }
  | { type: 'disconnected' }
  | {
      type: 'emit';
      ratePerSecond: number;
      siteIds: string[];
      template: unknown;
      durationMs: number;
      /** seats of the template each update carries (1 unless given) */
      seatsPerUpdate?: number;
    }
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

/** Latencies in whole milliseconds (0 to 60 s), mergeable across client processes. */
export class Histogram {
  private static readonly MAX = 60_000;
  private readonly bins = new Uint32Array(Histogram.MAX + 1);
  private total = 0;

  add(ms: number): void {
    this.bins[Math.min(Histogram.MAX, Math.max(0, Math.round(ms)))]++;
    this.total++;
  }

  /** The non-empty bins as [ms, count] pairs. */
  counts(): Array<[number, number]> {
    const pairs: Array<[number, number]> = [];
    this.bins.forEach((count, ms) => count && pairs.push([ms, count]));
    return pairs;
  }

  merge(pairs: Array<[number, number]>): this {
    for (const [ms, count] of pairs) {
      this.bins[ms] += count;
      this.total += count;
    }
    return this;
  }

  get samples(): number {
    return this.total;
  }

  percentile(p: number): number {
    if (!this.total) return NaN;
    const rank = Math.min(this.total - 1, Math.floor((p / 100) * this.total));
    let seen = 0;
    for (let ms = 0; ms <= Histogram.MAX; ms++) {
      seen += this.bins[ms];
      if (seen > rank) return ms;
    }
    return Histogram.MAX;
  }
}

/** Heap + external after a full GC (children run with --expose-gc). */
export function measuredMemory(): BenchMessage {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const usage = process.memoryUsage();
  return { type: 'memory-reply', heapUsed: usage.heapUsed, external: usage.external, rss: usage.rss };
}
