import { dirname, join } from 'node:path';
import type { AppStatusState } from '../../shared/app-status/app-status-ipc';
import type { Cell } from '../../shared/cells/cell';
import type { MonitoringSettings } from '../../shared/monitoring-settings';
import type { StatusSnapshot } from '../../shared/status';
import { AppHistoryStore, appHistoryFileBeside } from '../core/app-status/app-history-store';
import { type AppCellConfig, AppStatusService } from '../core/app-status/app-status-service';
import { appTrayKey, withAppStatusSource } from '../core/app-status/app-tray-summary';
import type { GitpodHttpOptions } from '../core/app-status/gitpod-http';
import type { PollIntervals } from '../core/app-status/poll-schedule';
import { QuietNotices } from '../core/app-status/quiet-notices';
import { NO_TOKEN_STORE, type TokenStore } from '../core/app-status/token-store';
import { ApplyService, importedTemplateReader } from '../core/apply/apply-service';
import { gitpodMaintenance } from '../core/apply/gitpod-maintenance';
import { RunJournal, runsDirBeside } from '../core/apply/journal/run-journal';
import { ApplyRunner } from '../core/apply/run/apply-runner';
import { type AwsClientOptions, type AwsClients, createAwsClients } from '../core/aws/clients';
import { CellChecker } from '../core/cells/cell-checker';
import type { CellCheckerPort } from '../core/cells/cells-service';
import { CellsService } from '../core/cells/cells-service';
import type { SettingsBackend } from '../core/cells/settings-backend';
import { SettingsRepository } from '../core/cells/settings-repository';
import { appError } from '../core/errors/app-error';
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

// ── Live cell status (issue 6) ──────────────────────────────────────────────────────────

/** The monitoring settings' live-status polling as the app-status monitors take it. */
function liveIntervals(monitoring: MonitoringSettings): PollIntervals {
  return {
    dashboardMs: monitoring.liveStatus.dashboardPollSeconds * 1000,
    trayMs: monitoring.liveStatus.trayPollMinutes * 60_000,
  };
}

function appCellConfig(cell: Cell): AppCellConfig {
  return {
    cellId: cell.id,
    name: cell.name,
    ...(cell.domain ? { domain: cell.domain } : {}),
    ...(cell.organizationId ? { organizationId: cell.organizationId } : {}),
  };
}

type AppStatusListener = (state: AppStatusState) => void;

export interface CoreRuntimeOptions {
  readonly settings: SettingsBackend;
  readonly logger: Logger;
  readonly notifier: Notifier;
  readonly timers?: TimerPort;
  /** Extra status sources (the test bridge scripts some). */
  readonly extraSources?: readonly CellStatusSource[];
  readonly checker?: CellCheckerPort;
  /** Where cells' Gitpod tokens are kept (safeStorage in the app); none: maintenance needs a token. */
  readonly tokens?: TokenStore;
  /** HTTPS options for the cells' web addresses: the test bridge passes its test CA. */
  readonly appHttp?: GitpodHttpOptions;
  /** AWS clients for the guided apply (default: the SDK's, with the cell's profile and region). */
  readonly createClients?: (options: AwsClientOptions) => AwsClients;
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
  /** Live cell status: which cells have a stored token (read once, then kept by set/clear). */
  private readonly tokenPresence = new Map<string, boolean>();
  private readonly appListeners = new Set<AppStatusListener>();
  /** The cells last handed to the live status, and the tray words it last gave. */
  private appCellsKey = '';
  private appTray = '';

