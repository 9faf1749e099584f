import { type CloudFormationClient, DescribeStackEventsCommand } from '@aws-sdk/client-cloudformation';
import type { FailedResource } from '../../../../shared/apply/run';
import { isStackEvent } from './timeline';

const MAX_PAGES = 10;

/**
 * The resources a failed rollback left in UPDATE_FAILED, read from the stack's events back to
 * the start of that rollback: what ContinueUpdateRollback may be told to skip. Used when the
 * stack was already stuck before the run (a run that followed the rollback has its own timeline).
 */
export async function readResourcesBlockingRollback(
  cloudFormation: CloudFormationClient,
  stack: string,
  stackName: string,
): Promise<FailedResource[]> {
  const latest = new Map<string, FailedResource & { status: string }>();
  let nextToken: string | undefined;
  let pages = 0;
  let reachedStart = false;
  do {
    const reply = await cloudFormation.send(
      new DescribeStackEventsCommand({ StackName: stack, ...(nextToken ? { NextToken: nextToken } : {}) }),
    );
    pages += 1;
    for (const event of reply.StackEvents ?? []) {
      const logicalId = event.LogicalResourceId ?? '';
      const resourceType = event.ResourceType ?? '';
      const status = event.ResourceStatus ?? '';
      if (isStackEvent({ logicalId, resourceType }, stackName)) {
        if (status === 'UPDATE_ROLLBACK_IN_PROGRESS') {
          reachedStart = true;
          break;
        }
        continue;
      }
      // Newest first: the first event seen for a resource is its latest.
      if (!latest.has(logicalId)) {
        latest.set(logicalId, {
          logicalId,
          resourceType,
          status,
          ...(event.ResourceStatusReason ? { reason: event.ResourceStatusReason } : {}),
        });
      }
    }
    nextToken = reply.NextToken;
  } while (!reachedStart && nextToken !== undefined && pages < MAX_PAGES);
  return [...latest.values()]
    .filter((resource) => resource.status === 'UPDATE_FAILED')
    .map(({ status: _status, ...resource }) => resource);
}

/** What skipping a resource in ContinueUpdateRollback means, in plain words. */
export const SKIP_CONSEQUENCE =
  'CloudFormation marks each skipped resource UPDATE_COMPLETE without rolling it back, and finishes the rollback. ' +
  'The stack then believes those resources are in their previous state while they may not be: check each one and fix it ' +
  'by hand (or in a later update) so it matches the template. Skip only resources that failed to roll back and that you ' +
  'have looked at; skipping a resource others depend on can leave the stack inconsistent.';
