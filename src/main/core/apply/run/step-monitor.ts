import { DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import type { FailedResource, RootCause } from '../../../../shared/apply/run';
import type { AppError } from '../../../../shared/errors';
import type { MonitorState, StackRecord } from '../journal/run-record';
import { readResourcesBlockingRollback, SKIP_CONSEQUENCE } from '../monitor/blocking-resources';
import { newestEventId } from '../monitor/read-events';
import { monitorStack } from '../monitor/stack-monitor';
import { emptyMonitorState, resourcesBlockingRollback, rootCauseOf } from '../monitor/timeline';
import { continueUpdateRollback, describeStack } from './cloudformation-calls';
import { classifyFault } from './faults';
import { currentOperation, markStep } from './run-records';
import {
  clientsOf,
  commit,
  errorContextOf,
  executionRoleArnOf,
  pause,
  RETRY_DELAYS_MS,
  type RunDeps,
  type RunSession,
  retryOrPause,
  stackRef,
} from './run-session';

/** The monitor's state is journaled at most this often (and always at the end). */
export const MONITOR_JOURNAL_INTERVAL_MS = 10_000;

function describeCause(causes: readonly RootCause[]): string {
  if (causes.length === 0) return 'CloudFormation recorded no failed resource.';
  return causes
    .slice(0, 3)
    .map((cause) => `${cause.logicalId} (${cause.resourceType}) ${cause.status}: ${cause.reason}`)
    .join('; ');
}

export function rolledBackError(stackName: string, causes: readonly RootCause[]): AppError {
  return {
    code: 'update-rolled-back',
    message:
      `The update of ${stackName} failed and was rolled back: the stack runs its previous version. Cause: ${describeCause(causes)}`.slice(
        0,
        2000,
      ),
    nextStep:
      'Fix the cause above (often a permission of the execution role, a quota, or a resource changed by hand), then apply the update again. Send the exported evidence to Gitpod support if the cause is not yours to fix.',
  };
}

function rollbackFailedError(stack: StackRecord, causes: readonly RootCause[], count: number): AppError {
  return {
    code: 'rollback-failed',
    message:
      `The update of ${stack.stackName} failed and its rollback failed too (UPDATE_ROLLBACK_FAILED): CloudFormation accepts nothing until the rollback is continued. ${count} resource${count === 1 ? '' : 's'} could not be rolled back. Cause: ${describeCause(causes)}`.slice(
        0,
        2000,
      ),
    nextStep:
      `Fix what keeps those resources from rolling back if you can, then continue the rollback, skipping the ones that still cannot. ${SKIP_CONSEQUENCE}`.slice(
        0,
        2000,
      ),
  };
}

/** The operation being followed: the latest recovery once one was started, else the execution. */
function operationOf(stack: StackRecord): { state: MonitorState; token?: string } | undefined {
  const recovery = stack.recoveries.filter((entry) => entry.result?.outcome === 'started').at(-1);
  if (currentOperation(stack) === 'recovery' && recovery && stack.recoveryMonitor) {
    return { state: stack.recoveryMonitor, token: recovery.clientRequestToken };
  }
  if (!stack.monitor) return undefined;
  return { state: stack.monitor, ...(stack.execute ? { token: stack.execute.clientRequestToken } : {}) };
}

/**
 * Step 6: follow the stack to its final status; then the next stack, the failure with its root
 * cause, or the recovery.
 */
export async function stepMonitor(deps: RunDeps, session: RunSession): Promise<void> {
  const index = session.index;
  const stack = session.stack;
  const operation = operationOf(stack);
  if (!operation) throw new Error('monitoring without an operation');
  const cfn = clientsOf(deps, session).cloudFormation;
  const isRecovery = operation.state.operation === 'recovery';
  let lastSaved = deps.timers.now();
  const save = (state: MonitorState) => (draft: Parameters<Parameters<typeof commit>[2]>[0]) => {
    const target = draft.stacks[index];
    if (!target) return;
    if (isRecovery) target.recoveryMonitor = state;
    else target.monitor = state;
  };

  const end = await monitorStack({
    cloudFormation: cfn,
    stack: stackRef(stack),
    stackName: stack.stackName,
    ...(operation.token !== undefined ? { clientRequestToken: operation.token } : {}),
    ...(!isRecovery && stack.changeSet?.id ? { changeSetId: stack.changeSet.id } : {}),
    resourcesTotal: isRecovery ? 0 : (stack.review?.total ?? 0),
    state: session.live.get(index) ?? operation.state,
    timers: deps.timers,
    stop: deps.stop,
    logger: deps.logger,
    errorContext: errorContextOf(session.record),
    onUpdate: async (state, progress) => {
      session.live.set(index, state);
      session.progress.set(index, progress);
      if (deps.timers.now() - lastSaved >= MONITOR_JOURNAL_INTERVAL_MS) {
        lastSaved = deps.timers.now();
        await commit(deps, session, save(state));
      } else {
        deps.emit(session);
      }
    },
  });
  session.live.delete(index);

  if (end.kind === 'paused') {
    await commit(deps, session, save(end.state));
    await pause(deps, session, end.error);
    return;
  }

  const status = end.status;
  const causes = rootCauseOf(end.state);
  let failed: FailedResource[] = [];
  if (status === 'UPDATE_ROLLBACK_FAILED') {
    failed = resourcesBlockingRollback(end.state);
    if (failed.length === 0) {
      try {
        failed = await readResourcesBlockingRollback(cfn, stackRef(stack), stack.stackName);
      } catch (error) {
        deps.logger.warn(
          `apply ${session.record.id}: the resources blocking the rollback could not be read (${classifyFault(error, { ...errorContextOf(session.record), action: 'cloudformation:DescribeStackEvents' }).error.message})`,
        );
      }
    }
  }

  await commit(deps, session, (draft, at) => {
    save(end.state)(draft);
    const target = draft.stacks[index];
    if (!target) return;
    target.finalStatus = status;
    const step = isRecovery ? 'recover' : 'monitor';
    if (status === 'UPDATE_COMPLETE' && !isRecovery) {
      target.phase = 'updated';
      target.endedAt = at;
      delete target.error;
      markStep(draft, index, 'monitor', 'done', at, 'UPDATE_COMPLETE');
    } else if (status === 'UPDATE_ROLLBACK_FAILED') {
      target.phase = 'awaiting-recovery';
      target.failedResources = failed;
      target.recoveryOrigin ??= 'after-update';
      target.error = rollbackFailedError(
        target,
        target.monitor ? rootCauseOf(target.monitor) : causes,
        failed.length,
      );
      markStep(draft, index, step, isRecovery ? 'waiting' : 'failed', at, 'UPDATE_ROLLBACK_FAILED');
      markStep(draft, index, 'recover', 'waiting', at);
      draft.status = 'waiting';
    } else if (
      status === 'UPDATE_ROLLBACK_COMPLETE' &&
      isRecovery &&
      target.recoveryOrigin === 'before-update'
    ) {
      // The stack was stuck before this run: now it can be updated, so the run checks it again.
      markStep(draft, index, 'recover', 'done', at, 'The rollback was continued: UPDATE_ROLLBACK_COMPLETE.');
      delete target.error;
      delete target.failedResources;
      target.phase = 'preflight';
    } else if (status === 'UPDATE_ROLLBACK_COMPLETE') {
      target.phase = 'rolled-back';
      target.endedAt = at;
      const original = target.monitor ? rootCauseOf(target.monitor) : causes;
      target.error = rolledBackError(target.stackName, original);
      markStep(draft, index, step, isRecovery ? 'done' : 'failed', at, 'UPDATE_ROLLBACK_COMPLETE');
    } else {
      target.phase = 'failed';
      target.endedAt = at;
      target.error = {
        code: 'update-failed',
        message:
          `${target.stackName} ended ${status}${end.state.stackStatusReason ? `: ${end.state.stackStatusReason}` : ''}. Cause: ${describeCause(causes)}`.slice(
            0,
            2000,
          ),
        nextStep:
          'Look at the stack events in the CloudFormation console and contact Gitpod support with the exported evidence.',
      };
      markStep(draft, index, step, 'failed', at, status);
    }
  });
  session.progress.delete(index);
}

/**
 * Step 7: ContinueUpdateRollback with the resources the admin chose to skip, the execution role
 * as RoleARN, and a ClientRequestToken journaled before the call. An intent without a result is
 * resolved from the stack's status and events (the token) before calling again.
 */
export async function stepRecover(deps: RunDeps, session: RunSession): Promise<void> {
  const index = session.index;
  const record = session.record;
  const stack = session.stack;
  const intent = stack.recoveries.at(-1);
  if (!intent || intent.result) throw new Error('recovering without a recovery intent');
  const cfn = clientsOf(deps, session).cloudFormation;
  const ref = stackRef(stack);

  try {
    const described = await describeStack(cfn, ref);
    let received = described?.StackStatus !== 'UPDATE_ROLLBACK_FAILED';
    if (!received) {
      const events = await cfn.send(new DescribeStackEventsCommand({ StackName: ref }));
      received = (events.StackEvents ?? []).some(
        (event) => event.ClientRequestToken === intent.clientRequestToken,
      );
    }
    if (!received) {
      if (intent.baselineEventId === undefined) {
        const baseline = await newestEventId(cfn, ref);
        if (baseline !== undefined) {
          await commit(deps, session, (draft) => {
            const last = draft.stacks[index]?.recoveries.at(-1);
            if (last) last.baselineEventId = baseline;
          });
        }
      }
      await continueUpdateRollback(cfn, {
        stack: ref,
        roleArn: executionRoleArnOf(record, stack),
        resourcesToSkip: intent.resourcesToSkip,
        clientRequestToken: intent.clientRequestToken,
      });
    }
  } catch (error) {
    const fault = classifyFault(error, {
      ...errorContextOf(record),
      action: 'cloudformation:ContinueUpdateRollback',
    });
    if (fault.kind === 'transient' && session.transientFailures < RETRY_DELAYS_MS.length) {
      await retryOrPause(deps, session, error, 'cloudformation:ContinueUpdateRollback');
      return;
    }
    if (fault.kind === 'credentials') {
      await pause(deps, session, fault.error);
      return;
    }
    await commit(deps, session, (draft, at) => {
      const target = draft.stacks[index];
      const last = target?.recoveries.at(-1);
      if (!target || !last) return;
      last.result = { at, outcome: 'not-started', error: fault.error };
      target.phase = 'awaiting-recovery';
      target.error = fault.error;
      markStep(draft, index, 'recover', 'waiting', at, fault.error.message);
      draft.status = 'waiting';
    });
    return;
  }
  session.transientFailures = 0;
  await commit(deps, session, (draft, at) => {
    const target = draft.stacks[index];
    const last = target?.recoveries.at(-1);
    if (!target || !last) return;
    last.result = { at, outcome: 'started' };
    target.recoveryMonitor = emptyMonitorState('recovery', last.intentAt, last.baselineEventId);
    target.phase = 'monitoring';
    markStep(
      draft,
      index,
      'recover',
      'active',
      at,
      `ContinueUpdateRollback accepted, skipping ${last.resourcesToSkip.length} resource${last.resourcesToSkip.length === 1 ? '' : 's'}.`,
    );
  });
}
