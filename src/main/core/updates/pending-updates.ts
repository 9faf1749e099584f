import type { CellCheck, ChangeSetSeen } from '../../../shared/cells/cell-check';
import type { StackKind } from '../../../shared/cells/stack-report';
import type {
  AppliedDetection,
  ApplyStack,
  PendingUpdate,
  UpdateStack,
  UpdateToApply,
} from '../../../shared/updates/pending-update';
import { deadlineFor, deadlineState } from './deadline';
import { type CellRef, stackNameFor } from './import-update';
import type { HistoryEntry, StoredImport, TrackedChangeSet } from './update-file';
import { changeSetUpdateId } from './update-ids';

/** What one cell's pending updates are computed from. */
export interface CellEvaluationInput {
  readonly cell: CellRef;
  /** The cell's latest check; null before the first. */
  readonly check: CellCheck | null;
  /** This cell's imports and tracked change sets (others are ignored). */
  readonly imports: readonly StoredImport[];
  readonly tracked: readonly TrackedChangeSet[];
  readonly snoozes: ReadonlyMap<string, Date>;
  readonly now: Date;
}

export interface CellEvaluation {
  /** Oldest release first. */
  readonly pending: PendingUpdate[];
  readonly toApply: UpdateToApply | null;
  /** Vendor change sets seen pending for the first time: remember them. */
  readonly track: TrackedChangeSet[];
  /** Tracked change sets that are applied or were withdrawn: forget them. */
  readonly untrack: string[];
  /** Imports now applied: forget them (they move to the history). */
  readonly removeImports: string[];
  readonly applied: HistoryEntry[];
}

const MAX_LABEL = 200;

/** A vendor change set waits to be executed: created, and executable. */
export function isPendingChangeSet(changeSet: ChangeSetSeen): boolean {
  return changeSet.status === 'CREATE_COMPLETE' && changeSet.executionStatus === 'AVAILABLE';
}

/** The vendor names the update in the change set's description ("Infrastructure Update v37"); else its name. */
function changeSetLabel(changeSet: ChangeSetSeen): string {
  const label = changeSet.description?.trim() || changeSet.changeSetName.trim() || 'Infrastructure update';
  return label.slice(0, MAX_LABEL);
}

function trackedFrom(cell: CellRef, changeSet: ChangeSetSeen, now: Date): TrackedChangeSet {
  return {
    id: changeSetUpdateId(changeSet.changeSetId),
    cellId: cell.id,
    stackKind: changeSet.stackKind,
    stackName: changeSet.stackName,
    changeSetId: changeSet.changeSetId,
    changeSetName: changeSet.changeSetName,
    label: changeSetLabel(changeSet),
    releasedAt: changeSet.creationTime,
    firstSeenAt: now.toISOString(),
  };
}

function snoozeFor(id: string, deadline: Date, input: CellEvaluationInput): { snoozedUntil?: string } {
  const until = input.snoozes.get(id);
  if (!until) return {};
  const end = Math.min(until.getTime(), deadline.getTime());
  return end > input.now.getTime() ? { snoozedUntil: new Date(end).toISOString() } : {};
}

function pendingFromTracked(tracked: TrackedChangeSet, input: CellEvaluationInput): PendingUpdate {
  const override = tracked.deadlineOverride ? new Date(tracked.deadlineOverride) : null;
  const deadline = deadlineFor(new Date(tracked.releasedAt), override);
  return {
    id: tracked.id,
    cellId: input.cell.id,
    cellName: input.cell.name,
    label: tracked.label,
    source: 'vendor-change-set',
    releasedAt: tracked.releasedAt,
    deadline: deadline.toISOString(),
    deadlineOverridden: override !== null,
    state: deadlineState(deadline, input.now),
    stacks: [
      {
        kind: tracked.stackKind,
        stackName: tracked.stackName,
        changeSetName: tracked.changeSetName,
        changeSetId: tracked.changeSetId,
      },
    ],
    ...snoozeFor(tracked.id, deadline, input),
  };
}

function historyEntry(
  input: CellEvaluationInput,
  update: { id: string; label: string; releasedAt: string },
  source: HistoryEntry['source'],
  detectedBy: AppliedDetection,
  stacks: string[],
): HistoryEntry {
  return {
    id: update.id,
    label: update.label,
    cellId: input.cell.id,
    cellName: input.cell.name,
    source,
    releasedAt: update.releasedAt,
    appliedAt: input.now.toISOString(),
    detectedBy,
    stacks,
  };
}