  private constructor(
    readonly settings: SettingsRepository,
    readonly cells: CellsService,
    readonly updates: UpdatesService,
    readonly status: StatusService,
    readonly scheduler: RefreshScheduler,
    /** Live cell status: each cell's Gitpod version, reachability and maintenance. */
    readonly appStatus: AppStatusService,
    readonly tokens: TokenStore,
    /** The guided apply: runs, their journal and evidence. */
    readonly apply: ApplyService,
    private readonly quietNotices: QuietNotices,
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
    // Live cell status: one monitor per cell with a domain; its notices go straight to the
    // notifier (each is produced once per transition), its changes to the tray and dashboard.
    let runtime: CoreRuntime | null = null;
    const tokens = options.tokens ?? NO_TOKEN_STORE;
    const quiet = new QuietNotices({
      notifier: options.notifier,
      quietHours: () => quietHoursOf(repository.monitoring()),
      timers,
      logger,
    });
    const appStatus = new AppStatusService({
      tokens,
      history: await AppHistoryStore.open(appHistoryFileBeside(options.settings.path), { logger, now }),
      timers,
      logger,
      ...(options.appHttp ? { http: options.appHttp } : {}),
      intervals: liveIntervals(repository.monitoring()),
      onChange: () => runtime?.appStatusChanged(),
      // Held in quiet hours, like reminders; what undid itself meanwhile is not said at all.
      onNotice: (notice) => quiet.push(notice),
    });
    const status = new StatusService({
      sources: [
        ...(options.extraSources ?? []),
        withAppStatusSource(updates.statusSource(cells), () => appStatus.snapshot().cells, now),
      ],
      logger,
      now,
    });
    const scheduler = new RefreshScheduler({
      timers,
      intervalMinutes: repository.monitoring().refreshIntervalMinutes,
      refresh: async () => {
        const snapshot = await runtime?.checkNow();
        // A refresh that could not reach AWS counts as failed, so the scheduler backs off and
        // tries again within minutes. The tray state alone cannot tell: a pending update known
        // from an earlier check outranks 'offline' there.
        const unreachable = cells
          .state()
          .cells.some((view) => view.check?.errors.some((error) => error.code === 'offline') === true);
        if (snapshot?.state === 'offline' || unreachable) throw new Error('AWS could not be reached');
      },
    });
    // ── Guided apply (issue 5): unfinished runs resume from their journal right here. ──
    const journal = await RunJournal.open(runsDirBeside(options.settings.path), { logger, now });
    const createClients = options.createClients ?? createAwsClients;
    const clientsFor = (cell: Cell): AwsClients =>
      createClients({ region: cell.region, ...(cell.profile ? { profile: cell.profile } : {}) });
    const apply = new ApplyService({
      runner: ApplyRunner.open({
        journal,
        clientsFor,
        readTemplate: importedTemplateReader(
          () => store.imports(),
          (sha256) => store.templateText(sha256),
        ),
        logger,
        timers,
        maintenance: gitpodMaintenance({ tokens, ...(options.appHttp ? { http: options.appHttp } : {}) }),
      }),
      journal,
      cells: () => repository.cells(),
      updates: () => updates.state(),
      recheck: (cellId) => cells.recheckAfterChange(cellId),
      clientsFor,
      notifier: options.notifier,
      logger,
    });
    runtime = new CoreRuntime(
      repository,
      cells,
      updates,
      status,
      scheduler,
      appStatus,
      tokens,
      apply,
      quiet,
      options,
      timers,
    );
    const live = runtime;
    let monitoring = repository.monitoring();
    repository.subscribe((settings) => {
      if (settings.monitoring === monitoring) return;
      monitoring = settings.monitoring;
      scheduler.setIntervalMinutes(monitoring.refreshIntervalMinutes);
      appStatus.setIntervals(liveIntervals(monitoring));
      // Quiet hours move the next reminder: set its timer again.
      live.rearmReminders();
      quiet.reschedule();
    });
    cells.subscribe(() => {
      // What the latest checks show (change sets seen, updates applied) is recorded at once.
      updates.sync().catch((error: unknown) => logger.error(`updates: ${describeError(error)}`));
      status.recompose();
      void live.adoptAppCells();
    });
    updates.subscribe(() => status.recompose());
    // A cell the admin removed takes its token and its live-status history with it.
    cells.onRemoved((cellId) => void live.forgetAppCell(cellId));
    await live.adoptAppCells();
    return runtime;
  }

  /** Starts the periodic refresh (the first one at once) and the live cell status polling. */
  start(): void {
    this.scheduler.start();
    this.appStatus.start();
  }

  /** The machine woke, the network came back, the admin opened the tray menu or the dashboard. */
  trigger(reason: RefreshTrigger): void {
    if (this.disposed) return;
    this.scheduler.trigger(reason);
    if (reason === 'wake') this.appStatus.trigger('wake');
  }

