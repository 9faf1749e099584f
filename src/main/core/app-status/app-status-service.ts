import type { AppStatusSnapshot, CellAppStatus, PollMode } from '../../../shared/app-status/app-status';
import type { AppStatusNotice } from './app-events';
import { type AppCheckTrigger, CellAppMonitor, type CellAppMonitorOptions } from './app-monitor';
import type { PollIntervals } from './poll-schedule';
import { problem } from './problems';

/** A configured cell; one without a domain is listed but not checked. */
export interface AppCellConfig {
  readonly cellId: string;
  readonly name: string;
  readonly domain?: string;
  readonly organizationId?: string;
}

export type AppStatusServiceOptions = Omit<CellAppMonitorOptions, 'onStatus' | 'onNotice' | 'mode'> & {
  readonly mode?: PollMode;
  /** Called after any cell's status changed, with all cells. */
  readonly onChange?: (snapshot: AppStatusSnapshot) => void;
  readonly onNotice?: (notice: AppStatusNotice) => void;
};

function sameTarget(a: AppCellConfig, b: AppCellConfig): boolean {
  return a.name === b.name && a.domain === b.domain && a.organizationId === b.organizationId;
}

function withoutDomain(cell: AppCellConfig): CellAppStatus {
  return {
    cellId: cell.cellId,
    name: cell.name.slice(0, 100) || 'cell',
    domain: null,
    version: null,
    versionSince: null,
    reachable: null,
    failedChecks: 0,
    unreachableSince: null,
    problem: problem(
      'no-domain',
      `${cell.name.slice(0, 60)} has no domain, so its Gitpod version and maintenance cannot be checked.`,
      'Add the cell’s domain (e.g. gitpod.example.com) in its settings.',
    ),
    responseMs: null,
    checkedAt: null,
    dedicated: null,
    maintenance: null,
    maintenanceNotice: null,
    maintenanceNeedsToken: false,
    maintenanceProblem: null,
    maintenanceCheckedAt: null,
    organization: null,
    history: { versions: [], maintenance: [] },
    checking: false,
    nextCheckAt: null,
  };
}

/**
 * The application status of every configured cell: one monitor per cell with a domain, all on
 * the same mode and triggers. The shell maps window visibility to `setMode`, powerMonitor
 * and network events to `trigger`, and passes `onChange`/`onNotice` on to IPC and the notifier.
 */
export class AppStatusService {
  private readonly monitors = new Map<string, { config: AppCellConfig; monitor: CellAppMonitor }>();
  private cells: AppCellConfig[] = [];
  private mode: PollMode;
  /** The latest intervals, for monitors made after `setIntervals` (a cell added later). */
  private intervals: Partial<PollIntervals>;
  private started = false;

  constructor(private readonly options: AppStatusServiceOptions) {
    this.mode = options.mode ?? 'tray';
    this.intervals = options.intervals ?? {};
  }

  /** Adopts the configured cells: new ones are checked, removed ones stop, changed ones restart. */
  setCells(cells: readonly AppCellConfig[]): void {
    this.cells = [...cells];
    const wanted = new Map(cells.filter((cell) => cell.domain).map((cell) => [cell.cellId, cell]));
    for (const [cellId, entry] of this.monitors) {
      const next = wanted.get(cellId);
      if (next === undefined || !sameTarget(entry.config, next)) {
        entry.monitor.stop();
        this.monitors.delete(cellId);
      }
    }
    for (const cell of wanted.values()) {
      if (this.monitors.has(cell.cellId)) continue;
      const monitor = this.createMonitor(cell);
      this.monitors.set(cell.cellId, { config: cell, monitor });
      if (this.started) monitor.start();
    }
    this.publish();
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const { monitor } of this.monitors.values()) monitor.start();
  }

  stop(): void {
    this.started = false;
    for (const { monitor } of this.monitors.values()) monitor.stop();
  }

  setMode(mode: PollMode): void {
    this.mode = mode;
    for (const { monitor } of this.monitors.values()) monitor.setMode(mode);
  }

  setIntervals(intervals: Partial<PollIntervals>): void {
    this.intervals = { ...this.intervals, ...intervals };
    for (const { monitor } of this.monitors.values()) monitor.setIntervals(intervals);
  }

  trigger(reason: AppCheckTrigger): void {
    for (const { monitor } of this.monitors.values()) monitor.trigger(reason);
  }

  /** The admin removed the cell: its version and maintenance history goes with it. */
  forget(cellId: string): Promise<void> {
    return this.options.history.forget(cellId);
  }

  /** The cell's stored token was set or removed. */
  tokenChanged(cellId: string): void {
    this.monitors.get(cellId)?.monitor.tokenChanged();
  }

  /** Checks one cell now (or joins its running check) and resolves with the snapshot after. */
  async checkOne(cellId: string): Promise<AppStatusSnapshot> {
    await this.monitors.get(cellId)?.monitor.checkNow();
    return this.snapshot();
  }

  /** Checks every cell now and resolves with the snapshot after (the CLI's one-shot). */
  async checkAll(): Promise<AppStatusSnapshot> {
    await Promise.all([...this.monitors.values()].map(({ monitor }) => monitor.checkNow()));
    return this.snapshot();
  }

  async idle(): Promise<void> {
    await Promise.all([...this.monitors.values()].map(({ monitor }) => monitor.idle()));
  }

  snapshot(): AppStatusSnapshot {
    return {
      mode: this.mode,
      cells: this.cells.slice(0, 50).map((cell) => {
        const entry = this.monitors.get(cell.cellId);
        return entry === undefined ? withoutDomain(cell) : entry.monitor.status();
      }),
    };
  }

  private createMonitor(cell: AppCellConfig): CellAppMonitor {
    const monitor: CellAppMonitor = new CellAppMonitor(
      {
        cellId: cell.cellId,
        name: cell.name,
        domain: cell.domain ?? '',
        ...(cell.organizationId === undefined ? {} : { organizationId: cell.organizationId }),
      },
      {
        ...this.options,
        mode: this.mode,
        intervals: this.intervals,
        // A monitor replaced or removed may still finish a check: it no longer speaks.
        onStatus: () => {
          if (this.monitors.get(cell.cellId)?.monitor === monitor) this.publish();
        },
        onNotice: (notice) => {
          if (this.monitors.get(cell.cellId)?.monitor === monitor) this.options.onNotice?.(notice);
        },
      },
    );
    return monitor;
  }

  private publish(): void {
    this.options.onChange?.(this.snapshot());
  }
}
