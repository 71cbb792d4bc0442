export interface CoalescerOptions {
  /** sustained flushes per second per key */
  ratePerSecond: number;
  /** flushes allowed back to back before the rate applies (a quiet room updates at once) */
  burst: number;
}

interface KeyState<T> {
  pending?: T;
  tokens: number;
  refilledAt: number;
  timer?: NodeJS.Timeout;
  /** the flush now running, if any (settles, never rejects) */
  flushing?: Promise<void>;
}

/**
 * Per-key coalescing with a token bucket: a quiet key flushes immediately; a busy one at most
 * `ratePerSecond` times a second, merging what arrives in between. What is pending is always
 * flushed in the end, and flushes of one key never overlap, so the last state is never dropped.
 */
export class Coalescer<T> {
  private readonly keys = new Map<string, KeyState<T>>();
  private stopped = false;
  /** set by drain: what is pending is flushed by the drain itself, not by timers */
  private draining = false;

  constructor(
    private readonly options: CoalescerOptions,
    private readonly merge: (pending: T | undefined, next: T) => T,
    private readonly flush: (key: string, batch: T) => Promise<void>,
    private readonly now: () => number = Date.now,
  ) {}

  push(key: string, item: T): void {
    if (this.stopped) return;
    let state = this.keys.get(key);
    if (!state) this.keys.set(key, (state = { tokens: this.options.burst, refilledAt: this.now() }));
    state.pending = this.merge(state.pending, item);
    this.schedule(key, state);
  }

  /** Keys with something waiting (tests, shutdown). */
  get pendingKeys(): number {
    return [...this.keys.values()].filter(
      (state) => state.pending !== undefined || state.flushing !== undefined,
    ).length;
  }

  /**
   * Flushes everything pending now, ignoring the rate (shutdown). A key whose flush is running
   * has that flush finish first, then what arrived behind it goes out: its newest state is never
   * left behind. Each key gets one last attempt; a failure there is not retried.
   */
  async drain(): Promise<void> {
    this.draining = true;
    await Promise.all(
      [...this.keys].map(async ([key, state]) => {
        clearTimeout(state.timer);
        state.timer = undefined;
        await state.flushing;
        if (state.pending !== undefined) await this.run(key, state);
      }),
    );
  }

  stop(): void {
    this.stopped = true;
    for (const state of this.keys.values()) clearTimeout(state.timer);
    this.keys.clear();
  }

  private schedule(key: string, state: KeyState<T>): void {
    // once draining or stopped, the drain sends what is left: no more timers
    if (this.stopped || this.draining) return;
    if (state.timer || state.flushing || state.pending === undefined) return;
    this.refill(state);
    const wait = state.tokens >= 1 ? 0 : Math.ceil(((1 - state.tokens) * 1000) / this.options.ratePerSecond);
    // even an immediate flush waits for the current tick, so one batch of events makes one update
    state.timer = setTimeout(() => this.fire(key, state), wait);
  }

  private fire(key: string, state: KeyState<T>): void {
    state.timer = undefined;
    this.refill(state);
    if (state.tokens < 1) return this.schedule(key, state);
    void this.run(key, state);
  }

  private async run(key: string, state: KeyState<T>): Promise<void> {
    const batch = state.pending as T;
    state.pending = undefined;
    state.tokens -= 1;
    state.flushing = this.flush(key, batch).catch(() => {
      // the next push (or the retry below) carries the state again: flushes read fresh figures
      state.pending = state.pending === undefined ? batch : this.merge(batch, state.pending);
    });
    await state.flushing;
    state.flushing = undefined;
    this.schedule(key, state);
  }

  private refill(state: KeyState<T>): void {
    const now = this.now();
    state.tokens = Math.min(
      this.options.burst,
      state.tokens + ((now - state.refilledAt) * this.options.ratePerSecond) / 1000,
    );
    state.refilledAt = now;
  }
}
