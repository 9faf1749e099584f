import {
  APPLY_STEPS,
  type ApplyRunSummary,
  type ApplyRunView,
  type ApplyStackView,
  type ApplyStep,
  type Awaiting,
  isFinalPhase,
  type RunProgress,
  type StackStepState,
} from '../../../../shared/apply/run';
import type { AppError } from '../../../../shared/errors';
import type { MonitorState, RunRecord, StackRecord } from '../journal/run-record';
import { SKIP_CONSEQUENCE } from '../monitor/blocking-resources';
import { progressOf } from '../monitor/stack-monitor';
import { rootCauseOf } from '../monitor/timeline';
import { maintenanceView } from './maintenance-view';
import { currentOperation, stepOfPhase } from './run-records';

/** What the runner holds in memory beside the journal: the live progress and monitor states. */
export interface LiveState {
  readonly progress: ReadonlyMap<number, RunProgress>;
  readonly monitors: ReadonlyMap<number, MonitorState>;
  readonly secrets: ReadonlyMap<number, Readonly<Record<string, string>>>;
  readonly halted?: AppError;
  readonly now: number;
}

function stepsOf(record: RunRecord, index: number, stack: StackRecord): StackStepState[] {
  const recorded = new Map(
    record.steps.filter((entry) => entry.stack === index).map((entry) => [entry.step, entry.state]),
  );
  const final = isFinalPhase(stack.phase);
  return APPLY_STEPS.filter((step) => step !== 'recover' || recorded.has('recover')).map((step) => {
    const state = recorded.get(step);
    if (state !== undefined) return { step, state };
    return { step, state: final ? 'skipped' : 'pending' };
  });
}

function monitorOf(stack: StackRecord, live: MonitorState | undefined): MonitorState | undefined {
  if (live) return live;
  if (currentOperation(stack) === 'recovery' && stack.recoveryMonitor) return stack.recoveryMonitor;
  return stack.monitor;
}

function stackView(record: RunRecord, index: number, live: LiveState): ApplyStackView {
  const stack = record.stacks[index] as StackRecord;
  const monitor = monitorOf(stack, live.monitors.get(index));
  const total = monitor?.operation === 'recovery' ? 0 : (stack.review?.total ?? 0);
  const progress =
    live.progress.get(index) ??
    (monitor
      ? progressOf(monitor, total, monitor.endedAt ? Date.parse(monitor.endedAt) : live.now, false)
      : undefined);
  return {
    kind: stack.kind,
    stackName: stack.stackName,
    updateId: stack.updateId,
    source: stack.source,
    ...(stack.template ? { templateSha256: stack.template.sha256 } : {}),
    ...(stack.template?.name ? { templateName: stack.template.name } : {}),
    phase: stack.phase,
    steps: stepsOf(record, index, stack),
    ...(stack.changeSet ? { changeSet: stack.changeSet } : {}),
    ...(stack.preflight ? { preflight: stack.preflight } : {}),
    ...(stack.review ? { review: stack.review } : {}),
    ...(progress ? { progress } : {}),
    timeline: monitor?.timeline ?? [],
    recentEvents: monitor?.recentEvents ?? [],
    rootCause: stack.monitor ? rootCauseOf(stack.monitor) : [],
    ...(stack.finalStatus ? { finalStatus: stack.finalStatus } : {}),
    ...(stack.startedAt ? { startedAt: stack.startedAt } : {}),
    ...(stack.endedAt ? { endedAt: stack.endedAt } : {}),
    ...(stack.error ? { error: stack.error } : {}),
  };
}

function awaitingOf(record: RunRecord, live: LiveState, error: AppError | undefined): Awaiting | undefined {
  if (record.status === 'paused' || live.halted) {
    return error ? { kind: 'resume', reason: error } : undefined;
  }
  if (record.status !== 'waiting') return undefined;
  const index = record.currentStack;
  const stack = record.stacks[index];
  if (!stack) return undefined;
  const secrets = live.secrets.get(index);
  switch (stack.phase) {
    case 'awaiting-input': {
      const report = stack.preflight;
      return {
        kind: 'input',
        stackName: stack.stackName,
        missingParameters: (report?.missingParameters ?? []).filter((parameter) =>
          parameter.noEcho
            ? secrets?.[parameter.key] === undefined
            : stack.parameterValues[parameter.key] === undefined,
        ),
        capabilities: (report?.capabilities ?? []).filter(
          (capability) => !stack.acknowledgedCapabilities.includes(capability),
        ),
        capabilityResources: report?.capabilityResources ?? [],
        ...(report?.capabilitiesReason ? { capabilitiesReason: report.capabilitiesReason } : {}),
      };
    }
    case 'awaiting-confirmation':
      return {
        kind: 'confirmation',
        stackName: stack.stackName,
        accountId: record.cell.accountId,
        changeSetName: stack.changeSet?.name ?? '',
      };
    case 'awaiting-recovery':
      return {
        kind: 'recovery',
        stackName: stack.stackName,
        failedResources: stack.failedResources ?? [],
        consequence: SKIP_CONSEQUENCE,
      };
    default:
      return undefined;
  }
}

