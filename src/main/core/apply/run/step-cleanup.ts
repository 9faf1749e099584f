import type { translateAwsError } from '../../aws/errors';
import { deleteChangeSet, findChangeSet } from './cloudformation-calls';
import { classifyFault } from './faults';
import {
  clientsOf,
  commit,
  errorContextOf,
  pause,
  type RunDeps,
  type RunSession,
  retryOrPause,
  stackRef,
} from './run-session';
import { alreadyUpToDate, cancelStack } from './stack-endings';

/** Removes the run's own change set (empty, or cancelled); a vendor's is never touched. */
export async function stepCleanup(deps: RunDeps, session: RunSession): Promise<void> {
  const index = session.index;
  const stack = session.stack;
  const cleanup = stack.cleanup;
  const ref = stack.changeSet;
  if (!cleanup) throw new Error('cleaning up without a cleanup intent');
  let outcome: 'deleted' | 'kept' | 'failed' = 'kept';
  let failure: ReturnType<typeof translateAwsError> | undefined;
  if (ref?.createdByRun && ref.id) {
    try {
      // Looked up first: after a restart the delete may already have been made.
      const cfn = clientsOf(deps, session).cloudFormation;
      if (await findChangeSet(cfn, stackRef(stack), ref.id)) {
        await deleteChangeSet(cfn, { changeSetId: ref.id, stack: stackRef(stack) });
      }
      outcome = 'deleted';
    } catch (error) {
      const fault = classifyFault(error, {
        ...errorContextOf(session.record),
        action: 'cloudformation:DeleteChangeSet',
      });
      if (fault.kind === 'credentials') {
        await pause(deps, session, fault.error);
        return;
      }
      if (fault.kind === 'transient' && session.transientFailures < 2) {
        await retryOrPause(deps, session, error, 'cloudformation:DeleteChangeSet');
        return;
      }
      // An empty or cancelled change set left behind does no harm; the admin is told.
      outcome = 'failed';
      failure = fault.error;
      deps.logger.warn(
        `apply ${session.record.id}: the change set ${ref.name} could not be deleted: ${fault.error.message}`,
      );
    }
  }
  session.transientFailures = 0;
  await commit(deps, session, (draft, at) => {
    const target = draft.stacks[index];
    if (!target?.cleanup) return;
    target.cleanup.result = { at, outcome, ...(failure ? { error: failure } : {}) };
    const left =
      outcome === 'failed'
        ? ` The change set ${ref?.name ?? ''} could not be removed; delete it in the console.`
        : '';
    if (target.cleanup.reason === 'no-changes') {
      alreadyUpToDate(
        target,
        draft,
        index,
        at,
        `CloudFormation found nothing to change: the stack is already up to date.${outcome === 'deleted' ? ' The empty change set was removed.' : left}`,
      );
    } else {
      cancelStack(target, draft, index, at);
      if (outcome === 'failed') target.error = { code: 'cleanup-failed', message: left.trim() };
    }
  });
}
