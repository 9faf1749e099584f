import { isFinalPhase } from '../../../../shared/apply/run';
import { AppErrorException } from '../../errors/app-error';
import { describeError } from '../../log/logger';
import type { StackRecord } from '../journal/run-record';
import { closeOpenSteps, isSuccess, markStep, runOutcomeOf } from './run-records';
import {
  commit,
  JournalWriteError,
  pause,
  type RunDeps,
  type RunSession,
  releaseClients,
} from './run-session';
import { StoppedError } from './sleep';
import { cancelStack } from './stack-endings';
import { stepCleanup } from './step-cleanup';
import { stepCreate } from './step-create';
import { stepExecute } from './step-execute';
import { maintenanceOffDue, maintenanceOnDue, stepMaintenance } from './step-maintenance';
import { stepMonitor, stepRecover } from './step-monitor';
import { stepPreflight } from './step-preflight';
import { stepReview } from './step-review';
import { stepWaitChangeSet } from './step-wait-change-set';

/** Phases a cancel still applies to: nothing has been executed. */
function cancellable(stack: StackRecord): boolean {
  switch (stack.phase) {
    case 'pending':
    case 'preflight':
    case 'awaiting-input':
    case 'reviewing':
    case 'awaiting-confirmation':
      return true;
    case 'creating':
      // Not while a create is in flight: it settles first, then the change set is removed.
      return stack.creates.at(-1)?.result !== undefined || stack.creates.length === 0;
    case 'executing':
      return stack.execute === undefined;
    default:
      return false;
  }
}

async function applyCancel(deps: RunDeps, session: RunSession): Promise<void> {
  const index = session.index;
  await commit(deps, session, (draft, at) => {
    const target = draft.stacks[index];
    if (!target) return;
    if (target.changeSet?.createdByRun && target.changeSet.id) {
      target.phase = 'cleaning-up';
      target.cleanup = { reason: 'cancelled', intentAt: at };
    } else {
      cancelStack(target, draft, index, at);
    }
  });
}

/** The current stack ended: on to the next after a success, else the run ends. */
async function advance(deps: RunDeps, session: RunSession): Promise<void> {
  const index = session.index;
  const stack = session.stack;
  const next = index + 1;
  if (isSuccess(stack.phase) && next < session.record.stacks.length) {
    await commit(deps, session, (draft) => {
      draft.currentStack = next;
    });
    return;
  }
  // Before the run is marked finished: what it switched on in Gitpod comes down, whatever the outcome.
  const off = maintenanceOffDue(session.record);
  if (off) {
    await stepMaintenance(deps, session, off, 'off');
    return;
  }
  await commit(deps, session, (draft, at) => {
    for (const [i, other] of draft.stacks.entries()) {
      if (i > index && !isFinalPhase(other.phase)) {
        other.phase = 'not-started';
        other.error = {
          code: 'not-started',
          message: `${other.stackName} was not updated, because ${stack.stackName} did not succeed.`,
        };
      }
    }
    closeOpenSteps(draft, index, isSuccess(stack.phase) ? 'skipped' : 'failed', at);
    draft.outcome = runOutcomeOf(draft.stacks);
    draft.status = 'finished';
    draft.finishedAt = at;
    delete draft.cancelRequestedAt;
    if (draft.outcome === 'updated' || draft.outcome === 'already-up-to-date') delete draft.error;
    else {
      const failed = draft.stacks.find((other) => other.error && other.phase !== 'not-started');
      if (failed?.error) draft.error = failed.error;
    }
  });
}

async function step(deps: RunDeps, session: RunSession): Promise<void> {
  const stack = session.stack;
  if (session.record.cancelRequestedAt !== undefined && cancellable(stack)) {
    await applyCancel(deps, session);
    return;
  }
  if (isFinalPhase(stack.phase)) {
    await advance(deps, session);
    return;
  }
  const on = maintenanceOnDue(session.record);
  if (on) {
    await stepMaintenance(deps, session, on, 'on');
    return;
  }
  switch (stack.phase) {
    case 'pending':
      await commit(deps, session, (draft, at) => {
        const target = draft.stacks[draft.currentStack];
        if (!target) return;
        target.phase = 'preflight';
        target.startedAt ??= at;
        markStep(draft, draft.currentStack, 'preflight', 'active', at);
      });
      return;
    case 'preflight':
      return stepPreflight(deps, session);
    case 'creating':
      return stepCreate(deps, session);
    case 'waiting-change-set':
      return stepWaitChangeSet(deps, session);
    case 'cleaning-up':
      return stepCleanup(deps, session);
    case 'reviewing':
      return stepReview(deps, session);
    case 'executing':
      return stepExecute(deps, session);
    case 'monitoring':
      return stepMonitor(deps, session);
    case 'recovering':
      return stepRecover(deps, session);
    case 'awaiting-input':
    case 'awaiting-confirmation':
    case 'awaiting-recovery':
      await commit(deps, session, (draft) => {
        draft.status = 'waiting';
      });
      return;
    default:
      throw new Error(`no step for phase ${stack.phase}`);
  }
}

/**
 * Moves a run on, step by step, until it waits for the admin, pauses or finishes. Every step
 * journals before it calls AWS, so stopping anywhere (a crash, `dispose`) leaves a journal the
 * next runner resumes from. A journal that cannot be written halts the run in this instance
 * without another call to AWS.
 */
export async function driveRun(deps: RunDeps, session: RunSession): Promise<void> {
  try {
    while (session.record.status === 'active' && !deps.stop.isStopped) {
      await step(deps, session);
    }
  } catch (error) {
    if (error instanceof StoppedError || deps.stop.isStopped) return;
    if (error instanceof JournalWriteError) {
      deps.logger.error(`apply ${session.record.id}: ${error.message}; the run is halted.`);
      session.halted = {
        code: 'journal-write-failed',
        message: `The apply journal could not be written, so the run stopped before its next AWS call. ${describeError(error)}`,
        nextStep: 'Check the disk space and permissions of the settings folder, then resume the run.',
      };
      deps.emit(session);
      return;
    }
    deps.logger.error(`apply ${session.record.id}: unexpected failure: ${describeError(error)}`);
    const appError =
      error instanceof AppErrorException
        ? error.appError
        : {
            code: 'internal',
            message: 'The apply run stopped on an unexpected error; nothing more was done.',
            nextStep: 'Resume the run. If it stops again, send the log to Dedicated Admin support.',
          };
    try {
      await pause(deps, session, appError);
    } catch (pauseError) {
      session.halted = appError;
      deps.logger.error(`apply ${session.record.id}: could not pause: ${describeError(pauseError)}`);
      deps.emit(session);
    }
  } finally {
    if (session.record.status !== 'active' || deps.stop.isStopped) releaseClients(session);
  }
}
