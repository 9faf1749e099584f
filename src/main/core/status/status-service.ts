import type { CellSummary, StatusSnapshot } from '../../../shared/status';
import { describeError, type Logger } from '../log/logger';
import { composeTooltip, worstState } from './tray-state';

/**
 * Something that knows the state of some cells. Later capabilities (stacks, pending updates,
 * the cell's live status) each contribute a source; the service folds them into one snapshot.
 */
export interface CellStatusSource {
  readonly name: string;
  check(): Promise<CellSummary[]>;
  /** What the source knows now, without a check: lets a change show at once (a cell added). */
  peek?(): CellSummary[];
}

export interface StatusServiceOptions {
  readonly sources: readonly CellStatusSource[];
  readonly logger: Logger;
  readonly now?: () => Date;
}

type Listener = (snapshot: StatusSnapshot) => void;

/** statusSnapshotSchema's tooltip limit: a longer one would fail the IPC response check. */
const MAX_TOOLTIP = 500;

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, Math.max(0, limit - 1))}…`;
}

/** Cuts the cell lines first, so the line saying a check failed stays visible. */
function fitSnapshotTooltip(summary: string, failureLine: string): string {
  return clip(`${clip(summary, MAX_TOOLTIP - failureLine.length)}${failureLine}`, MAX_TOOLTIP);
}

export class StatusService {
  private current: StatusSnapshot;
  private inFlight: Promise<StatusSnapshot> | null = null;
  private readonly listeners = new Set<Listener>();
  /** Each source's last answer and whether its last check failed, by source index. */
  private readonly lastCells = new Map<number, CellSummary[]>();
  private readonly lastFailed = new Set<number>();
  private readonly now: () => Date;

  constructor(private readonly options: StatusServiceOptions) {
    this.now = options.now ?? (() => new Date());
    this.current = {
      state: 'ok',
      tooltip: composeTooltip('ok', []),
      cells: [],
      checkedAt: null,
      checking: false,
    };
  }

  snapshot(): StatusSnapshot {
    return this.current;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Checks every source. Calls made while a check runs share it instead of starting another. */
  refresh(): Promise<StatusSnapshot> {
    if (this.inFlight) return this.inFlight;
    this.publish({ ...this.current, checking: true });
    this.inFlight = this.runChecks().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /**
   * Recomposes the snapshot from what the sources already know, without checking anything:
   * after a cell was added, edited or checked on its own. While a refresh runs, its result
   * comes soon enough and is not overtaken.
   */
  recompose(): void {
    if (this.inFlight) return;
    const cells: CellSummary[] = [];
    const failures: string[] = [];
    this.options.sources.forEach((source, index) => {
      const known = source.peek?.() ?? this.lastCells.get(index);
      if (known) cells.push(...known);
      if (this.lastFailed.has(index)) failures.push(source.name);
    });
    this.publish(this.compose(cells, failures));
  }

  private async runChecks(): Promise<StatusSnapshot> {
    const cells: CellSummary[] = [];
    const failures: string[] = [];
    // Each check starts inside a promise, so one that throws before returning its promise counts
    // as a failed source instead of rejecting the run and leaving the tray stuck on "Checking…".
    const results = await Promise.allSettled(
      this.options.sources.map((source) => Promise.resolve().then(() => source.check())),
    );
    results.forEach((result, index) => {
      const source = this.options.sources[index];
      if (result.status === 'fulfilled') {
        cells.push(...result.value);
        this.lastCells.set(index, result.value);
        this.lastFailed.delete(index);
      } else {
        failures.push(source?.name ?? 'unknown');
        this.lastFailed.add(index);
        this.options.logger.error(`status source ${source?.name} failed: ${describeError(result.reason)}`);
      }
    });
    const snapshot = this.compose(cells, failures);
    this.publish(snapshot);
    return snapshot;
  }

  private compose(cells: CellSummary[], failures: string[]): StatusSnapshot {
    const state =
      failures.length > 0
        ? worstState(['error', ...cells.map((c) => c.state)])
        : worstState(cells.map((c) => c.state));
    const failureLine = failures.length > 0 ? `\nCheck failed: ${failures.join(', ')} (see the log)` : '';
    const tooltip = fitSnapshotTooltip(composeTooltip(state, cells), failureLine);
    return { state, tooltip, cells, checkedAt: this.now().toISOString(), checking: false };
  }

  private publish(snapshot: StatusSnapshot): void {
    this.current = snapshot;
    for (const listener of this.listeners) {
      listener(snapshot);
    }
  }
}
