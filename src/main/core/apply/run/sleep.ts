import type { TimerPort } from '../../refresh/timers';

/** Raised by `sleep` when the runner is stopped while waiting. */
export class StoppedError extends Error {
  constructor() {
    super('the apply runner was stopped');
    this.name = 'StoppedError';
  }
}

/** A stop switch shared by everything one runner instance waits on. */
export class StopSignal {
  private stopped = false;
  private readonly listeners = new Set<() => void>();

  get isStopped(): boolean {
    return this.stopped;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const listener of this.listeners) listener();
    this.listeners.clear();
  }

  onStop(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  throwIfStopped(): void {
    if (this.stopped) throw new StoppedError();
  }
}

/** Waits on the TimerPort (simulated time in tests); rejects with StoppedError when stopped. */
export function sleep(timers: TimerPort, ms: number, signal: StopSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal.isStopped) {
      reject(new StoppedError());
      return;
    }
    let off = (): void => undefined;
    const handle = timers.setTimeout(() => {
      off();
      resolve();
    }, ms);
    off = signal.onStop(() => {
      timers.clearTimeout(handle);
      reject(new StoppedError());
    });
  });
}