  // ── Live cell status (issue 6) ────────────────────────────────────────────────────────

  /**
   * The network is back after being down: the cells' web addresses are checked at once, and
   * AWS too. (Not on every `trigger('online')`: that one repeats while AWS stays unreachable,
   * and would defeat the live status's backoff.)
   */
  networkReturned(): void {
    if (this.disposed) return;
    this.scheduler.trigger('online');
    this.appStatus.trigger('network');
  }

  /** The dashboard is shown (poll every minute) or hidden (every five): the admin is looking. */
  setDashboardOpen(open: boolean): void {
    if (!this.disposed) this.appStatus.setMode(open ? 'dashboard' : 'tray');
  }

  /** The live status as the dashboard sees it: whether a token is stored, never the token. */
  appStatusState(): AppStatusState {
    const snapshot = this.appStatus.snapshot();
    return {
      mode: snapshot.mode,
      cells: snapshot.cells.map((cell) => ({
        ...cell,
        hasToken: this.tokenPresence.get(cell.cellId) ?? false,
      })),
      tokenStorage: this.tokens.storage(),
    };
  }

  subscribeAppStatus(listener: AppStatusListener): () => void {
    this.appListeners.add(listener);
    return () => this.appListeners.delete(listener);
  }

  /** Checks one cell's application now, or every cell's. */
  async checkAppStatus(cellId?: string): Promise<AppStatusState> {
    await (cellId === undefined ? this.appStatus.checkAll() : this.appStatus.checkOne(cellId));
    return this.appStatusState();
  }

  /** Stores the cell's token (refused where it cannot be kept safely) and checks maintenance. */
  async setAppToken(cellId: string, token: string): Promise<AppStatusState> {
    this.appCell(cellId);
    await this.tokens.set(cellId, token);
    this.tokenPresence.set(cellId, true);
    this.appStatus.tokenChanged(cellId);
    this.appStatusChanged();
    return this.appStatusState();
  }

  async clearAppToken(cellId: string): Promise<AppStatusState> {
    this.appCell(cellId);
    await this.tokens.clear(cellId);
    this.tokenPresence.set(cellId, false);
    this.appStatus.tokenChanged(cellId);
    this.appStatusChanged();
    return this.appStatusState();
  }

  private appCell(cellId: string): Cell {
    const cell = this.cells.state().cells.find((view) => view.cell.id === cellId)?.cell;
    if (!cell) throw appError('cell-not-found', 'That cell no longer exists.', 'Reload the dashboard.');
    return cell;
  }

  /** Follows the configured cells: a domain or organization added, changed or removed. */
  private async forgetAppCell(cellId: string): Promise<void> {
    this.tokenPresence.delete(cellId);
    try {
      await this.tokens.clear(cellId);
      await this.appStatus.forget(cellId);
    } catch (error) {
      this.options.logger.warn(
        `cells: what belonged to a removed cell was not all removed (${describeError(error)}).`,
      );
    }
  }

  private async adoptAppCells(): Promise<void> {
    const configs = this.cells.state().cells.map((view) => appCellConfig(view.cell));
    const key = JSON.stringify(configs);
    if (key === this.appCellsKey || this.disposed) return;
    this.appCellsKey = key;
    for (const { cellId } of configs) {
      if (this.tokenPresence.has(cellId)) continue;
      try {
        this.tokenPresence.set(cellId, await this.tokens.has(cellId));
      } catch (error) {
        this.options.logger.warn(
          `tokens: could not tell whether a token is stored (${describeError(error)}).`,
        );
      }
    }
    // Cells changed again while the tokens were looked up: that later call sets them.
    if (key !== this.appCellsKey || this.disposed) return;
    this.appStatus.setCells(configs);
  }

  /** A cell's application status changed: the dashboard hears of it; the tray if its lines did. */
  private appStatusChanged(): void {
    if (this.disposed) return;
    const state = this.appStatusState();
    for (const listener of this.appListeners) listener(state);
    const tray = appTrayKey(state.cells, new Date(this.timers.now()));
    if (tray !== this.appTray) {
      this.appTray = tray;
      this.status.recompose();
    }
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
    this.appStatus.stop();
    this.quietNotices.dispose();
    this.apply.dispose();
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
