/**
 * A clock that runs `scale` times faster than the wall clock, for the app's own waits in the fault
 * matrix. The apply runner and the refresh scheduler wait through the TimerPort (2 s between
 * monitor polls, 2–30 s between retries, 1 min before a refresh after a failure); the SDK, moto
 * and the fault proxy keep real time. At scale 30, a 2 s real outage is the minute the issue asks
 * for on the app's clock, and the app's whole retry schedule (a minute) takes 2 s.
 *
 * Unlike ManualTimers, nothing has to be advanced by hand while real HTTP is in flight: time
 * simply passes faster, and everything the app compares (deadlines, the monitor's grace period,
 * journal timestamps) is measured on this one clock.
 */
import type { TimerPort } from '../../../src/main/core/refresh/timers';

export class ScaledTimers implements TimerPort {
  private readonly realStart = Date.now();
  private readonly virtualStart: number;

  constructor(
    readonly scale: number,
    start: number = Date.now(),
  ) {
    if (!(scale >= 1)) throw new Error('the scale must be at least 1');
    this.virtualStart = start;
  }

  now(): number {
    return this.virtualStart + (Date.now() - this.realStart) * this.scale;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const handle = setTimeout(callback, Math.max(0, ms) / this.scale);
    // Like systemTimers: a pending wait must not keep the test worker alive.
    handle.unref?.();
    return handle;
  }

  clearTimeout(handle: unknown): void {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  }

  /** Real milliseconds for `ms` on this clock (e.g. how long the proxy must stay down). */
  realMs(ms: number): number {
    return ms / this.scale;
  }
}
