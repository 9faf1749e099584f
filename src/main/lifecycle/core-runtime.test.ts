import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cellCheck } from '../../../test/support/cell-checks';
import type { AppStatusState } from '../../shared/app-status/app-status-ipc';
import type { Cell } from '../../shared/cells/cell';
import type { CellCheck } from '../../shared/cells/cell-check';
import { MemoryTokenStore } from '../core/app-status/token-store';
import type { CellCheckerPort } from '../core/cells/cells-service';
import { FileSettingsBackend } from '../core/cells/settings-backend';
import { AppErrorException } from '../core/errors/app-error';
import { createMemoryLogger } from '../core/log/logger';
import type { AppNotification } from '../core/notify/notifier';
import { ManualTimers } from '../core/refresh/timers';
import { CoreRuntime } from './core-runtime';

const MINUTE = 60_000;
const START = Date.parse('2026-11-21T09:00:00.000Z');

function healthyCheck(cell: Cell, now: number): CellCheck {
  return cellCheck(cell, { checkedAt: new Date(now).toISOString() });
}

let dir: string;
let timers: ManualTimers;
let runtime: CoreRuntime;
let notifications: AppNotification[];
let checker: CellCheckerPort & { check: ReturnType<typeof vi.fn> };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-runtime-'));
  timers = new ManualTimers(START);
  notifications = [];
  checker = {
    check: vi.fn(async (cell: Cell) => healthyCheck(cell, timers.now())),
    discover: vi.fn(),
    recentEvents: vi.fn(),
    forget: vi.fn(),
    dispose: vi.fn(),
  };
  runtime = await CoreRuntime.open({
    settings: new FileSettingsBackend(join(dir, 'settings.json')),
    logger: createMemoryLogger(),
    notifier: {
      notify: (notification) => {
        notifications.push(notification);
        return true;
      },
    },
    timers,
    checker,
  });
  await runtime.cells.add({
    name: 'prod',
    region: 'eu-central-1',
    accountId: '123456789012',
    instanceStack: 'gitpod-instance',
  });
});

