import {
  type FailedResource,
  MAX_RECENT_EVENTS,
  MAX_ROOT_CAUSES,
  MAX_TIMELINE,
  type RootCause,
  type RunEvent,
  type TimelineEntry,
} from '../../../../shared/apply/run';
import type { MonitorState } from '../journal/run-record';

export const STACK_RESOURCE_TYPE = 'AWS::CloudFormation::Stack';

/** A stack event of the operation being followed, oldest first. */
export interface OperationEvent extends RunEvent {
  readonly clientRequestToken?: string;
}

/**
 * The cascade a real failure sets off: the resources CloudFormation stopped working on once one
 * failed. Their reasons say nothing about the cause.
 */
const CANCELLATION = /^Resource (update|creation|deletion|import) cancelled/i;

export function isStackEvent(
  event: Pick<RunEvent, 'logicalId' | 'resourceType'>,
  stackName: string,
): boolean {
  return event.resourceType === STACK_RESOURCE_TYPE && event.logicalId === stackName;
}

function isTerminalResourceStatus(status: string): boolean {
  return /_(COMPLETE|FAILED)$/.test(status) || status === 'UPDATE_SKIPPED';
}

function isCancellation(event: RunEvent): boolean {
  return CANCELLATION.test(event.reason ?? '');
}

/** What the events of one poll change in the monitor's state: timeline, recent events, root cause. */
export function applyEvents(
  state: MonitorState,
  events: readonly OperationEvent[],
  stackName: string,
): MonitorState {
  if (events.length === 0) return state;
  const timeline = new Map(state.timeline.map((entry) => [entry.logicalId, entry]));
  const rootCause: RootCause[] = [...state.rootCause];
  let rollbackStartedAt = state.rollbackStartedAt;
  let begun = state.begun;
  let stackStatus = state.stackStatus;
  let stackStatusReason = state.stackStatusReason;

  for (const event of events) {
    if (isStackEvent(event, stackName)) {
      begun = true;
      stackStatus = event.status;
      if (event.reason !== undefined) stackStatusReason = event.reason;
      if (event.status.includes('ROLLBACK_IN_PROGRESS')) rollbackStartedAt ??= event.timestamp;
      continue;
    }
    const entry = timeline.get(event.logicalId);
    const terminal = isTerminalResourceStatus(event.status);
    const next: TimelineEntry = {
      logicalId: event.logicalId,
      resourceType: event.resourceType,
      startedAt: entry?.startedAt ?? event.timestamp,
      status: event.status,
      ...(terminal ? { endedAt: event.timestamp } : {}),
      ...(event.reason !== undefined ? { reason: event.reason } : {}),
    };
    if (timeline.has(event.logicalId) || timeline.size < MAX_TIMELINE) timeline.set(event.logicalId, next);
    // The first failures are the cause; a rollback's own failures belong to a recovery's story.
    const followingRollback = state.operation === 'recovery';
    if (
      event.status.endsWith('_FAILED') &&
      !isCancellation(event) &&
      (rollbackStartedAt === undefined || followingRollback) &&
      rootCause.length < MAX_ROOT_CAUSES
    ) {
      rootCause.push({
        logicalId: event.logicalId,
        resourceType: event.resourceType,
        status: event.status,
        reason: event.reason ?? 'CloudFormation gave no reason.',
        timestamp: event.timestamp,
      });
    }
  }

  const recentEvents = [...state.recentEvents, ...events.map(toRunEvent)].slice(-MAX_RECENT_EVENTS);
  const last = events.at(-1);
  return {
    ...state,
    begun,
    ...(rollbackStartedAt !== undefined ? { rollbackStartedAt } : {}),
    ...(stackStatus !== undefined ? { stackStatus } : {}),
    ...(stackStatusReason !== undefined ? { stackStatusReason } : {}),
    ...(last ? { lastEventId: last.id } : {}),
    timeline: [...timeline.values()],
    recentEvents,
    rootCause,
  };
}

function toRunEvent(event: OperationEvent): RunEvent {
  const { clientRequestToken: _token, ...rest } = event;
  return rest;
}

/** Resources CloudFormation has finished with in this operation (complete or failed). */
export function resourcesDone(timeline: readonly TimelineEntry[]): number {
  return timeline.filter((entry) => entry.endedAt !== undefined).length;
}

/**
 * The root cause to show. When every failure was a cancellation (the cause happened in a nested
 * stack, say), the first failure is all there is.
 */
export function rootCauseOf(state: MonitorState): RootCause[] {
  if (state.rootCause.length > 0) return state.rootCause;
  const failed = state.timeline
    .filter((entry) => entry.status.endsWith('_FAILED'))
    .sort((a, b) => (a.endedAt ?? a.startedAt).localeCompare(b.endedAt ?? b.startedAt))[0];
  if (failed) {
    return [
      {
        logicalId: failed.logicalId,
        resourceType: failed.resourceType,
        status: failed.status,
        reason: failed.reason ?? 'CloudFormation gave no reason.',
        timestamp: failed.endedAt ?? failed.startedAt,
      },
    ];
  }
  return [];
}

/**
 * Resources the rollback itself left in UPDATE_FAILED: what ContinueUpdateRollback may skip. A
 * resource whose update failed (the cause) is rolled back like the others, so only failures
 * after the rollback began count; in a recovery, every failure is the rollback's.
 */
export function resourcesBlockingRollback(state: MonitorState): FailedResource[] {
  const failed = state.timeline.filter((entry) => entry.status === 'UPDATE_FAILED');
  const since = state.operation === 'recovery' ? state.startedAt : state.rollbackStartedAt;
  const duringRollback =
    since === undefined ? failed : failed.filter((entry) => (entry.endedAt ?? entry.startedAt) >= since);
  return (duringRollback.length > 0 ? duringRollback : failed).map((entry) => ({
    logicalId: entry.logicalId,
    resourceType: entry.resourceType,
    ...(entry.reason !== undefined ? { reason: entry.reason } : {}),
  }));
}

export function emptyMonitorState(
  operation: MonitorState['operation'],
  startedAt: string,
  lastEventId?: string,
): MonitorState {
  return {
    operation,
    startedAt,
    ...(lastEventId !== undefined ? { lastEventId } : {}),
    begun: false,
    timeline: [],
    recentEvents: [],
    rootCause: [],
  };
}
