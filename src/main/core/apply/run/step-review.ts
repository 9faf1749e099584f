import type { ChangeSetReview } from '../../../../shared/apply/review';
import { deployedTemplate } from './cloudformation-calls';
import { markStep } from './run-records';
import { clientsOf, commit, type RunDeps, type RunSession, retryOrPause, stackRef } from './run-session';

/** Reads the full review of the stack's change set (every page of DescribeChangeSet, and the template diff). */
export async function readReview(
  deps: RunDeps,
  session: RunSession,
  index: number,
): Promise<ChangeSetReview> {
  const stack = session.record.stacks[index];
  const changeSetId = stack?.changeSet?.id;
  if (!stack || !changeSetId) throw new Error('no change set to review');
  const cfn = clientsOf(deps, session).cloudFormation;
  const deployed = await deployedTemplate(cfn, stackRef(stack));
  const proposed = stack.source === 'import' ? await deps.readTemplate(stack.updateId, stack.kind) : null;
  const review = await deps.ports.readChangeSetReview(cfn, {
    stackName: stack.stackName,
    changeSetId,
    deployedTemplate: deployed,
    proposedTemplate: proposed,
    ...(session.record.cell.profile === undefined ? {} : { profile: session.record.cell.profile }),
  });
  session.reviews.set(index, review);
  return review;
}

/** Step 4: the review, then the wait for the confirmation that names the stack and the account. */
export async function stepReview(deps: RunDeps, session: RunSession): Promise<void> {
  const index = session.index;
  let review: ChangeSetReview;
  try {
    review = await readReview(deps, session, index);
  } catch (error) {
    await retryOrPause(deps, session, error, 'cloudformation:DescribeChangeSet');
    return;
  }
  session.transientFailures = 0;
  const summary = review.summary;
  await commit(deps, session, (draft, at) => {
    const target = draft.stacks[index];
    if (!target) return;
    target.review = summary;
    const risks = summary.risks > 0 ? `, ${summary.risks} at risk` : '';
    const broadening = summary.broadening ? ', broadens permissions' : '';
    markStep(
      draft,
      index,
      'review',
      'done',
      at,
      `${summary.total} changes: ${summary.add} to add, ${summary.modify} to modify, ${summary.remove} to remove${risks}${broadening}.`,
    );
    target.phase = 'awaiting-confirmation';
    markStep(draft, index, 'confirm', 'waiting', at);
    draft.status = 'waiting';
  });
}
