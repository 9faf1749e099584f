import {
  type StackEvent as AwsStackEvent,
  type CloudFormationClient,
  DescribeStackEventsCommand,
} from '@aws-sdk/client-cloudformation';
import type { OperationEvent } from './timeline';

/** Pages read per poll at most; more than this many new events within one poll are very unusual. */
export const MAX_PAGES_PER_READ = 10;

export interface EventWindow {
  /** The stack's ARN (or name). */
  readonly stack: string;
  /** The newest event already seen (or the newest before the call): reading stops there. */
  readonly after?: string;
  /** Events another operation recorded carry another token; those without one are kept. */
  readonly clientRequestToken?: string;
  /** Without `after`: only events at or after this instant. */
  readonly since?: Date;
}

export interface EventsRead {
  /** The operation's new events, oldest first. */
  readonly events: OperationEvent[];
  /** The newest event of the stack (whether it passed the filter or not): the next read's `after`. */
  readonly newestId?: string;
  /** False when reading stopped at the page limit before reaching `after`. */
  readonly complete: boolean;
  readonly calls: number;
}

function toEvent(event: AwsStackEvent): OperationEvent {
  const reason = event.ResourceStatusReason;
  return {
    id: event.EventId ?? `${event.LogicalResourceId ?? ''}-${event.Timestamp?.toISOString() ?? ''}`,
    timestamp: (event.Timestamp ?? new Date(0)).toISOString(),
    logicalId: event.LogicalResourceId ?? '',
    resourceType: event.ResourceType ?? '',
    status: event.ResourceStatus ?? 'UNKNOWN',
    ...(reason ? { reason } : {}),
    ...(event.ClientRequestToken ? { clientRequestToken: event.ClientRequestToken } : {}),
  };
}

/**
 * The stack's events newer than `after`, page by page (DescribeStackEvents answers newest
 * first), stopping at the first page that reaches it.
 */
export async function readEventsAfter(
  cloudFormation: CloudFormationClient,
  window: EventWindow,
  maxPages = MAX_PAGES_PER_READ,
): Promise<EventsRead> {
  const collected: OperationEvent[] = [];
  let newestId: string | undefined;
  let nextToken: string | undefined;
  let calls = 0;
  let reached = false;
  do {
    const reply = await cloudFormation.send(
      new DescribeStackEventsCommand({
        StackName: window.stack,
        ...(nextToken ? { NextToken: nextToken } : {}),
      }),
    );
    calls += 1;
    for (const raw of reply.StackEvents ?? []) {
      const event = toEvent(raw);
      newestId ??= event.id;
      if (window.after !== undefined && event.id === window.after) {
        reached = true;
        break;
      }
      if (
        window.after === undefined &&
        window.since !== undefined &&
        Date.parse(event.timestamp) < window.since.getTime()
      ) {
        reached = true;
        break;
      }
      collected.push(event);
    }
    nextToken = reply.NextToken;
  } while (!reached && nextToken !== undefined && calls < maxPages);

  const token = window.clientRequestToken;
  const events = collected
    .filter(
      (event) =>
        token === undefined || event.clientRequestToken === undefined || event.clientRequestToken === token,
    )
    .reverse();
  return {
    events,
    ...(newestId !== undefined
      ? { newestId }
      : { ...(window.after !== undefined ? { newestId: window.after } : {}) }),
    complete: reached || nextToken === undefined,
    calls,
  };
}

/** The newest event id of the stack: taken before a call, so the operation's events are those after it. */
export async function newestEventId(
  cloudFormation: CloudFormationClient,
  stack: string,
): Promise<string | undefined> {
  const reply = await cloudFormation.send(new DescribeStackEventsCommand({ StackName: stack }));
  return reply.StackEvents?.[0]?.EventId;
}
