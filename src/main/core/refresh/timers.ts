/**
 * The clock and timers that time-driven core code uses, so tests and the benchmark can run it
 * on simulated time. Handles are opaque: each implementation hands back its own kind.
 */
export interface TimerPort {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The real clock. Timers are unref'd: a pending refresh must not keep the CLI alive. */
export const systemTimers: TimerPort = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface PendingTimer {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/** Lets promise callbacks queued by a timer run (a refresh that resolves at once, say). */
function flushMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Simulated time: nothing happens until `advance` moves the clock, firing due timers in time
 * order (ties in the order they were set) and letting the work each one starts settle before
 * the next. `settle` can wait for more than microtasks, e.g. a refresh doing real HTTP.
 */
export class ManualTimers implements TimerPort {
  private current: number;
  private nextId = 1;
  private readonly pending: PendingTimer[] = [];

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, ms), callback };
    this.pending.push(timer);
    return timer.id;
  }

  clearTimeout(handle: unknown): void {
    const index = this.pending.findIndex((timer) => timer.id === handle);
    if (index >= 0) this.pending.splice(index, 1);
  }

  /** How many timers are set and not yet fired or cleared. */
  get pendingCount(): number {
    return this.pending.length;
  }

  async advance(ms: number, settle: () => Promise<void> = flushMicrotasks): Promise<void> {
    const target = this.current + ms;
    await settle();
    for (;;) {
      const due = this.pending
        .filter((timer) => timer.at <= target)
        .sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.pending.splice(this.pending.indexOf(due), 1);
      this.current = due.at;
      due.callback();
      await settle();
    }
    this.current = target;
  }
}
