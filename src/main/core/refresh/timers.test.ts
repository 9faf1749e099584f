import { describe, expect, it } from 'vitest';
import { ManualTimers, systemTimers } from './timers';

describe('main/core/refresh/timers', () => {
  it('fires nothing until the clock is advanced, then fires due timers in time order', async () => {
    const timers = new ManualTimers(1_000);
    const fired: string[] = [];
    timers.setTimeout(() => fired.push(`b@${timers.now()}`), 200);
    timers.setTimeout(() => fired.push(`a@${timers.now()}`), 100);
    timers.setTimeout(() => fired.push(`c@${timers.now()}`), 200);
    expect(fired).toEqual([]);
    await timers.advance(150);
    expect(fired).toEqual(['a@1100']);
    expect(timers.now()).toBe(1_150);
    await timers.advance(50);
    expect(fired).toEqual(['a@1100', 'b@1200', 'c@1200']);
  });

  it('fires timers set by a timer within the same advance, and skips cleared ones', async () => {
    const timers = new ManualTimers();
    const fired: number[] = [];
    const cleared = timers.setTimeout(() => fired.push(-1), 50);
    timers.setTimeout(() => {
      fired.push(timers.now());
      timers.setTimeout(() => fired.push(timers.now()), 30);
    }, 10);
    timers.clearTimeout(cleared);
    await timers.advance(100);
    expect(fired).toEqual([10, 40]);
    expect(timers.pendingCount).toBe(0);
  });

  it('lets promise work started by a timer settle before the next timer fires', async () => {
    const timers = new ManualTimers();
    const log: string[] = [];
    timers.setTimeout(() => {
      void Promise.resolve().then(() => log.push('work done'));
    }, 10);
    timers.setTimeout(() => log.push('next timer'), 10);
    await timers.advance(10);
    expect(log).toEqual(['work done', 'next timer']);
  });

  it('runs real timers through the system port', async () => {
    const start = systemTimers.now();
    await new Promise<void>((resolve) => systemTimers.setTimeout(resolve, 5));
    expect(systemTimers.now()).toBeGreaterThanOrEqual(start + 4);
    const handle = systemTimers.setTimeout(() => {
      throw new Error('should have been cleared');
    }, 1);
    systemTimers.clearTimeout(handle);
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
