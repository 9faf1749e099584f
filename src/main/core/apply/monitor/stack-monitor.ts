import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import type { RunProgress } from '../../../../shared/apply/run';
import type { AppError } from '../../../../shared/errors';
import type { AwsErrorContext } from '../../aws/errors';
import { describeError, type Logger } from '../../log/logger';
import type { TimerPort } from '../../refresh/timers';
import type { MonitorState } from '../journal/run-record';
import { classifyFault } from '../run/faults';
import { type StopSignal, sleep } from '../run/sleep';
import { readEventsAfter } from './read-events';
import { applyEvents, isStackEvent, resourcesDone } from './timeline';

/** CloudFormation is asked every 2 s while a stack changes, never faster (DESIGN.md). */
export const POLL_INTERVAL_MS = 2_000;
/** Backoff while AWS cannot be reached; the poll interval is the floor. */
export const RECONNECT_DELAYS_MS = [2_000, 4_000, 8_000, 16_000, 30_000] as const;
/** DescribeStacks at least this often even without a stack-level event (every 10th poll). */
export const STATUS_EVERY_POLLS = 10;
/**
 * How long a final-looking status is not believed without a sign that the operation began: right
 * after ExecuteChangeSet the stack can still show the status it had before.
 */
export const START_GRACE_MS = 60_000;

const IN_PROGRESS = /_IN_PROGRESS$/;

export interface MonitorInput {
  readonly cloudFormation: CloudFormationClient;
  /** The stack's ARN (or name). */
  readonly stack: string;
  /** Its name: the logical id of its own events. */
  readonly stackName: string;
  readonly clientRequestToken?: string;
  /** The change set being executed: DescribeStacks names the last one executed. */
  readonly changeSetId?: string;
  /** The change set's change count, for the progress; 0 when unknown. */
  readonly resourcesTotal: number;
  /** Where to start: a fresh state, or the journaled one after a restart. */
  readonly state: MonitorState;
  readonly timers: TimerPort;
  readonly stop: StopSignal;
  readonly logger: Logger;
  readonly errorContext: Omit<AwsErrorContext, 'action'>;
  /** Called after every poll (and while reconnecting); the runner journals and shows it. */
  onUpdate(state: MonitorState, progress: RunProgress): Promise<void>;
}

export type MonitorEnd =
  | { readonly kind: 'final'; readonly status: string; readonly state: MonitorState }
  | { readonly kind: 'paused'; readonly error: AppError; readonly state: MonitorState };

function isFinal(status: string): boolean {
  return !IN_PROGRESS.test(status);
}

export function progressOf(
  state: MonitorState,
  total: number,
  now: number,
  reconnecting: boolean,
  message?: string,
): RunProgress {
  const done = Math.min(resourcesDone(state.timeline), total > 0 ? total : Number.POSITIVE_INFINITY);
  const finished = state.stackStatus === 'UPDATE_COMPLETE' && state.endedAt !== undefined;
  const percent = total > 0 ? (finished ? 100 : Math.min(100, Math.round((done / total) * 1000) / 10)) : null;
  const elapsedMs = Math.max(0, now - Date.parse(state.startedAt));
  const status = state.stackStatus ?? 'waiting for CloudFormation';
  return {
    resourcesDone: done,
    resourcesTotal: total,
    percent,
    startedAt: state.startedAt,
    elapsedMs,
    ...(state.stackStatus !== undefined ? { stackStatus: state.stackStatus } : {}),
    reconnecting,
    message:
      message ??
      (reconnecting
        ? `Reconnecting to AWS… the update carries on in CloudFormation (${status}).`
        : total > 0
          ? `${status}: ${done} of ${total} resources done`
          : `${status}: ${done} resources done`),
  };
}

/**
 * Follows a stack from ExecuteChangeSet (or ContinueUpdateRollback) to its final status: stack
 * events every 2 s, only this operation's (those after the baseline event, with its token where
 * CloudFormation gives one), DescribeStacks when the stack's own events say its status moved.
 * Throttling and a lost connection are retried with backoff and shown as reconnecting; expired
 * credentials pause the monitor (the runner asks the admin to sign in again).
 */
