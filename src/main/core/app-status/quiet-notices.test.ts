import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/logger';
import type { AppNotification } from '../notify/notifier';
import { ManualTimers } from '../refresh/timers';
import type { QuietHours } from '../updates/quiet-hours';
import type { AppStatusEvent, AppStatusNotice } from './app-events';
import { QuietNotices } from './quiet-notices';

const QUIET: QuietHours = { start: '22:00', end: '07:00', timeZone: 'UTC' };
const NIGHT = Date.parse('2026-06-01T23:00:00.000Z');
const DAY = Date.parse('2026-06-01T12:00:00.000Z');

function notice(event: AppStatusEvent, title: string, cellId = 'cell-1'): AppStatusNotice {
  return {
    cellId,
    event,
    notification: { title, body: title, target: { view: 'overview' } },
    at: new Date().toISOString(),
  };
}

function setup(start: number, quiet: QuietHours | null = QUIET) {
  const timers = new ManualTimers(start);
  const said: AppNotification[] = [];
  let hours = quiet;
  const notices = new QuietNotices({
    notifier: {
      notify: (n) => {
        said.push(n);
        return true;
      },
    },
    quietHours: () => hours,
    timers,
    logger: createMemoryLogger(),
  });
  return {
    timers,
    said,
    notices,
    setQuiet: (q: QuietHours | null) => {
      hours = q;
    },
  };
}

describe('main/core/app-status/quiet-notices', () => {
  it('says a notice at once outside quiet hours', () => {
    const { notices, said } = setup(DAY);
    notices.push(notice({ kind: 'maintenance-on' }, 'prod: maintenance on'));
    expect(said.map((n) => n.title)).toEqual(['prod: maintenance on']);
  });

  it('holds notices in quiet hours and says the latest per cell and topic when they end', async () => {
    const { notices, said, timers } = setup(NIGHT);
    notices.push(notice({ kind: 'version-changed', from: 'a', to: 'b' }, 'prod updated to b'));
    notices.push(notice({ kind: 'version-changed', from: 'b', to: 'c' }, 'prod updated to c'));
    notices.push(notice({ kind: 'maintenance-on' }, 'staging: maintenance on', 'cell-2'));
    expect(said).toEqual([]);
    expect(notices.waiting).toBe(2);
    await timers.advance(8 * 3_600_000);
    expect(said.map((n) => n.title)).toEqual(['prod updated to c', 'staging: maintenance on']);
    expect(notices.waiting).toBe(0);
  });

  it('says nothing of an outage or a maintenance period that began and ended in quiet hours', async () => {
    const { notices, said, timers } = setup(NIGHT);
    const problem = { kind: 'unreachable', message: 'down', fix: null, code: null } as const;
    notices.push(
      notice({ kind: 'unreachable', problem, since: '2026-06-01T23:00:00.000Z' }, 'prod unreachable'),
    );
    notices.push(notice({ kind: 'reachable-again', downSince: null, version: null }, 'prod reachable again'));
    notices.push(notice({ kind: 'maintenance-on' }, 'prod: maintenance on'));
    notices.push(notice({ kind: 'maintenance-off' }, 'prod: maintenance off'));
    await timers.advance(8 * 3_600_000);
    expect(said).toEqual([]);
  });

  it('lets held notices out at once when quiet hours are switched off', () => {
    const { notices, said, setQuiet } = setup(NIGHT);
    notices.push(notice({ kind: 'maintenance-on' }, 'prod: maintenance on'));
    setQuiet(null);
    notices.reschedule();
    expect(said.map((n) => n.title)).toEqual(['prod: maintenance on']);
  });
});