afterEach(async () => {
  runtime.dispose();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Moves simulated time. A refresh reads the updates file from disk (imports the CLI saved), so
 * after each timer the test waits, on real time, for a refresh in flight to finish: microtasks
 * alone do not cover file I/O.
 */
function advance(ms: number, subject: () => CoreRuntime = () => runtime): Promise<void> {
  return timers.advance(ms, async () => {
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 500 && subject().scheduler.state().running; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  });
}

describe('main/lifecycle/core-runtime', () => {
  it('checks each cell on start and every 15 minutes: 5 checks over the first simulated hour', async () => {
    runtime.start();
    await advance(60 * MINUTE);
    expect(checker.check).toHaveBeenCalledTimes(5);
    expect(runtime.status.snapshot()).toMatchObject({ state: 'ok', checking: false });
    expect(runtime.status.snapshot().cells).toEqual([{ name: 'prod', state: 'ok', line: 'stacks stable' }]);
  });

  it('follows a refresh interval saved in the settings at once: every 30 minutes gives 3 checks in an hour', async () => {
    runtime.start();
    await advance(0);
    await runtime.settings.setMonitoring({ ...runtime.settings.monitoring(), refreshIntervalMinutes: 30 });
    await advance(60 * MINUTE);
    expect(checker.check).toHaveBeenCalledTimes(3);
    expect(runtime.scheduler.state().intervalMinutes).toBe(30);
  });

  it('starts with the interval the settings file holds', async () => {
    runtime.dispose();
    await runtime.settings.setMonitoring({ ...runtime.settings.monitoring(), refreshIntervalMinutes: 60 });
    const reopened = await CoreRuntime.open({
      settings: new FileSettingsBackend(join(dir, 'settings.json')),
      logger: createMemoryLogger(),
      notifier: { notify: () => true },
      timers,
      checker,
    });
    try {
      checker.check.mockClear();
      reopened.start();
      await advance(60 * MINUTE, () => reopened);
      expect(checker.check).toHaveBeenCalledTimes(2);
    } finally {
      reopened.dispose();
    }
  });

  it('refreshes when the tray menu opens, but not twice within 30 seconds', async () => {
    runtime.start();
    await advance(MINUTE);
    runtime.trigger('tray-open');
    await advance(0);
    expect(checker.check).toHaveBeenCalledTimes(2);
    runtime.trigger('dashboard-open');
    await advance(10_000);
    expect(checker.check).toHaveBeenCalledTimes(2);
    await advance(30_000);
    expect(checker.check).toHaveBeenCalledTimes(3);
  });

  it('retries after a minute, not the full interval, while AWS cannot be reached', async () => {
    checker.check.mockImplementation(async (cell: Cell) => ({
      ...healthyCheck(cell, timers.now()),
      stacks: [],
      errors: [{ code: 'offline', message: 'AWS could not be reached.' }],
    }));
    runtime.start();
    await advance(0);
    expect(runtime.status.snapshot().state).toBe('offline');
    await advance(MINUTE);
    expect(checker.check).toHaveBeenCalledTimes(2);
  });

  it('retries after a minute while AWS cannot be reached, also when a pending update known from before outranks offline in the tray', async () => {
    let reachable = true;
    checker.check.mockImplementation(async (cell: Cell) =>
      reachable
        ? {
            ...healthyCheck(cell, timers.now()),
            updateSignals: {
              changeSets: [
                {
                  stackKind: 'instance',
                  stackName: 'gitpod-instance',
                  changeSetId:
                    'arn:aws:cloudformation:eu-central-1:123456789012:changeSet/gitpod-update-v40/0000aaaa-1111',
                  changeSetName: 'gitpod-update-v40',
                  status: 'CREATE_COMPLETE',
                  executionStatus: 'AVAILABLE',
                  creationTime: new Date(START).toISOString(),
                  description: 'Infrastructure Update v40',
                },
              ],
              listedStacks: ['gitpod-instance'],
              deployedTemplates: [],
            },
          }
        : {
            ...healthyCheck(cell, timers.now()),
            stacks: [],
            errors: [{ code: 'offline', message: 'AWS could not be reached.' }],
          },
    );
    runtime.start();
    await advance(0);
    expect(runtime.status.snapshot().state).toBe('attention');

    reachable = false;
    runtime.trigger('tray-open');
    await advance(30_000);
    expect(checker.check).toHaveBeenCalledTimes(2);
    // The update still leads the tray; the line says AWS could not be reached.
    expect(runtime.status.snapshot().state).toBe('attention');
    expect(runtime.status.snapshot().cells[0]?.line).toContain('AWS could not be reached');
    expect(runtime.scheduler.state().consecutiveFailures).toBe(1);

    await advance(MINUTE);
    expect(checker.check).toHaveBeenCalledTimes(3);
  });

  it('stops every timer when disposed', async () => {
    runtime.start();
    await advance(MINUTE);
    runtime.dispose();
    await advance(120 * MINUTE);
    expect(checker.check).toHaveBeenCalledTimes(1);
    expect(timers.pendingCount).toBe(0);
  });

  it('raises no notification for a healthy cell with nothing pending', async () => {
    await runtime.checkNow();
    expect(notifications).toEqual([]);
  });
});

describe('main/lifecycle/core-runtime: live cell status', () => {
  async function openWith(tokens?: MemoryTokenStore): Promise<CoreRuntime> {
    runtime.dispose();
    const reopened = await CoreRuntime.open({
      settings: new FileSettingsBackend(join(dir, 'settings.json')),
      logger: createMemoryLogger(),
      notifier: { notify: () => true },
      timers,
      checker,
      ...(tokens ? { tokens } : {}),
    });
    runtime = reopened;
    return reopened;
  }

  async function appCellsSettled(subject: CoreRuntime): Promise<void> {
    for (let i = 0; i < 200 && subject.appStatusState().cells.length === 0; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  }

  it('lists a cell without a domain with the hint to add one, and no token', async () => {
    await appCellsSettled(runtime);
    expect(runtime.appStatusState()).toMatchObject({
      mode: 'tray',
      cells: [{ name: 'prod', domain: null, hasToken: false, problem: { kind: 'no-domain' } }],
    });
  });

  it('without a token store, says tokens cannot be stored and refuses one', async () => {
    await appCellsSettled(runtime);
    const cellId = runtime.cells.state().cells[0]?.cell.id ?? '';
    expect(runtime.appStatusState().tokenStorage.available).toBe(false);
    await expect(runtime.setAppToken(cellId, 'gitpod_pat_runtime.secret')).rejects.toBeInstanceOf(
      AppErrorException,
    );
    expect(runtime.appStatusState().cells[0]?.hasToken).toBe(false);
  });

  it('stores and clears a token, telling the listeners only that one is stored', async () => {
    const tokens = new MemoryTokenStore();
    const subject = await openWith(tokens);
    await appCellsSettled(subject);
    const cellId = subject.cells.state().cells[0]?.cell.id ?? '';
    const heard: AppStatusState[] = [];
    subject.subscribeAppStatus((state) => heard.push(state));
    expect((await subject.setAppToken(cellId, 'gitpod_pat_runtime.secret')).cells[0]?.hasToken).toBe(true);
    expect(await tokens.get(cellId)).toBe('gitpod_pat_runtime.secret');
    expect((await subject.clearAppToken(cellId)).cells[0]?.hasToken).toBe(false);
    expect(heard.map((state) => state.cells[0]?.hasToken)).toEqual([true, false]);
    expect(JSON.stringify(heard)).not.toContain('runtime.secret');
    await expect(
      subject.setAppToken('7a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d', 'gitpod_pat_x.y'),
    ).rejects.toThrow(/no longer exists/);
  });

  it('follows the dashboard: dashboard pace while it is open, tray pace when it is not', async () => {
    runtime.setDashboardOpen(true);
    expect(runtime.appStatusState().mode).toBe('dashboard');
    runtime.setDashboardOpen(false);
    expect(runtime.appStatusState().mode).toBe('tray');
  });

  it('picks up a domain given to a cell later', async () => {
    await appCellsSettled(runtime);
    const cell = runtime.cells.state().cells[0]?.cell;
    if (!cell) throw new Error('no cell');
    await runtime.cells.update({ ...cell, domain: 'gitpod.acme.example' });
    for (let i = 0; i < 200 && runtime.appStatusState().cells[0]?.domain === null; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(runtime.appStatusState().cells[0]).toMatchObject({ domain: 'gitpod.acme.example', problem: null });
  });
});
