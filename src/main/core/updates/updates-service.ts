import type { Cell } from '../../../shared/cells/cell';
import type { CellCheck } from '../../../shared/cells/cell-check';
import type { CellSummary } from '../../../shared/status';
import type {
  CellUpdates,
  ImportOutcome,
  PendingUpdate,
  UpdatesState,
} from '../../../shared/updates/pending-update';
import type { ImportMeta } from '../../../shared/updates/update-requests';
import { appError } from '../errors/app-error';
import { describeError, type Logger } from '../log/logger';
import type { Notifier } from '../notify/notifier';
import type { CellStatusSource } from '../status/status-service';
import { calendarFileName, deadlineCalendarFile } from './calendar';
import { deliverPlan, type KeyedNotification, mergePlans, type NotificationPlan } from './delivery';
import {
  EVENT_NOTICE_MAX_AGE_MS,
  type EventNotice,
  eventsDue,
  nextEventWakeAt,
  stackStateNotice,
  updateAppliedNotice,
} from './event-notices';
import {
  type ImportFile,
  type ImportTemplate,
  prepareImport,
  readImportFiles,
  stackNameFor,
} from './import-update';
import type { NotificationLedger } from './notification-ledger';
import { type CellEvaluation, compareInstants, evaluateCell, outstandingTemplates } from './pending-updates';
import type { QuietHours } from './quiet-hours';
import {
  clampSnooze,
  newUpdateKey,
  nextWakeAt,
  type ReminderContext,
  remindersDue,
  type UpdateForReminders,
} from './reminders';
import type { HistoryEntry } from './update-file';
import type { UpdateStore } from './update-store';
import { combineCellSummary, type UpdateTraySummary, updateTraySummary } from './update-summary';
import { systemTimeZone } from './zoned-time';

/** A cell with its latest check, as CellsService.state() lists them. */
export interface CellWithCheck {
  readonly cell: Cell;
  readonly check: CellCheck | null;
}

export interface UpdatesServiceOptions {
  readonly store: UpdateStore;
  /** Which notifications were handled: a JsonFileLedger in the app. */
  readonly ledger: NotificationLedger;
  /** The cells and their latest checks, read on every use (e.g. `() => cellsService.state().cells`). */
  readonly cells: () => readonly CellWithCheck[];
  readonly logger: Logger;
  readonly now?: () => Date;
  readonly quietHours?: () => QuietHours | null;
  /** The zone texts are written in; default: this machine's. */
  readonly timeZone?: () => string;
}

/** The cells service as the tray source needs it. */
export interface CheckedCells {
  checkAll(): Promise<unknown>;
  summaries(): CellSummary[];
}

type Listener = (state: UpdatesState) => void;

/**
 * Pending infrastructure updates, from the cells' latest checks and the imported updates:
 * per cell the pending updates and the one to apply, the tray's words for them, snoozes,
 * notifications and calendar events. Electron-free; it asks AWS nothing itself (the checks do)
 * and keeps what must survive a restart in the UpdateStore.
 *
 * `sync()` records what the latest checks show (change sets seen pending, updates seen
 * applied); everything else is computed on demand from the checks, the store and the clock.
 */
export class UpdatesService {
  private readonly listeners = new Set<Listener>();
  private syncQueue: Promise<unknown> = Promise.resolve();
  private readonly now: () => Date;

