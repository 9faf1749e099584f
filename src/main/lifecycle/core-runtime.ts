import { dirname, join } from 'node:path';
import type { MonitoringSettings } from '../../shared/monitoring-settings';
import type { StatusSnapshot } from '../../shared/status';
import { CellChecker } from '../core/cells/cell-checker';
import type { CellCheckerPort } from '../core/cells/cells-service';
import { CellsService } from '../core/cells/cells-service';
import type { SettingsBackend } from '../core/cells/settings-backend';
import { SettingsRepository } from '../core/cells/settings-repository';
import { describeError, type Logger } from '../core/log/logger';
import type { Notifier } from '../core/notify/notifier';
import { RefreshScheduler, type RefreshTrigger } from '../core/refresh/refresh-scheduler';
import { systemTimers, type TimerPort } from '../core/refresh/timers';
import { type CellStatusSource, StatusService } from '../core/status/status-service';
import { JsonFileLedger, LEDGER_FILE_NAME } from '../core/updates/notification-ledger';
import type { QuietHours } from '../core/updates/quiet-hours';
import { updatesFileBeside } from '../core/updates/update-file';
import { UpdateStore } from '../core/updates/update-store';
import { UpdatesService } from '../core/updates/updates-service';
import { systemTimeZone } from '../core/updates/zoned-time';

/** Quiet hours on this machine's wall clock, in the zone it is in now (a laptop travels). */
function quietHoursOf(monitoring: MonitoringSettings): QuietHours | null {
  return monitoring.quietHours ? { ...monitoring.quietHours, timeZone: systemTimeZone() } : null;
}

export interface CoreRuntimeOptions {
  readonly settings: SettingsBackend;
  readonly logger: Logger;
  readonly notifier: Notifier;
  readonly timers?: TimerPort;
  /** Extra status sources (the test bridge scripts some). */
  readonly extraSources?: readonly CellStatusSource[];
  readonly checker?: CellCheckerPort;
}

/**
 * The app's services, wired once, without Electron: the shell and the test bridge both start
 * it. A refresh checks every cell (one DescribeStacks and a ListChangeSets per stack), folds
 * the pending updates into the tray, then raises the notifications that became due; a single
 * timer wakes it for the next reminder in between.
 */
export class CoreRuntime {
  private wake: unknown = null;
  private disposed = false;

  private constructor(
    readonly settings: SettingsRepository,
    readonly cells: CellsService,
    readonly updates: UpdatesService,
    readonly status: StatusService,
    readonly scheduler: RefreshScheduler,
    private readonly options: CoreRuntimeOptions,
    private readonly timers: TimerPort,
  ) {}

  static async open(options: CoreRuntimeOptions): Promise<CoreRuntime> {
    const { logger } = options;
    const timers = options.timers ?? systemTimers;
    const now = (): Date => new Date(timers.now());
    const repository = await SettingsRepository.open(options.settings, logger, now);
    const cells = new CellsService(repository, options.checker ?? new CellChecker());
    const store = await UpdateStore.open(updatesFileBeside(options.settings.path), { logger, now });
    const ledger = await JsonFileLedger.open(join(dirname(options.settings.path), LEDGER_FILE_NAME), {
      logger,
      now,
    });
    const updates = new UpdatesService({
      store,
      ledger,
      cells: () => cells.state().cells,
      logger,
      now,
      quietHours: () => quietHoursOf(repository.monitoring()),
    });
    const status = new StatusService({
      sources: [...(options.extraSources ?? []), updates.statusSource(cells)],
      logger,
      now,
    });
    let runtime: CoreRuntime | null = null;
    const scheduler = new RefreshScheduler({
      timers,
      intervalMinutes: repository.monitoring().refreshIntervalMinutes,
      refresh: async () => {
        const snapshot = await runtime?.checkNow();
        // A refresh that could not reach AWS counts as failed, so the scheduler backs off.
        if (snapshot?.state === 'offline') throw new Error('AWS could not be reached');
      },
    });
    runtime = new CoreRuntime(repository, cells, updates, status, scheduler, options, timers);
    const live = runtime;
    let monitoring = repository.monitoring();
    repository.subscribe((settings) => {
      if (settings.monitoring === monitoring) return;
      monitoring = settings.monitoring;
      scheduler.setIntervalMinutes(monitoring.refreshIntervalMinutes);
      // Quiet hours move the next reminder: set its timer again.
      live.rearmReminders();
    });
    cells.subscribe(() => {
      // What the latest checks show (change sets seen, updates applied) is recorded at once.
      updates.sync().catch((error: unknown) => logger.error(`updates: ${describeError(error)}`));
      status.recompose();
    });
    updates.subscribe(() => status.recompose());
    return runtime;
  }

  /** Starts the periodic refresh (the first one at once). */
  start(): void {
    this.scheduler.start();
  }

  /** The machine woke, the network came back, the admin opened the tray menu or the dashboard. */
  trigger(reason: RefreshTrigger): void {
    if (!this.disposed) this.scheduler.trigger(reason);
  }

  /**
   * Checks everything now, records what the checks show and raises what became due: every
   * refresh, and the tray's and the dashboard's "Check now", go through here.
   */
  async checkNow(): Promise<StatusSnapshot> {
    const snapshot = await this.status.refresh();
    await this.updates.sync();
    await this.notify();
    return snapshot;
  }

  dispose(): void {
    this.disposed = true;
    this.scheduler.stop();
    if (this.wake !== null) this.timers.clearTimeout(this.wake);
    this.cells.dispose();
  }

  private async notify(): Promise<void> {
    try {
      await this.updates.deliverNotifications(this.options.notifier);
    } catch (error) {
      this.options.logger.error(`notifications: ${describeError(error)}`);
    }
    this.armWake();
  }

  /** Sets the reminder timer again, for settings that move the next reminder (quiet hours). */
  rearmReminders(): void {
    if (!this.disposed) this.armWake();
  }

  /** One timer for the next reminder, so a deadline is announced on time between refreshes. */
  private armWake(): void {
    if (this.wake !== null) this.timers.clearTimeout(this.wake);
    this.wake = null;
    const next = this.updates.nextWakeAt();
    if (!next || this.disposed) return;
    // Node fires a timer over 2^31 - 1 ms at once; a later wake is re-armed by the refreshes anyway.
    const delay = Math.min(2 ** 31 - 1, Math.max(1_000, next.getTime() - this.timers.now()));
    this.wake = this.timers.setTimeout(() => void this.notify(), delay);
  }
}
