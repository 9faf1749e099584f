import type { ChangeSetRef, RunProgress } from '../../../../shared/apply/run';
import { findChangeSet, isNoChangesReason } from './cloudformation-calls';
import { markStep } from './run-records';
import {
  clientsOf,
  commit,
  pause,
  type RunDeps,
  type RunSession,
  retryOrPause,
  stackRef,
} from './run-session';
import { sleep } from './sleep';
import { alreadyUpToDate } from './stack-endings';

/** How long a change set may take to be created before the run pauses (and can be resumed). */
export const CHANGE_SET_WAIT_LIMIT_MS = 15 * 60_000;
/** DescribeChangeSet while it is being created: soon at first, then less often. */
export const CHANGE_SET_POLL_DELAYS_MS = [2_000, 2_000, 3_000, 5_000, 5_000, 10_000] as const;

type FoundChangeSet = NonNullable<Awaited<ReturnType<typeof findChangeSet>>>;

/** The run's record of a change set as DescribeChangeSet last showed it. */
function changeSetRefOf(state: FoundChangeSet, createdByRun: boolean): ChangeSetRef {
  return {
    name: state.name,
    id: state.id,
    createdByRun,
    status: state.status,
    ...(state.statusReason ? { statusReason: state.statusReason } : {}),
  };
}

function waitProgress(startedAt: number, now: number, status: string): RunProgress {
  return {
    resourcesDone: 0,
    resourcesTotal: 0,
    percent: null,
    startedAt: new Date(startedAt).toISOString(),
    elapsedMs: Math.max(0, now - startedAt),
    reconnecting: false,
    message: `CloudFormation is computing the change set (${status}).`,
  };
}

/**
 * Waits for the change set to be CREATE_COMPLETE, polling DescribeChangeSet on the TimerPort.
 * FAILED with "didn't contain changes" means the stack is already up to date: the empty change
 * set is removed (never the vendor's).
 */
export async function stepWaitChangeSet(deps: RunDeps, session: RunSession): Promise<void> {
  const index = session.index;
  const stack = session.stack;
  const ref = stack.changeSet;
  const cfn = clientsOf(deps, session).cloudFormation;
  if (!ref) throw new Error('waiting for a change set the run does not know');
  const startedAt = deps.timers.now();
  let polls = 0;
  for (;;) {
    deps.stop.throwIfStopped();
    let state: Awaited<ReturnType<typeof findChangeSet>>;
    try {
      state = await findChangeSet(cfn, stackRef(stack), ref.id ?? ref.name);
    } catch (error) {
      await retryOrPause(deps, session, error, 'cloudformation:DescribeChangeSet');
      return;
    }
    session.transientFailures = 0;
    if (state === null) {
      await commit(deps, session, (draft, at) => {
        const target = draft.stacks[index];
        if (!target) return;
        target.phase = 'failed';
        target.endedAt = at;
        target.error = {
          code: 'change-set-gone',
          message: `The change set ${ref.name} no longer exists on ${target.stackName}: it was deleted outside this run. Nothing was executed.`,
          nextStep: 'Start the apply again.',
        };
        markStep(draft, index, 'create', 'failed', at, 'The change set was deleted outside the run.');
      });
      return;
    }
    if (state.status === 'CREATE_COMPLETE') {
      await commit(deps, session, (draft, at) => {
        const target = draft.stacks[index];
        if (!target) return;
        target.changeSet = changeSetRefOf(state, ref.createdByRun);
        if (state.stackId && !target.stackId) target.stackId = state.stackId;
        target.phase = 'reviewing';
        markStep(
          draft,
          index,
          'create',
          ref.createdByRun ? 'done' : 'skipped',
          at,
          ref.createdByRun
            ? `Change set ${state.name} created.`
            : `The vendor's change set ${state.name} is ready.`,
        );
      });
      session.progress.delete(index);
      return;
    }
    if (state.status === 'FAILED') {
      const noChanges = isNoChangesReason(state.statusReason);
      await commit(deps, session, (draft, at) => {
        const target = draft.stacks[index];
        if (!target) return;
        target.changeSet = changeSetRefOf(state, ref.createdByRun);
        if (noChanges && ref.createdByRun) {
          target.phase = 'cleaning-up';
          target.cleanup = { reason: 'no-changes', intentAt: at };
        } else if (noChanges) {
          alreadyUpToDate(
            target,
            draft,
            index,
            at,
            "The vendor's change set holds no changes: the stack is already up to date.",
          );
        } else {
          target.phase = 'failed';
          target.endedAt = at;
          target.error = {
            code: 'change-set-failed',
            message: `CloudFormation could not create the change set for ${target.stackName}: ${state.statusReason ?? 'no reason given'}. Nothing was executed.`,
            nextStep:
              'Fix the cause (the reason above), then start the apply again. The failed change set stays on the stack for reference.',
          };
          markStep(draft, index, 'create', 'failed', at, state.statusReason ?? 'FAILED');
        }
      });
      session.progress.delete(index);
      return;
    }
    const now = deps.timers.now();
    if (now - startedAt >= CHANGE_SET_WAIT_LIMIT_MS) {
      await pause(deps, session, {
        code: 'change-set-slow',
        message: `The change set ${ref.name} is still ${state.status} after ${Math.round((now - startedAt) / 60_000)} minutes.`,
        nextStep: 'Resume to keep waiting; or look at the change set in the CloudFormation console.',
      });
      return;
    }
    session.progress.set(index, waitProgress(startedAt, now, state.status));
    deps.emit(session);
    const delay = CHANGE_SET_POLL_DELAYS_MS[Math.min(polls, CHANGE_SET_POLL_DELAYS_MS.length - 1)] ?? 10_000;
    polls += 1;
    await sleep(deps.timers, delay, deps.stop);
  }
}
