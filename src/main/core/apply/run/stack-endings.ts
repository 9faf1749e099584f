import type { AppError } from '../../../../shared/errors';
import type { RunRecord, StackRecord } from '../journal/run-record';
import { markStep } from './run-records';

/** Another admin's (or the vendor's) operation holds the stack: nothing may be changed now. */
export function stackBusyError(stackName: string, status: string): AppError {
  return {
    code: 'stack-busy',
    message: `${stackName} is ${status}: someone else (another admin, or the vendor) is changing it right now. This run changed nothing.`,
    nextStep: 'Wait until that operation ends (see the stack events), then start the apply again.',
  };
}

export function alreadyUpToDate(
  target: StackRecord,
  draft: RunRecord,
  index: number,
  at: string,
  detail: string,
): void {
  target.phase = 'already-up-to-date';
  target.endedAt = at;
  if (target.preflight?.stackStatus) target.finalStatus = target.preflight.stackStatus;
  delete target.error;
  markStep(draft, index, 'create', 'done', at, detail);
  for (const step of ['review', 'confirm', 'execute', 'monitor'] as const) {
    markStep(draft, index, step, 'skipped', at, 'Nothing to apply.');
  }
}

/** Cancelled before anything was created, or after the change set was removed. */
export function cancelStack(
  target: StackRecord | undefined,
  draft: RunRecord,
  index: number,
  at: string,
): void {
  if (!target) return;
  target.phase = 'cancelled';
  target.endedAt = at;
  for (const entry of draft.steps) {
    if (entry.stack === index && (entry.state === 'active' || entry.state === 'waiting')) {
      entry.state = 'skipped';
      entry.endedAt = at;
      entry.detail = 'Cancelled by the admin.';
    }
  }
}