  constructor(private readonly options: UpdatesServiceOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** For the Updates view: every cell's pending updates and the update to apply, and the history. */
  state(): UpdatesState {
    const now = this.now();
    return {
      cells: this.evaluations(now).map(({ entry, evaluation }) => this.cellUpdates(entry, evaluation)),
      history: [...this.options.store.history()],
      notice: this.options.store.notice,
      readOnly: this.options.store.readOnly,
    };
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Records what the cells' latest checks show: vendor change sets seen pending for the first
   * time, and updates now applied (into the history). Call after every check — subscribe it to
   * CellsService — and it writes only when something changed. Runs one at a time.
   */
  sync(): Promise<UpdatesState> {
    const run = this.syncQueue.then(async () => {
      // Imports the CLI saved since the last check show up with this one.
      await this.options.store.reload().catch((error: unknown) => {
        this.options.logger.warn(`updates: could not re-read the updates file (${describeError(error)})`);
      });
      const now = this.now();
      const evaluations = this.evaluations(now).map((e) => e.evaluation);
      const untrack = evaluations.flatMap((e) => e.untrack);
      const removeImports = evaluations.flatMap((e) => e.removeImports);
      try {
        await this.options.store.apply({
          track: evaluations.flatMap((e) => e.track),
          untrack,
          removeImports,
          applied: evaluations.flatMap((e) => e.applied),
          dropSnoozes: [...untrack, ...removeImports],
        });
      } catch (error) {
        // Nothing is lost: the next sync finds the same and tries again.
        this.options.logger.error(
          `updates: could not record what the checks found (${describeError(error)})`,
        );
      }
      return this.publish();
    });
    this.syncQueue = run.catch(() => undefined);
    return run;
  }

  /** The tray's words for one cell's update to apply, or null when it has none. */
  summaryFor(cellId: string): UpdateTraySummary | null {
    const now = this.now();
    const found = this.evaluations(now).find(({ entry }) => entry.cell.id === cellId);
    return found ? updateTraySummary(found.evaluation.toApply, now, this.timeZone()) : null;
  }

  /**
   * The tray lines of the cells (CellsService.summaries()) with each cell's update folded in:
   * "prod · infrastructure update due in 5 days".
   */
  withUpdates(summaries: readonly CellSummary[]): CellSummary[] {
    const byName = new Map(this.options.cells().map(({ cell }) => [cell.name, cell.id]));
    return summaries.map((summary) => {
      const cellId = byName.get(summary.name);
      return combineCellSummary(summary, cellId ? this.summaryFor(cellId) : null);
    });
  }

  /**
   * A tray source standing in for `cells.statusSource()`: each refresh checks every cell,
   * records what the checks show, and gives one line per cell with its update folded in.
   */
  statusSource(cells: CheckedCells): CellStatusSource {
    return {
      name: 'cells',
      check: async () => {
        await cells.checkAll();
        await this.sync();
        return this.withUpdates(cells.summaries());
      },
      peek: () => this.withUpdates(cells.summaries()),
    };
  }

  /**
   * Holds back reminders of a pending update until `until`, cut at its deadline. Returns when
   * the snooze ends. An overdue update cannot be snoozed.
   */
  async snooze(updateId: string, until: Date): Promise<Date> {
    const now = this.now();
    const update = this.pendingUpdate(updateId, now);
    const deadline = new Date(update.deadline);
    const clamped = clampSnooze(until, deadline, now);
    if (!clamped) {
      throw deadline.getTime() <= now.getTime()
        ? appError(
            'snooze-overdue',
            `${update.label} is overdue, so its reminders cannot be snoozed.`,
            'Apply the update: the cell is outside the support SLA until it is applied.',
          )
        : appError('snooze-in-past', 'A snooze must end in the future.', 'Pick a later time.');
    }
    await this.options.store.setSnooze(updateId, clamped);
    this.publish();
    return clamped;
  }

  async unsnooze(updateId: string): Promise<void> {
    await this.options.store.setSnooze(updateId, null);
    this.publish();
  }

  /** A deadline the vendor stated for this update; null returns it to release + 14 days. */
  async setDeadline(updateId: string, deadline: Date | null): Promise<void> {
    await this.options.store.setDeadlineOverride(updateId, deadline);
    this.publish();
  }

  /** Imports one or two template files for a cell; see `importTemplates`. */
  importUpdate(cellId: string, files: readonly ImportFile[], meta: ImportMeta): Promise<ImportOutcome> {
    return this.importTemplates(cellId, readImportFiles(files), meta);
  }

  /**
   * Imports templates already read (files, or `readImportSource` for https and S3). Says which
   * stack each updates and whether the stack runs it already: an import whose templates are
   * all deployed is recorded in the history as already applied and nothing else is kept.
   * Throws an AppErrorException, storing nothing, for a template that is not recognised, a role
   * template for a cell without a role stack, two of one kind, or an update imported before.
   */
  async importTemplates(
    cellId: string,
    templates: readonly ImportTemplate[],
    meta: ImportMeta,
  ): Promise<ImportOutcome> {
    const now = this.now();
    const entry = this.cellEntry(cellId);
    const { record, texts } = prepareImport(entry.cell, templates, meta, this.options.store.imports(), now);
    const outstanding = outstandingTemplates(record, entry.check);
    const evidence = new Map(
      templates.map(({ template }) => [template.sha256, template.recognition.evidence]),
    );
    const described = record.templates.map((template) => ({
      kind: template.kind,
      stackName: stackNameFor(entry.cell, template.kind) ?? template.kind,
      name: template.name,
      sha256: template.sha256,
      applied: outstanding ? !outstanding.includes(template) : null,
      evidence: [...(evidence.get(template.sha256) ?? [])].slice(0, 5).map((line) => line.slice(0, 500)),
    }));
    if (outstanding && outstanding.length === 0) {
      const applied: HistoryEntry = {
        id: record.id,
        label: record.label,
        cellId: entry.cell.id,
        cellName: entry.cell.name,
        source: 'import',
        releasedAt: record.releasedAt,
        appliedAt: now.toISOString(),
        detectedBy: 'already-applied-when-imported',
        stacks: described.map((t) => t.stackName),
      };
      await this.options.store.apply({ applied: [applied] });
      this.publish();
      return { status: 'already-applied', update: null, templates: described };
    }
    await this.options.store.addImport(record, texts);
    this.publish();
    const update = this.findPending(record.id, this.now()) ?? null;
    return { status: 'pending', update, templates: described };
  }

  /** Forgets an imported update (imported by mistake, or for the wrong cell). */
  async removeImport(updateId: string): Promise<void> {
    if (!this.options.store.imports().some((i) => i.id === updateId)) {
      throw appError(
        'update-not-found',
        'That imported update no longer exists.',
        'Reload the Updates view.',
      );
    }
    await this.options.store.removeImport(updateId);
    this.publish();
  }

  /** The text of an imported template, for the apply. */
  templateText(sha256: string): Promise<string> {
    return this.options.store.templateText(sha256);
  }

  dismissNotice(): UpdatesState {
    this.options.store.dismissNotice();
    return this.publish();
  }

  /**
   * An .ics event at the update's deadline, with a reminder a day before.
   */
  calendarFor(updateId: string): { fileName: string; text: string } {
    const now = this.now();
    const update = this.pendingUpdate(updateId, now);
    const calendarUpdate = {
      id: update.id,
      cellName: update.cellName,
      label: update.label,
      deadline: new Date(update.deadline),
      stacks: update.stacks.map((s) => s.stackName),
    };
    return { fileName: calendarFileName(calendarUpdate), text: deadlineCalendarFile(calendarUpdate, now) };
  }

  /**
   * The notifications due at `now`, each with a click target {view:'updates', itemId} (stack
   * notices open the overview): "new update" once per update (not for imports: the admin just
   * imported it), the reminders of each cell's update to apply (7 d, 3 d, 1 d, 4 h, deadline,
   * daily overdue; snooze and quiet hours as in reminders.ts), a stack that failed or rolled
   * back, and an update applied. Pass the plan to `deliverNotifications`, or record and raise
   * it yourself with `deliverPlan`.
   */
  notificationsDue(now: Date = this.now()): NotificationPlan {
    const quietHours = this.options.quietHours?.() ?? null;
    const timeZone = this.timeZone();
    const plans: NotificationPlan[] = [];
    for (const { evaluation } of this.evaluations(now)) {
      const primary = primaryUpdate(evaluation);
      for (const update of evaluation.pending) {
        const plan = remindersDue(this.reminderContext(update, now, quietHours, timeZone));
        // One reminder schedule per cell: the update to apply is due when its earliest-due update is.
        const keep = (notification: KeyedNotification): boolean =>
          notification.key === newUpdateKey(update.id)
            ? update.source !== 'import'
            : update.id === primary?.id;
        plans.push({ notifications: plan.notifications.filter(keep), handledKeys: plan.handledKeys });
      }
    }
    plans.push(eventsDue(this.eventNotices(now), { now, sent: this.options.ledger, quietHours }));
    return mergePlans(plans);
  }

  /** Records and raises what is due (at most once each, across restarts: the ledger is written first). */
  deliverNotifications(notifier: Notifier, now: Date = this.now()): Promise<readonly KeyedNotification[]> {
    return deliverPlan(this.notificationsDue(now), { ledger: this.options.ledger, notifier, now });
  }

  /**
   * When `notificationsDue` will next have something to raise, after the current plan was
   * delivered: the shell sets one timer for it (and evaluates at every refresh anyway). Null
   * when nothing is scheduled.
   */
  nextWakeAt(now: Date = this.now()): Date | null {
    const quietHours = this.options.quietHours?.() ?? null;
    const timeZone = this.timeZone();
    const times: number[] = [];
    for (const { evaluation } of this.evaluations(now)) {
      for (const update of evaluation.pending) {
        times.push(nextWakeAt(this.reminderContext(update, now, quietHours, timeZone)).getTime());
      }
    }
    const events = nextEventWakeAt(this.eventNotices(now), { now, sent: this.options.ledger, quietHours });
    if (events) times.push(events.getTime());
    return times.length > 0 ? new Date(Math.min(...times)) : null;
  }

  private reminderContext(
    update: PendingUpdate,
    now: Date,
    quietHours: QuietHours | null,
    timeZone: string,
  ): ReminderContext {
    const forReminders: UpdateForReminders = {
      id: update.id,
      cellName: update.cellName,
      label: update.label,
      releasedAt: new Date(update.releasedAt),
      deadline: new Date(update.deadline),
      snoozedUntil: update.snoozedUntil ? new Date(update.snoozedUntil) : null,
    };
    return { update: forReminders, now, sent: this.options.ledger, quietHours, timeZone };
  }

  /** Stacks in a failed or rolled-back state, and updates applied within the last week. */
  private eventNotices(now: Date): EventNotice[] {
    const notices: EventNotice[] = [];
    for (const { cell, check } of this.options.cells()) {
      for (const stack of check?.stacks ?? []) {
        if (!stack.found || !stack.lastUpdatedTime) continue;
        const notice = stackStateNotice({
          cellId: cell.id,
          cellName: cell.name,
          stackName: stack.name,
          status: stack.status,
          enteredAt: new Date(stack.lastUpdatedTime),
        });
        if (notice) notices.push(notice);
      }
    }
    for (const entry of this.options.store.history()) {
      const appliedAt = new Date(entry.appliedAt);
      if (now.getTime() - appliedAt.getTime() > EVENT_NOTICE_MAX_AGE_MS) break;
      // Nothing happened for an import that was applied before it was imported.
      if (entry.detectedBy === 'already-applied-when-imported') continue;
      notices.push(
        updateAppliedNotice({ updateId: entry.id, cellName: entry.cellName, label: entry.label, appliedAt }),
      );
    }
    return notices;
  }

  private evaluations(now: Date): Array<{ entry: CellWithCheck; evaluation: CellEvaluation }> {
    const store = this.options.store;
    const imports = store.imports();
    const tracked = store.trackedChangeSets();
    const snoozes = store.snoozes();
    return this.options.cells().map((entry) => ({
      entry,
      evaluation: evaluateCell({
        cell: entry.cell,
        check: entry.check,
        imports: imports.filter((i) => i.cellId === entry.cell.id),
        tracked: tracked.filter((t) => t.cellId === entry.cell.id),
        snoozes,
        now,
      }),
    }));
  }

  private cellUpdates(entry: CellWithCheck, evaluation: CellEvaluation): CellUpdates {
    return {
      cellId: entry.cell.id,
      cellName: entry.cell.name,
      checkedAt: entry.check?.checkedAt ?? null,
      pending: evaluation.pending.slice(0, 100),
      toApply: evaluation.toApply,
    };
  }

  private findPending(updateId: string, now: Date): PendingUpdate | undefined {
    for (const { evaluation } of this.evaluations(now)) {
      const found = evaluation.pending.find((u) => u.id === updateId);
      if (found) return found;
    }
    return undefined;
  }

  private pendingUpdate(updateId: string, now: Date): PendingUpdate {
    const update = this.findPending(updateId, now);
    if (!update) {
      throw appError('update-not-found', 'That update is no longer pending.', 'Reload the Updates view.');
    }
    return update;
  }

  private cellEntry(cellId: string): CellWithCheck {
    const entry = this.options.cells().find(({ cell }) => cell.id === cellId);
    if (!entry) throw appError('cell-not-found', 'That cell no longer exists.', 'Reload the dashboard.');
    return entry;
  }

  private timeZone(): string {
    return this.options.timeZone?.() ?? systemTimeZone();
  }

  private publish(): UpdatesState {
    const state = this.state();
    for (const listener of this.listeners) listener(state);
    return state;
  }
}

/** The pending update whose deadline the update to apply carries: earliest deadline, then oldest release. */
function primaryUpdate(evaluation: CellEvaluation): PendingUpdate | undefined {
  return [...evaluation.pending].sort(
    (a, b) => compareInstants(a.deadline, b.deadline) || compareInstants(a.releasedAt, b.releasedAt),
  )[0];
}
