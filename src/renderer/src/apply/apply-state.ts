import type { ApplyState } from '../../../shared/apply/apply-ipc';
import type { ApplyRunSummary, ApplyRunView } from '../../../shared/apply/run';

/*
 * The guided-apply runs as the dashboard keeps them: the list main loaded, with every run main
 * pushed (`applyChanged`) or returned (start, confirm…) laid over it. A run always arrives whole,
 * so the newer copy of a run simply replaces the older one.
 */

function time(iso: string | undefined): number {
  const parsed = iso ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(parsed) ? 0 : parsed;
}

/** Whether `candidate` is at least as new as `current`: an event can overtake a slower reply. */
export function isNewerRun(candidate: ApplyRunView, current: ApplyRunView | undefined): boolean {
  if (!current) return true;
  if (current.status === 'finished' && candidate.status !== 'finished') return false;
  return time(candidate.updatedAt) >= time(current.updatedAt);
}

/** The run as History lists it. */
export function summaryOf(run: ApplyRunView): ApplyRunSummary {
  return {
    id: run.id,
    cellId: run.cellId,
    cellName: run.cellName,
    accountId: run.accountId,
    label: run.label,
    callerArn: run.callerArn,
    createdAt: run.createdAt,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    status: run.status,
    ...(run.outcome ? { outcome: run.outcome } : {}),
    stacks: run.stacks.map((stack) => ({ stackName: stack.stackName, phase: stack.phase })),
  };
}

function byNewestStart<T extends { readonly createdAt: string }>(a: T, b: T): number {
  return time(b.createdAt) - time(a.createdAt);
}

/**
 * `state` with `run` in it: among the unfinished runs while it is not finished (and out of
 * them once it is), and listed for History. An older copy than the one kept changes nothing.
 */
export function withRun(state: ApplyState, run: ApplyRunView): ApplyState {
  const current = state.active.find((candidate) => candidate.id === run.id);
  const listed = state.runs.find((candidate) => candidate.id === run.id);
  if (current && !isNewerRun(run, current)) return state;
  if (!current && listed?.status === 'finished' && run.status !== 'finished') return state;

  const others = state.active.filter((candidate) => candidate.id !== run.id);
  const active = run.status === 'finished' ? others : [run, ...others].sort(byNewestStart);
  const summary = summaryOf(run);
  const runs = listed
    ? state.runs.map((candidate) => (candidate.id === run.id ? summary : candidate))
    : [summary, ...state.runs].sort(byNewestStart);
  return { ...state, active, runs };
}

/** The unfinished run of a cell, if it has one (main keeps at most one per cell). */
export function activeRunOfCell(state: ApplyState, cellId: string): ApplyRunView | undefined {
  return state.active.find((run) => run.cellId === cellId);
}
