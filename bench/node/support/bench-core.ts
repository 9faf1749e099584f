/**
 * The app's monitoring core as the shell starts it (CoreRuntime: settings, cells, updates,
 * status, the refresh scheduler), on simulated time, with its settings in a temporary folder
 * and the cells' AWS clients pointed at the bench endpoint.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CellChecker } from '../../../src/main/core/cells/cell-checker';
import { FileSettingsBackend } from '../../../src/main/core/cells/settings-backend';
import { createLogger, type Logger } from '../../../src/main/core/log/logger';
import { ManualTimers, type TimerPort } from '../../../src/main/core/refresh/timers';
import { CoreRuntime } from '../../../src/main/lifecycle/core-runtime';
import { type BenchCell, benchClientFactory } from './seeded-cells';

/** A logger that keeps nothing (a memory logger would grow and be measured) but counts problems. */
export interface CountingLogger extends Logger {
  readonly counts: { warn: number; error: number };
  /** The last error, to say what went wrong when a bench's sanity check fails. */
  lastError: string | null;
}

export function countingLogger(): CountingLogger {
  const counts = { warn: 0, error: 0 };
  const logger = createLogger({
    write: (level, message) => {
      if (level === 'warn') counts.warn += 1;
      if (level === 'error') {
        counts.error += 1;
        result.lastError = message;
      }
    },
  });
  const result: CountingLogger = { ...logger, counts, lastError: null };
  return result;
}

export interface BenchCoreOptions {
  readonly cells: readonly BenchCell[];
  /** The endpoint the app's clients talk to: the fault proxy, so calls are counted. */
  readonly endpoint: string;
  /** Simulated time by default; `systemTimers` for the real-time measurements. */
  readonly timers?: TimerPort;
  /** Where the settings live; a fresh temporary folder when absent. */
  readonly dir?: string;
}

export interface BenchCore {
  readonly runtime: CoreRuntime;
  readonly logger: CountingLogger;
  readonly dir: string;
  /** Stops every timer and closes the clients; the settings folder stays (see `removeDir`). */
  dispose(): void;
  removeDir(): Promise<void>;
}

/**
 * Opens the core with `cells` configured (added through the cells service, as the admin's
 * Settings → Cells does), not yet started. Live app status stays idle: the cells have no domain.
 */
export async function openBenchCore(options: BenchCoreOptions): Promise<BenchCore> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'dedicated-admin-bench-')));
  const settingsPath = join(dir, 'settings.json');
  const timers = options.timers ?? new ManualTimers(Date.now());
  const logger = countingLogger();
  const factory = benchClientFactory(options.endpoint, options.cells);
  const runtime = await CoreRuntime.open({
    settings: new FileSettingsBackend(settingsPath),
    logger,
    notifier: { notify: () => true },
    timers,
    checker: new CellChecker(factory, { now: () => new Date(timers.now()) }),
    createClients: factory,
  });
  const configured = new Set(runtime.settings.cells().map((cell) => cell.name));
  for (const cell of options.cells) {
    if (!configured.has(cell.draft.name)) await runtime.cells.add(cell.draft);
  }
  return {
    runtime,
    logger,
    dir,
    dispose: () => runtime.dispose(),
    removeDir: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Moves simulated time by `ms`, letting each refresh the timers start finish first. A refresh
 * does real HTTP and file I/O, which microtasks alone do not cover, so this waits on real time
 * while the scheduler says one is running (as src/main/lifecycle/core-runtime.test.ts does).
 */
export async function advance(timers: ManualTimers, runtime: CoreRuntime, ms: number): Promise<void> {
  await timers.advance(ms, () => settle(runtime));
}

export async function settle(runtime: CoreRuntime): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (runtime.scheduler.state().running) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
