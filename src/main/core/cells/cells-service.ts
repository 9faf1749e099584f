import type { Cell, CellDraft, CellInput } from '../../../shared/cells/cell';
import type { CellCheck } from '../../../shared/cells/cell-check';
import type { CellsState } from '../../../shared/cells/cells-state';
import type { DiscoveryReport } from '../../../shared/cells/discovery';
import type { StackEvents } from '../../../shared/cells/stack-events';
import type { StackKind } from '../../../shared/cells/stack-report';
import type { CellSummary } from '../../../shared/status';
import { appError } from '../errors/app-error';
import type { CellStatusSource } from '../status/status-service';
import type { CellChecker } from './cell-checker';
import { summarizeCell } from './cell-summary';
import type { SettingsRepository } from './settings-repository';

/** The part of CellChecker the service uses, so tests can hand in a scripted one. */
export type CellCheckerPort = Pick<CellChecker, 'check' | 'discover' | 'recentEvents' | 'forget' | 'dispose'>;

type Listener = (state: CellsState) => void;

/**
 * The cells as the app sees them: the saved settings joined with each cell's latest check.
 * Checks of one cell never overlap (a second request shares the running one), and a cell that
 * is edited or removed while its check runs does not get that stale result back.
 */
export class CellsService {
  private readonly checks = new Map<string, CellCheck>();
  private readonly running = new Map<string, Promise<void>>();
  /** Bumped when a cell is edited or removed, so a check started before is not stored. */
  private readonly generation = new Map<string, number>();
  private readonly listeners = new Set<Listener>();
  private readonly removedListeners = new Set<(cellId: string) => void>();

  constructor(
    private readonly repository: SettingsRepository,
    private readonly checker: CellCheckerPort,
  ) {}

  state(): CellsState {
    return {
      cells: this.repository.cells().map((cell) => ({
        cell,
        check: this.checks.get(cell.id) ?? null,
        checking: this.running.has(cell.id),
      })),
      notice: this.repository.notice,
      readOnly: this.repository.readOnly,
    };
  }

  /** Each cell's tray line, from the latest checks, without asking AWS anything. */
  summaries(): CellSummary[] {
    return this.repository.cells().map((cell) => summarizeCell(cell, this.checks.get(cell.id) ?? null));
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async checkAll(): Promise<CellsState> {
    await Promise.all(this.repository.cells().map((cell) => this.checkCell(cell)));
    return this.state();
  }

  async checkOne(id: string): Promise<CellsState> {
    await this.checkCell(this.cellById(id));
    return this.state();
  }

  /**
   * Checks a cell reading its templates afresh, after the app itself changed its stacks: a
   * stack's template is otherwise read again only when its LastUpdatedTime moves (and some
   * endpoints, emulators among them, never move it).
   */
  async recheckAfterChange(id: string): Promise<CellsState> {
    this.checker.forget(id);
    return this.checkOne(id);
  }

  discover(options: { profile?: string; region: string }): Promise<DiscoveryReport> {
    return this.checker.discover(options);
  }

  async recentEvents(id: string, kind: StackKind): Promise<StackEvents> {
    return this.checker.recentEvents(this.cellById(id), kind);
  }

  async add(draft: CellDraft): Promise<{ state: CellsState; cell: Cell }> {
    const cell = await this.repository.addCell(draft);
    this.publish();
    return { state: this.state(), cell };
  }

  async update(input: CellInput): Promise<CellsState> {
    const cell = await this.repository.updateCell(input);
    // Another profile, region or stack makes the last findings someone else's.
    this.invalidate(cell.id);
    this.publish();
    return this.state();
  }

  async remove(id: string): Promise<CellsState> {
    this.cellById(id);
    await this.repository.removeCell(id);
    this.invalidate(id);
    for (const listener of this.removedListeners) listener(id);
    this.publish();
    return this.state();
  }

  /**
   * Hears of cells the admin removed (not of cells a damaged settings file lost: those come
   * back from its backup, and what belongs to them must still be there).
   */
  onRemoved(listener: (cellId: string) => void): () => void {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
  }

  dismissNotice(): CellsState {
    this.repository.dismissNotice();
    this.publish();
    return this.state();
  }

  /** The tray's view of the cells: every refresh checks each cell once. */
  statusSource(): CellStatusSource {
    return {
      name: 'cells',
      check: async () => {
        await this.checkAll();
        return this.summaries();
      },
      peek: () => this.summaries(),
    };
  }

  dispose(): void {
    this.listeners.clear();
    this.checker.dispose();
  }

  private checkCell(cell: Cell): Promise<void> {
    const existing = this.running.get(cell.id);
    if (existing) return existing;
    const generation = this.generation.get(cell.id) ?? 0;
    const run = this.checker
      .check(cell)
      .then((check) => {
        if ((this.generation.get(cell.id) ?? 0) === generation) this.checks.set(cell.id, check);
      })
      .finally(() => {
        this.running.delete(cell.id);
        this.publish();
      });
    this.running.set(cell.id, run);
    this.publish();
    return run;
  }

  private invalidate(id: string): void {
    this.generation.set(id, (this.generation.get(id) ?? 0) + 1);
    this.checks.delete(id);
    this.running.delete(id);
    this.checker.forget(id);
  }

  private cellById(id: string): Cell {
    const cell = this.repository.cells().find((c) => c.id === id);
    if (!cell) {
      throw appError('cell-not-found', 'That cell no longer exists.', 'Reload the dashboard.');
    }
    return cell;
  }

  private publish(): void {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
  }
}