const PHASE_WORDS: Partial<Record<StackRecord['phase'], string>> = {
  pending: 'Starting',
  preflight: 'Checking',
  creating: 'Creating the change set for',
  'waiting-change-set': 'Waiting for the change set of',
  reviewing: 'Reading the changes to',
  executing: 'Executing the change set on',
  monitoring: 'Updating',
  recovering: 'Continuing the rollback of',
  'cleaning-up': 'Removing the change set of',
  'awaiting-input': 'Waiting for your values and acknowledgement for',
  'awaiting-confirmation': 'Waiting for your confirmation to execute on',
  'awaiting-recovery': 'Waiting for your choice of resources to skip on',
};

const OUTCOME_WORDS: Record<NonNullable<RunRecord['outcome']>, string> = {
  updated: 'The update was applied: every stack is UPDATE_COMPLETE.',
  'already-up-to-date': 'Nothing to apply: the stacks already run this update.',
  'rolled-back': 'The update failed and was rolled back.',
  failed: 'The update failed.',
  blocked: 'The update could not start.',
  cancelled: 'The run was cancelled; nothing was executed.',
};

function messageOf(record: RunRecord, error: AppError | undefined): string {
  if (record.status === 'finished' && record.outcome) {
    const base = OUTCOME_WORDS[record.outcome];
    if (record.outcome === 'cancelled' && record.stacks.some((stack) => stack.phase === 'updated')) {
      return `The run was cancelled after ${record.stacks
        .filter((stack) => stack.phase === 'updated')
        .map((stack) => stack.stackName)
        .join(', ')} was updated.`;
    }
    return error && record.outcome !== 'updated' && record.outcome !== 'already-up-to-date'
      ? `${base} ${error.message}`.slice(0, 2000)
      : base;
  }
  if (record.status === 'paused') return `Paused: ${error?.message ?? 'resume to continue.'}`.slice(0, 2000);
  const stack = record.stacks[record.currentStack];
  if (!stack) return '';
  const words = PHASE_WORDS[stack.phase] ?? stack.phase;
  return `${words} ${stack.stackName} (${stack.kind} stack) in account ${record.cell.accountId}.`;
}

/** The run as the wizard, the CLI and History see it. */
export function runView(record: RunRecord, live: LiveState): ApplyRunView {
  const current = record.stacks[record.currentStack];
  const error = live.halted ?? record.error;
  const paused = record.status === 'paused' || live.halted !== undefined;
  const status = live.halted ? 'paused' : record.status;
  const currentStep: ApplyStep | undefined =
    current && !isFinalPhase(current.phase) ? stepOfPhase(current.phase, current) : undefined;
  const awaiting = awaitingOf(record, live, error);
  const maintenance = maintenanceView(record);
  return {
    id: record.id,
    cellId: record.cell.id,
    cellName: record.cell.name,
    accountId: record.cell.accountId,
    region: record.cell.region,
    callerArn: record.caller.arn,
    label: record.update.label,
    covers: record.update.covers,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    ...(record.finishedAt ? { finishedAt: record.finishedAt } : {}),
    status,
    ...(record.outcome ? { outcome: record.outcome } : {}),
    currentStack: record.currentStack,
    ...(currentStep ? { currentStep } : {}),
    ...(awaiting ? { awaiting } : {}),
    stacks: record.stacks.map((_, index) => stackView(record, index, live)),
    message:
      paused && live.halted ? `Paused: ${live.halted.message}`.slice(0, 2000) : messageOf(record, error),
    ...(error ? { error } : {}),
    ...(maintenance ? { maintenance } : {}),
  };
}

export function runSummary(record: RunRecord): ApplyRunSummary {
  return {
    id: record.id,
    cellId: record.cell.id,
    cellName: record.cell.name,
    accountId: record.cell.accountId,
    label: record.update.label,
    callerArn: record.caller.arn,
    createdAt: record.createdAt,
    ...(record.finishedAt ? { finishedAt: record.finishedAt } : {}),
    status: record.status,
    ...(record.outcome ? { outcome: record.outcome } : {}),
    stacks: record.stacks.map((stack) => ({ stackName: stack.stackName, phase: stack.phase })),
  };
}
