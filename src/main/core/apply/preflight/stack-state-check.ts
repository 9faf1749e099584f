import {
  type CloudFormationClient,
  DescribeStackEventsCommand,
  DescribeStacksCommand,
  type Stack,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import type { PreflightCheck } from '../../../../shared/apply/preflight';
import { errorFacts } from '../../aws/error-facts';
import { type AwsErrorContext, translateAwsError } from '../../aws/errors';
import { explainStackStatus } from '../../cells/stack-status';
import { blocking, fromAppError, passed } from './check';

export interface StackStateResult {
  readonly check: PreflightCheck;
  /** The stack as DescribeStacks returned it; undefined when it could not be read. */
  readonly stack?: Stack;
  readonly needsRecovery: boolean;
}

type ContextFor = (action: string) => AwsErrorContext;

function isMissingStack(error: unknown): boolean {
  const facts = errorFacts(error);
  return facts.codes.has('ValidationError') && /does not exist/i.test(facts.message);
}

/**
 * The event that started what the stack is doing now: the newest stack-level event with the
 * stack's current status. Its reason ("User Initiated") and ClientRequestToken (the console's
 * start "Console-…", other tools their own) are the closest CloudFormation comes to saying
 * who started it.
 */
function startingEvent(events: readonly StackEvent[], stack: Stack): StackEvent | undefined {
  return events.find(
    (event) =>
      event.ResourceType === 'AWS::CloudFormation::Stack' &&
      (event.PhysicalResourceId === stack.StackId || event.LogicalResourceId === stack.StackName) &&
      event.ResourceStatus === stack.StackStatus,
  );
}

async function whoStartedIt(cloudFormation: CloudFormationClient, stack: Stack): Promise<string> {
  const parts: string[] = [];
  if (stack.ChangeSetId) parts.push(`It is running change set ${stack.ChangeSetId}.`);
  try {
    // One page (the newest events) is enough to find the start of the current operation.
    const reply = await cloudFormation.send(new DescribeStackEventsCommand({ StackName: stack.StackId }));
    const event = startingEvent(reply.StackEvents ?? [], stack);
    if (event?.Timestamp) {
      const reason = event.ResourceStatusReason ? ` (${event.ResourceStatusReason})` : '';
      const token = event.ClientRequestToken ? `, request token ${event.ClientRequestToken}` : '';
      parts.push(`It started at ${event.Timestamp.toISOString()}${reason}${token}.`);
    }
  } catch {
    // The events only add detail; the status alone already blocks the update.
  }
  return parts.join(' ');
}

/**
 * Whether CloudFormation would accept an update now: nothing in progress, not stuck in
 * UPDATE_ROLLBACK_FAILED (that needs ContinueUpdateRollback first), not failed for good.
 */
export async function checkStackState(
  cloudFormation: CloudFormationClient,
  stackName: string,
  contextFor: ContextFor,
): Promise<StackStateResult> {
  let stack: Stack | undefined;
  try {
    const reply = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    stack = reply.Stacks?.[0];
  } catch (error) {
    if (!isMissingStack(error)) {
      return {
        check: fromAppError(
          'stack-state',
          'blocking',
          translateAwsError(error, contextFor('cloudformation:DescribeStacks')),
        ),
        needsRecovery: false,
      };
    }
  }
  if (stack?.StackStatus === undefined) {
    return {
      check: blocking(
        'stack-state',
        `The stack "${stackName}" does not exist in this account and region.`,
        "Check the cell's settings: the stack name, the account and the region.",
      ),
      needsRecovery: false,
    };
  }
  const status = stack.StackStatus;
  const explained = explainStackStatus(status);
  if (status === 'UPDATE_ROLLBACK_FAILED') {
    const reason = stack.StackStatusReason ? ` CloudFormation says: ${stack.StackStatusReason}` : '';
    return {
      check: blocking(
        'stack-state',
        `The stack is UPDATE_ROLLBACK_FAILED: a previous update failed and its rollback failed too, so CloudFormation accepts no update until the rollback is continued.${reason}`,
        'Continue the rollback first (ContinueUpdateRollback, in the recovery step), skipping the resources that cannot roll back; then run the checks again.',
      ),
      stack,
      needsRecovery: true,
    };
  }
  // REVIEW_IN_PROGRESS is a stack that was never created, not an update someone is running.
  if (explained.category === 'in-progress' && status !== 'REVIEW_IN_PROGRESS') {
    const who = await whoStartedIt(cloudFormation, stack);
    return {
      check: blocking(
        'stack-state',
        `The stack is ${status} (${explained.words.replace(/^The stack is /, '').replace(/\.$/, '')}): another update is running.${who ? ` ${who}` : ''}`,
        'Wait for it to finish (another admin or tool may have started it), then run the checks again. Two updates can never run at once.',
      ),
      stack,
      needsRecovery: false,
    };
  }
  if (explained.blocksUpdate) {
    return {
      check: blocking(
        'stack-state',
        `The stack is ${status}. ${explained.words}`,
        explained.nextStep ?? 'Check the stack in the AWS console.',
      ),
      stack,
      needsRecovery: false,
    };
  }
  const note = explained.category === 'rolled-back' ? ` ${explained.words}` : '';
  return {
    check: passed('stack-state', `The stack is ${status} and can be updated.${note}`),
    stack,
    needsRecovery: false,
  };
}