export async function monitorStack(input: MonitorInput): Promise<MonitorEnd> {
  const { cloudFormation, timers, stop, logger } = input;
  let state = input.state;
  let failures = 0;
  let pollsSinceStatus = STATUS_EVERY_POLLS;
  const startedAt = Date.parse(state.startedAt);

  // The call that began the operation (and the baseline read before it) was just made: the
  // first poll waits the interval too, so no two calls are ever less than 2 s apart.
  let delay: number = POLL_INTERVAL_MS;
  for (;;) {
    await sleep(timers, Math.max(POLL_INTERVAL_MS, delay), stop);
    delay = POLL_INTERVAL_MS;
    let reconnecting = false;
    let finalStatus: string | undefined;
    try {
      const read = await readEventsAfter(cloudFormation, {
        stack: input.stack,
        ...(state.lastEventId !== undefined
          ? { after: state.lastEventId }
          : { since: new Date(startedAt - 60_000) }),
        ...(input.clientRequestToken !== undefined ? { clientRequestToken: input.clientRequestToken } : {}),
      });
      stop.throwIfStopped();
      if (!read.complete) {
        logger.warn(
          `apply monitor: more new events on ${input.stackName} than one poll reads; some were skipped.`,
        );
      }
      const stackMoved = read.events.some((event) => isStackEvent(event, input.stackName));
      state = applyEvents(state, read.events, input.stackName);
      if (read.newestId !== undefined) state = { ...state, lastEventId: read.newestId };

      pollsSinceStatus += 1;
      if (stackMoved || pollsSinceStatus >= STATUS_EVERY_POLLS) {
        pollsSinceStatus = 0;
        const reply = await cloudFormation.send(new DescribeStacksCommand({ StackName: input.stack }));
        stop.throwIfStopped();
        const stack = reply.Stacks?.[0];
        const status = stack?.StackStatus ?? 'UNKNOWN';
        const begun =
          state.begun ||
          IN_PROGRESS.test(status) ||
          (state.operation === 'execution' &&
            input.changeSetId !== undefined &&
            stack?.ChangeSetId === input.changeSetId);
        state = {
          ...state,
          begun,
          stackStatus: status,
          ...(stack?.StackStatusReason ? { stackStatusReason: stack.StackStatusReason } : {}),
        };
        const graceOver = timers.now() - startedAt >= START_GRACE_MS;
        if (isFinal(status) && (begun || graceOver)) {
          if (!begun) {
            logger.warn(
              `apply monitor: ${input.stackName} shows ${status} and no sign of the operation; taking it as final.`,
            );
          }
          finalStatus = status;
        }
      }
      failures = 0;
    } catch (error) {
      if (stop.isStopped) throw error;
      const fault = classifyFault(error, {
        ...input.errorContext,
        action: 'cloudformation:DescribeStackEvents',
      });
      if (fault.kind !== 'transient') {
        logger.warn(`apply monitor: ${input.stackName}: ${fault.error.message}`);
        return { kind: 'paused', error: fault.error, state };
      }
      delay = RECONNECT_DELAYS_MS[Math.min(failures, RECONNECT_DELAYS_MS.length - 1)] ?? POLL_INTERVAL_MS;
      failures += 1;
      reconnecting = true;
      logger.info(`apply monitor: ${input.stackName}: reconnecting in ${delay} ms (${describeError(error)})`);
    }
    if (finalStatus !== undefined) {
      state = { ...state, endedAt: new Date(timers.now()).toISOString() };
      await input.onUpdate(state, progressOf(state, input.resourcesTotal, timers.now(), false));
      return { kind: 'final', status: finalStatus, state };
    }
    await input.onUpdate(state, progressOf(state, input.resourcesTotal, timers.now(), reconnecting));
  }
}