/**
 * How a tracked change set that is no longer pending ended: applied (executed, made obsolete
 * by another update, or deleted after the stack was updated, which is what AWS does with a
 * stack's change sets once one is executed), withdrawn (deleted without the stack changing),
 * or still pending as far as anyone can tell (its stack's listing failed, or it is executing).
 */
function fateOf(
  tracked: TrackedChangeSet,
  check: CellCheck,
  listed: ReadonlyMap<string, ChangeSetSeen>,
): AppliedDetection | 'withdrawn' | 'pending' {
  const signals = check.updateSignals;
  if (!signals) return 'pending';
  const seen = listed.get(tracked.changeSetId);
  if (seen) {
    if (seen.executionStatus === 'EXECUTE_COMPLETE') return 'change-set-executed';
    if (seen.executionStatus === 'OBSOLETE') return 'change-set-obsolete';
    // EXECUTE_IN_PROGRESS, EXECUTE_FAILED, UNAVAILABLE: not applied (yet).
    return 'pending';
  }
  const stack = check.stacks.find((s) => s.name === tracked.stackName);
  if (!stack) return 'withdrawn';
  if (!stack.found) return 'withdrawn';
  if (!signals.listedStacks.includes(tracked.stackName)) return 'pending';
  const updated = stack.lastUpdatedTime ? Date.parse(stack.lastUpdatedTime) : 0;
  return updated > Date.parse(tracked.releasedAt) ? 'change-set-removed-after-update' : 'withdrawn';
}

function evaluateVendor(
  input: CellEvaluationInput,
): Pick<CellEvaluation, 'pending' | 'track' | 'untrack' | 'applied'> {
  const { check, cell } = input;
  const known = new Map(input.tracked.map((t) => [t.id, t]));
  const signals = check?.updateSignals;
  if (!check || !signals) {
    // Nothing new is known: the change sets seen pending before still are, as far as we know.
    return {
      pending: input.tracked.map((t) => pendingFromTracked(t, input)),
      track: [],
      untrack: [],
      applied: [],
    };
  }
  const cellStackNames = new Set([cell.roleStack, cell.instanceStack].filter(Boolean));
  const pending: PendingUpdate[] = [];
  const track: TrackedChangeSet[] = [];
  const current = new Set<string>();
  for (const changeSet of signals.changeSets.filter(isPendingChangeSet)) {
    const id = changeSetUpdateId(changeSet.changeSetId);
    if (current.has(id)) continue;
    current.add(id);
    const tracked = known.get(id) ?? trackedFrom(cell, changeSet, input.now);
    if (!known.has(id)) track.push(tracked);
    pending.push(pendingFromTracked(tracked, input));
  }
  const listed = new Map(signals.changeSets.map((c) => [c.changeSetId, c]));
  const untrack: string[] = [];
  const applied: HistoryEntry[] = [];
  for (const tracked of input.tracked) {
    if (current.has(tracked.id)) continue;
    // A stack no longer part of the cell (the cell was edited): its change sets are not this cell's.
    const fate = cellStackNames.has(tracked.stackName) ? fateOf(tracked, check, listed) : 'withdrawn';
    if (fate === 'pending') {
      pending.push(pendingFromTracked(tracked, input));
    } else {
      untrack.push(tracked.id);
      if (fate !== 'withdrawn') {
        applied.push(historyEntry(input, tracked, 'vendor-change-set', fate, [tracked.stackName]));
      }
    }
  }
  return { pending, track, untrack, applied };
}

/** The deployed template's fingerprint per stack kind, when the check could read it. */
function deployedFingerprints(check: CellCheck | null): Map<StackKind, string> | null {
  const signals = check?.updateSignals;
  if (!signals) return null;
  return new Map(signals.deployedTemplates.map((t) => [t.stackKind, t.fingerprint]));
}

/** Which of an import's templates a stack does not run yet; null when that cannot be told. */
export function outstandingTemplates(
  imported: StoredImport,
  check: CellCheck | null,
): StoredImport['templates'] | null {
  const deployed = deployedFingerprints(check);
  if (!deployed) return null;
  return imported.templates.filter((template) => deployed.get(template.kind) !== template.fingerprint);
}

