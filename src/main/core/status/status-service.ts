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
      } else {
        failures.push(source?.name ?? 'unknown');
        this.options.logger.error(`status source ${source?.name} failed: ${describeError(result.reason)}`);
      }
    });
    const state =
      failures.length > 0
        ? worstState(['error', ...cells.map((c) => c.state)])
        : worstState(cells.map((c) => c.state));
    const failureLine = failures.length > 0 ? `\nCheck failed: ${failures.join(', ')} (see the log)` : '';
    const tooltip = fitSnapshotTooltip(composeTooltip(state, cells), failureLine);
    const snapshot: StatusSnapshot = {
      state,
      tooltip,
      cells,
      checkedAt: this.now().toISOString(),
      checking: false,
    };
    this.publish(snapshot);
    return snapshot;
  }

  private publish(snapshot: StatusSnapshot): void {
    this.current = snapshot;
    for (const listener of this.listeners) {
      listener(snapshot);
    }
  }
}
