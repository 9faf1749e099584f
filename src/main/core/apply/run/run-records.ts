import type { ApplyStep, RunOutcome, StackPhase } from '../../../../shared/apply/run';
import type { Cell } from '../../../../shared/cells/cell';
import type { UpdateToApply } from '../../../../shared/updates/pending-update';
import { appError } from '../../errors/app-error';
import { RUN_RECORD_VERSION, type RunRecord, type StackRecord, type StepRecord } from '../journal/run-record';

/**
 * The stack operation the run follows now: the latest started of the execution and the
 * recoveries (a stack stuck before the run is recovered first, then updated).
 */
export function currentOperation(
  stack: Pick<StackRecord, 'recoveries' | 'execute'>,
): 'execution' | 'recovery' | undefined {
  const recovery = stack.recoveries.filter((entry) => entry.result?.outcome === 'started').at(-1);
  const execution = stack.execute?.result?.outcome === 'started' ? stack.execute : undefined;
  if (recovery && (!execution || recovery.intentAt > execution.intentAt)) return 'recovery';
  return execution ? 'execution' : undefined;
}

/** The screen each phase belongs to. */
export function stepOfPhase(
  phase: StackPhase,
  stack: Pick<StackRecord, 'recoveries' | 'execute'>,
): ApplyStep | undefined {
  switch (phase) {
    case 'preflight':
      return 'preflight';
    case 'awaiting-input':
      return 'input';
    case 'creating':
    case 'waiting-change-set':
    case 'cleaning-up':
      return 'create';
    case 'reviewing':
      return 'review';
    case 'awaiting-confirmation':
      return 'confirm';
    case 'executing':
      return 'execute';
    case 'monitoring':
      return currentOperation(stack) === 'recovery' ? 'recover' : 'monitor';
    case 'awaiting-recovery':
    case 'recovering':
      return 'recover';
    default:
      return undefined;
  }
}

/** Marks a step of a stack (one entry per stack and step, updated in place). */
export function markStep(
  record: RunRecord,
  stack: number,
  step: ApplyStep,
  state: StepRecord['state'],
  at: string,
  detail?: string,
): void {
  const existing = record.steps.find((entry) => entry.stack === stack && entry.step === step);
  const ended = state === 'done' || state === 'failed' || state === 'skipped';
  if (existing) {
    existing.state = state;
    if (ended) existing.endedAt = at;
    else delete existing.endedAt;
    if (detail !== undefined) existing.detail = detail.slice(0, 2000);
    return;
  }
  record.steps.push({
    stack,
    step,
    state,
    startedAt: at,
    ...(ended ? { endedAt: at } : {}),
    ...(detail !== undefined ? { detail: detail.slice(0, 2000) } : {}),
  });
}

/** Ends whatever step of the stack is still open (the run stopped there). */
export function closeOpenSteps(
  record: RunRecord,
  stack: number,
  state: 'failed' | 'skipped',
  at: string,
): void {
  for (const entry of record.steps) {
    if (entry.stack === stack && (entry.state === 'active' || entry.state === 'waiting')) {
      entry.state = state;
      entry.endedAt = at;
    }
  }
}

export function runOutcomeOf(stacks: readonly Pick<StackRecord, 'phase'>[]): RunOutcome {
  const phases = stacks.map((stack) => stack.phase);
  if (phases.every((phase) => phase === 'already-up-to-date')) return 'already-up-to-date';
  if (phases.every((phase) => phase === 'updated' || phase === 'already-up-to-date')) return 'updated';
  for (const outcome of ['cancelled', 'rolled-back', 'blocked'] as const) {
    if (phases.includes(outcome)) return outcome;
  }
  return 'failed';
}

export function isSuccess(phase: StackPhase): boolean {
  return phase === 'updated' || phase === 'already-up-to-date';
}

export interface NewRunInput {
  readonly id: string;
  readonly at: string;
  readonly cell: Cell;
  readonly caller: { readonly account: string; readonly arn: string };
  readonly update: UpdateToApply;
}

/**
 * The run as first journaled. Refuses an update that is not this cell's or names stacks other
 * than the cell's: the run can never act on the wrong stack.
 */
export function newRunRecord(input: NewRunInput): RunRecord {
  const { cell, update } = input;
  if (update.cellId !== cell.id) {
    throw appError(
      'update-not-for-cell',
      `The update "${update.label}" is not for cell "${cell.name}".`,
      'Pick the update in the cell’s own Updates view.',
    );
  }
  if (input.caller.account !== cell.accountId) {
    throw appError(
      'wrong-account',
      `The credentials belong to account ${input.caller.account}, but cell "${cell.name}" lives in ${cell.accountId}. Nothing was done.`,
      `Pick the AWS profile for account ${cell.accountId} in the cell's settings.`,
    );
  }
  const ordered = [...update.stacks].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'role' ? -1 : 1));
  const kinds = new Set(ordered.map((stack) => stack.kind));
  if (kinds.size !== ordered.length) {
    throw appError('update-invalid', `The update "${update.label}" names the same stack twice.`);
  }
  const stacks: StackRecord[] = ordered.map((stack) => {
    const expected = stack.kind === 'role' ? cell.roleStack : cell.instanceStack;
    if (expected !== stack.stackName) {
      throw appError(
        'wrong-stack',
        `The update names stack ${stack.stackName} as the ${stack.kind} stack, but cell "${cell.name}" has ${expected ?? 'none'}. Nothing was done.`,
        'Check the stacks in the cell’s settings, then reload the Updates view.',
      );
    }
    if (stack.source === 'import' && !stack.templateSha256) {
      throw appError('update-invalid', `The imported update for ${stack.stackName} has no template.`);
    }
    if (stack.source === 'vendor-change-set' && !stack.changeSetId && !stack.changeSetName) {
      throw appError('update-invalid', `The update for ${stack.stackName} names no change set.`);
    }
    return {
      kind: stack.kind,
      stackName: stack.stackName,
      updateId: stack.updateId,
      source: stack.source,
      ...(stack.templateSha256
        ? {
            template: {
              sha256: stack.templateSha256,
              ...(stack.templateName ? { name: stack.templateName } : {}),
            },
          }
        : {}),
      ...(stack.source === 'vendor-change-set'
        ? {
            vendorChangeSet: {
              ...(stack.changeSetId ? { id: stack.changeSetId } : {}),
              ...(stack.changeSetName ? { name: stack.changeSetName } : {}),
            },
          }
        : {}),
      phase: 'pending',
      acknowledgedCapabilities: [],
      parameterValues: {},
      secretParameterKeys: [],
      creates: [],
      recoveries: [],
    };
  });
  return {
    version: RUN_RECORD_VERSION,
    id: input.id,
    createdAt: input.at,
    updatedAt: input.at,
    cell,
    caller: { account: input.caller.account, arn: input.caller.arn },
    update: {
      label: update.label,
      covers: [...update.covers],
      releasedAt: update.releasedAt,
      deadline: update.deadline,
    },
    status: 'active',
    currentStack: 0,
    stacks,
    steps: [],
  };
}
