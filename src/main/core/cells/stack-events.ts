import {
  type StackEvent as AwsStackEvent,
  type CloudFormationClient,
  DescribeStackEventsCommand,
} from '@aws-sdk/client-cloudformation';
import type { StackEvent, StackEvents } from '../../../shared/cells/stack-events';

/** The UI shows one page; CloudFormation's first page holds the newest events. */
const MAX_EVENTS = 100;

function toEvent(event: AwsStackEvent, index: number): StackEvent {
  const status = event.ResourceStatus ?? 'UNKNOWN';
  return {
    id: event.EventId ?? `event-${index}`,
    timestamp: (event.Timestamp ?? new Date(0)).toISOString(),
    logicalId: event.LogicalResourceId ?? '',
    resourceType: event.ResourceType ?? '',
    status,
    ...(event.ResourceStatusReason ? { reason: event.ResourceStatusReason } : {}),
    failed: status.endsWith('_FAILED'),
  };
}

/**
 * A stack's most recent events: one DescribeStackEvents call, its first page only. Events are
 * read on demand (the admin opens them), never on a refresh, so they cost nothing when idle.
 */
export async function recentStackEvents(
  cloudFormation: CloudFormationClient,
  stackName: string,
): Promise<StackEvents> {
  const reply = await cloudFormation.send(new DescribeStackEventsCommand({ StackName: stackName }));
  const events = (reply.StackEvents ?? []).slice(0, MAX_EVENTS).map(toEvent);
  events.sort((a, b) => b.timestamp.localeCompare(a.timestamp));
  return {
    stackName,
    events,
    more: reply.NextToken !== undefined || (reply.StackEvents?.length ?? 0) > MAX_EVENTS,
  };
}
