import { type CloudFormationClient, DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import type { StackRecord } from '../journal/run-record';
import { newestEventId } from '../monitor/read-events';
import { emptyMonitorState } from '../monitor/timeline';
import { busyStatusIn, describeStack, executeChangeSet, findChangeSet } from './cloudformation-calls';
import { awsErrorCode, awsErrorMessage, classifyFault } from './faults';
import { tokenFor } from './naming';
import { markStep } from './run-records';
import {
  clientsOf,
  commit,
  errorContextOf,
  pause,
  RETRY_DELAYS_MS,
  type RunDeps,
  type RunSession,
  retryOrPause,
  stackRef,
} from './run-session';
import { stackBusyError } from './stack-endings';

const EXECUTED = new Set(['EXECUTE_IN_PROGRESS', 'EXECUTE_COMPLETE', 'EXECUTE_FAILED']);

/** Whether an event on the stack's first page carries the token: CloudFormation received the call. */
async function tokenSeen(
  cloudFormation: CloudFormationClient,
  stack: string,
  token: string,
): Promise<boolean> {
  const reply = await cloudFormation.send(new DescribeStackEventsCommand({ StackName: stack }));
  return (reply.StackEvents ?? []).some((event) => event.ClientRequestToken === token);
}

type ExecuteState = 'executed' | 'not-executed' | 'gone';

/**
 * What became of an ExecuteChangeSet whose reply never came (or was never journaled): looked up
 * before anything else, so a change set is never executed twice. Executed when the change set
 * says so, when the stack names it as its last change set, or when events carry the token.
 */
async function executeStateOf(
  cloudFormation: CloudFormationClient,
  stack: StackRecord,
  token: string,
): Promise<ExecuteState> {
  const id = stack.changeSet?.id;
  if (!id) return 'gone';
  const changeSet = await findChangeSet(cloudFormation, stackRef(stack), id);
  if (changeSet?.executionStatus !== undefined && EXECUTED.has(changeSet.executionStatus)) return 'executed';
  const described = await describeStack(cloudFormation, stackRef(stack));
  if (described?.ChangeSetId === id) return 'executed';
  if (await tokenSeen(cloudFormation, stackRef(stack), token)) return 'executed';
  if (changeSet?.executionStatus === 'AVAILABLE' && !/_IN_PROGRESS$/.test(described?.StackStatus ?? '')) {
    return 'not-executed';
  }
  return 'gone';
}

async function recordStarted(deps: RunDeps, session: RunSession): Promise<void> {
  const index = session.index;
  await commit(deps, session, (draft, at) => {
    const target = draft.stacks[index];
    const intent = target?.execute;
    if (!target || !intent) return;
    intent.result = { at, outcome: 'started' };
    target.monitor = emptyMonitorState('execution', intent.intentAt, intent.baselineEventId);
    target.phase = 'monitoring';
    markStep(draft, index, 'execute', 'done', at, `ExecuteChangeSet accepted (rollback on failure).`);
    markStep(draft, index, 'monitor', 'active', at);
  });
}

async function recordNotStarted(
  deps: RunDeps,
  session: RunSession,
  phase: 'failed' | 'blocked',
  error: { code: string; message: string; nextStep?: string },
): Promise<void> {
  const index = session.index;
  await commit(deps, session, (draft, at) => {
    const target = draft.stacks[index];
    if (!target) return;
    if (target.execute && !target.execute.result)
      target.execute.result = { at, outcome: 'not-started', error };
    target.phase = phase;
    target.endedAt = at;
    target.error = error;
    markStep(draft, index, 'execute', 'failed', at, error.message);
  });
}

/**
 * Step 5: execute, after the confirmation. The ClientRequestToken and the newest stack event are
 * journaled before the call; an intent without a result is resolved by looking at the change
 * set and the stack first. DisableRollback is always false.
 */
export async function stepExecute(deps: RunDeps, session: RunSession): Promise<void> {
  const index = session.index;
  const stack = session.stack;
  const cfn = clientsOf(deps, session).cloudFormation;
  const changeSetId = stack.changeSet?.id;
  if (!changeSetId) throw new Error('executing without a change set');

  if (stack.execute && !stack.execute.result) {
    let state: ExecuteState;
    try {
      state = await executeStateOf(cfn, stack, stack.execute.clientRequestToken);
    } catch (error) {
      await retryOrPause(deps, session, error, 'cloudformation:DescribeChangeSet');
      return;
    }
    if (state === 'executed') {
      await recordStarted(deps, session);
      return;
    }
    if (state === 'gone') {
      await recordNotStarted(deps, session, 'failed', {
        code: 'change-set-gone',
        message: `The change set ${stack.changeSet?.name ?? ''} can no longer be executed and was not executed by this run (deleted, or made obsolete by another update).`,
        nextStep: 'Look at the stack in the CloudFormation console, then start the apply again.',
      });
      return;
    }
    // Not executed: the call is made now, with the same token.
  } else {
    let baseline: string | undefined;
    try {
      const current = await findChangeSet(cfn, stackRef(stack), changeSetId);
      if (current?.executionStatus !== 'AVAILABLE') {
        await recordNotStarted(deps, session, 'blocked', {
          code: 'change-set-unavailable',
          message: `The change set ${stack.changeSet?.name ?? ''} cannot be executed any more (${current ? `${current.status}, ${current.executionStatus ?? 'no execution status'}` : 'it was deleted'}). Executing another change set on the stack makes the others obsolete. Nothing was executed.`,
          nextStep: 'Start the apply again: a fresh change set is created and reviewed.',
        });
        return;
      }
      const described = await describeStack(cfn, stackRef(stack));
      const status = described?.StackStatus ?? '';
      if (/_IN_PROGRESS$/.test(status)) {
        await recordNotStarted(deps, session, 'blocked', stackBusyError(stack.stackName, status));
        return;
      }
      baseline = await newestEventId(cfn, stackRef(stack));
    } catch (error) {
      await retryOrPause(deps, session, error, 'cloudformation:DescribeChangeSet');
      return;
    }
    await commit(deps, session, (draft, at) => {
      const target = draft.stacks[index];
      if (!target) return;
      target.execute = {
        clientRequestToken: tokenFor(draft.id, target.kind, 'execute', 1),
        ...(baseline !== undefined ? { baselineEventId: baseline } : {}),
        intentAt: at,
      };
      markStep(draft, index, 'execute', 'active', at);
    });
  }

  const intent = session.stack.execute;
  if (!intent) return;
  try {
    await executeChangeSet(cfn, {
      changeSetId,
      stack: stackRef(stack),
      clientRequestToken: intent.clientRequestToken,
    });
  } catch (error) {
    const context = { ...errorContextOf(session.record), action: 'cloudformation:ExecuteChangeSet' };
    const fault = classifyFault(error, context);
    const code = awsErrorCode(error);
    if (
      (fault.kind === 'transient' ||
        code === 'InvalidChangeSetStatus' ||
        code === 'InvalidChangeSetStatusException') &&
      session.transientFailures < RETRY_DELAYS_MS.length
    ) {
      // Maybe executed after all: the next pass looks before it calls again.
      await retryOrPause(deps, session, error, context.action);
      return;
    }
    if (fault.kind !== 'other') {
      // Expired credentials, or AWS unreachable past the retries: whether the call got through
      // is unknown, so the intent stays open and a resume looks before it calls again.
      await pause(deps, session, fault.error);
      return;
    }
    const busy = busyStatusIn(awsErrorMessage(error));
    await recordNotStarted(
      deps,
      session,
      busy ? 'blocked' : 'failed',
      busy ? stackBusyError(stack.stackName, busy) : fault.error,
    );
    return;
  }
  session.transientFailures = 0;
  await recordStarted(deps, session);
}