function evaluateImports(
  input: CellEvaluationInput,
): Pick<CellEvaluation, 'pending' | 'removeImports' | 'applied'> {
  const pending: PendingUpdate[] = [];
  const removeImports: string[] = [];
  const applied: HistoryEntry[] = [];
  for (const imported of input.imports) {
    const outstanding = outstandingTemplates(imported, input.check);
    const names = imported.templates.map((t) => stackNameFor(input.cell, t.kind) ?? `${t.kind} stack`);
    if (outstanding && outstanding.length === 0) {
      removeImports.push(imported.id);
      applied.push(historyEntry(input, imported, 'import', 'template-deployed', names));
      continue;
    }
    const override = imported.deadlineOverride ? new Date(imported.deadlineOverride) : null;
    const deadline = deadlineFor(new Date(imported.releasedAt), override);
    const stacks: UpdateStack[] = (outstanding ?? imported.templates).map((template) => ({
      kind: template.kind,
      stackName: stackNameFor(input.cell, template.kind) ?? `(no ${template.kind} stack set up)`,
      templateSha256: template.sha256,
      templateName: template.name,
    }));
    pending.push({
      id: imported.id,
      cellId: input.cell.id,
      cellName: input.cell.name,
      label: imported.label,
      source: 'import',
      releasedAt: imported.releasedAt,
      deadline: deadline.toISOString(),
      deadlineOverridden: override !== null,
      state: deadlineState(deadline, input.now),
      stacks,
      ...(imported.notes ? { notes: imported.notes } : {}),
      ...(imported.changelogUrl ? { changelogUrl: imported.changelogUrl } : {}),
      ...snoozeFor(imported.id, deadline, input),
    });
  }
  return { pending, removeImports, applied };
}

/** ISO times compared as instants: a hand-edited file may write them with or without milliseconds. */
export function compareInstants(a: string, b: string): number {
  return Date.parse(a) - Date.parse(b);
}

function byRelease(a: PendingUpdate, b: PendingUpdate): number {
  return compareInstants(a.releasedAt, b.releasedAt) || a.id.localeCompare(b.id);
}

const APPLY_ORDER: readonly StackKind[] = ['role', 'instance'];

/**
 * Several pending updates of a cell collapse into one to apply. Each stack gets the newest
 * release that changes it (a newer template supersedes an older one for the same stack), the
 * role stack first. The deadline is the earliest of the covered updates' deadlines: that is
 * the oldest unapplied release's (release + 14 days), unless the vendor moved one, and applying
 * late for any covered update is late.
 */
export function collapseUpdates(pending: readonly PendingUpdate[], now: Date): UpdateToApply | null {
  const ordered = [...pending].sort(byRelease);
  const oldest = ordered[0];
  const newest = ordered.at(-1);
  if (!oldest || !newest) return null;
  const stacks: ApplyStack[] = [];
  for (const kind of APPLY_ORDER) {
    const latest = ordered.filter((u) => u.stacks.some((s) => s.kind === kind)).at(-1);
    const stack = latest?.stacks.find((s) => s.kind === kind);
    if (latest && stack) stacks.push({ ...stack, updateId: latest.id, source: latest.source });
  }
  const deadline = new Date(Math.min(...ordered.map((u) => Date.parse(u.deadline))));
  return {
    cellId: oldest.cellId,
    cellName: oldest.cellName,
    label: newest.label,
    releasedAt: oldest.releasedAt,
    deadline: deadline.toISOString(),
    state: deadlineState(deadline, now),
    stacks,
    covers: ordered.map((u) => u.id).slice(0, 100),
  };
}

/** One cell's pending updates, the update to apply, and what changed since the store's last look. */
export function evaluateCell(input: CellEvaluationInput): CellEvaluation {
  const vendor = evaluateVendor(input);
  const imports = evaluateImports(input);
  const pending = [...vendor.pending, ...imports.pending].sort(byRelease);
  return {
    pending,
    toApply: collapseUpdates(pending, input.now),
    track: vendor.track,
    untrack: vendor.untrack,
    removeImports: imports.removeImports,
    applied: [...vendor.applied, ...imports.applied],
  };
}
