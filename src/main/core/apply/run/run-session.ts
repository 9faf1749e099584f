import type { ChangeSetReview } from '../../../../shared/apply/review';
import type { RunProgress } from '../../../../shared/apply/run';
import { type Cell, GITPOD_ROLE_NAME } from '../../../../shared/cells/cell';
import type { AppError } from '../../../../shared/errors';
import type { AwsClients } from '../../aws/clients';
import type { AwsErrorContext } from '../../aws/errors';
import { describeError, type Logger } from '../../log/logger';
import type { TimerPort } from '../../refresh/timers';
import type { RunStore } from '../journal/run-journal';
import type { MonitorState, RunRecord, StackRecord } from '../journal/run-record';
import { type ClassifiedFault, classifyFault } from './faults';
import type { ApplyPorts, CallerIdentityLike, MaintenancePort } from './run-ports';
import { markStep, stepOfPhase } from './run-records';
import { type StopSignal, sleep } from './sleep';

/** What every step of a run uses; one per ApplyRunner. */
export interface RunDeps {
  readonly store: RunStore;
  readonly ports: ApplyPorts;
  readonly clientsFor: (cell: Cell) => AwsClients;
  readonly readTemplate: (updateId: string, kind: StackRecord['kind']) => Promise<string>;
  readonly identify: (clients: AwsClients) => Promise<CallerIdentityLike>;
  readonly maintenance: MaintenancePort | undefined;
  readonly logger: Logger;
  readonly timers: TimerPort;
  readonly stop: StopSignal;
  /** Tells listeners the run changed. */
  readonly emit: (session: RunSession) => void;
}

/** A journal write failed: the run must not make the call it was about to journal. */
export class JournalWriteError extends Error {
  constructor(cause: unknown) {
    super(`the apply journal could not be written (${describeError(cause)})`);
    this.name = 'JournalWriteError';
  }
}

/** Backoff for calls that failed transiently outside monitoring; after the last, the run pauses. */
export const RETRY_DELAYS_MS = [2_000, 4_000, 8_000, 16_000, 30_000] as const;

/**
 * A run held in memory: its journaled record, and what is never journaled — the clients, the
 * NoEcho values the admin typed, the full review, the live monitor state between journal writes.
 */
export class RunSession {
  clients: AwsClients | undefined;
  /** NoEcho parameter values per stack index: memory only. */
  readonly secrets = new Map<number, Record<string, string>>();
  readonly reviews = new Map<number, ChangeSetReview>();
  readonly progress = new Map<number, RunProgress>();
  /** The monitor's state between journal writes. */
  readonly live = new Map<number, MonitorState>();
  transientFailures = 0;
  driving: Promise<void> | null = null;
  /** Set when a command made the run active while a drive was ending: drive once more. */
  again = false;
  /** Journal writes of this run, one after the other, each on the record the last one left. */
  commits: Promise<unknown> = Promise.resolve();
  /** Set when this instance can no longer journal the run: shown as paused, resumable. */
  halted: AppError | undefined;

  constructor(public record: RunRecord) {}

  get index(): number {
    return this.record.currentStack;
  }

  get stack(): StackRecord {
    const stack = this.record.stacks[this.record.currentStack];
    if (!stack) throw new Error(`run ${this.record.id} has no stack ${this.record.currentStack}`);
    return stack;
  }
}

export function nowIso(deps: Pick<RunDeps, 'timers'>): string {
  return new Date(deps.timers.now()).toISOString();
}

/**
 * Changes the run and journals it before the change is taken as the state. The mutation works on
 * a copy; if the journal cannot be written, nothing changes and JournalWriteError is thrown.
 */
export function commit(
  deps: RunDeps,
  session: RunSession,
  mutate: (draft: RunRecord, at: string) => void,
): Promise<void> {
  const write = session.commits.then(async () => {
    // A stopped runner writes nothing more: the next one resumes from what is on disk.
    deps.stop.throwIfStopped();
    const draft = structuredClone(session.record);
    const at = nowIso(deps);
    mutate(draft, at);
    draft.updatedAt = at;
    try {
      await deps.store.save(draft);
    } catch (error) {
      throw new JournalWriteError(error);
    }
    session.record = draft;
    deps.emit(session);
  });
  session.commits = write.catch(() => undefined);
  return write;
}

export function clientsOf(deps: RunDeps, session: RunSession): AwsClients {
  session.clients ??= deps.clientsFor(session.record.cell);
  return session.clients;
}

/** Closes the clients; the next step asks for new ones (with whatever credentials are current). */
export function releaseClients(session: RunSession): void {
  session.clients?.destroy();
  session.clients = undefined;
}

export function errorContextOf(record: RunRecord): Omit<AwsErrorContext, 'action'> {
  return {
    region: record.cell.region,
    ...(record.cell.profile === undefined ? {} : { profile: record.cell.profile }),
  };
}

/** The stack's ARN once known (unambiguous even if a stack of that name is re-created), else its name. */
export function stackRef(stack: StackRecord): string {
  return stack.stackId ?? stack.preflight?.stackId ?? stack.stackName;
}

/** Stops the run until the admin resumes it; the step it was in is kept, so resume retries it. */
export async function pause(deps: RunDeps, session: RunSession, error: AppError): Promise<void> {
  deps.logger.warn(`apply ${session.record.id}: paused: ${error.message}`);
  await commit(deps, session, (draft, at) => {
    draft.status = 'paused';
    draft.error = error;
    const stack = draft.stacks[draft.currentStack];
    const step = stack ? stepOfPhase(stack.phase, stack) : undefined;
    if (step) markStep(draft, draft.currentStack, step, 'waiting', at);
  });
  releaseClients(session);
}

/**
 * A failed AWS call outside monitoring: transient failures wait and return (the drive loop tries
 * the step again, which looks up what happened before repeating anything); after the last retry,
 * or for credentials and anything else, the run pauses.
 */
export async function retryOrPause(
  deps: RunDeps,
  session: RunSession,
  error: unknown,
  action: string,
): Promise<void> {
  await retryOrPauseOn(
    deps,
    session,
    classifyFault(error, { ...errorContextOf(session.record), action }),
    action,
  );
}

/** As retryOrPause, for a failure already classified (a preflight check that failed because AWS did). */
export async function retryOrPauseOn(
  deps: RunDeps,
  session: RunSession,
  fault: ClassifiedFault,
  action: string,
): Promise<void> {
  if (fault.kind === 'transient' && session.transientFailures < RETRY_DELAYS_MS.length) {
    const delay = RETRY_DELAYS_MS[session.transientFailures] ?? 30_000;
    session.transientFailures += 1;
    deps.logger.info(
      `apply ${session.record.id}: ${action} failed (${fault.error.message}); retrying in ${delay} ms`,
    );
    await sleep(deps.timers, delay, deps.stop);
    return;
  }
  session.transientFailures = 0;
  await pause(deps, session, fault.error);
}

/** The execution role to pass as RoleARN: from the preflight, else its usual ARN in the caller's partition. */
export function executionRoleArnOf(record: RunRecord, stack: StackRecord): string {
  const fromPreflight = stack.preflight?.executionRoleArn;
  if (fromPreflight) return fromPreflight;
  const partition = record.caller.arn.split(':')[1] || 'aws';
  return `arn:${partition}:iam::${record.cell.accountId}:role/${GITPOD_ROLE_NAME}`;
}
