import type { PreflightOutcome } from '../../../shared/apply/preflight';
import type { ReviewAction, RiskKind } from '../../../shared/apply/review';
import type {
  ApplyStackView,
  ApplyStep,
  RunOutcome,
  RunStatus,
  StackPhase,
  StepState,
} from '../../../shared/apply/run';
import { STACK_KIND_LABELS } from '../cells/stack-labels';

/** The wizard's steps as the step list names them. */
export const STEP_LABELS: Record<ApplyStep, string> = {
  preflight: 'Preflight checks',
  input: 'Parameters and acknowledgement',
  create: 'Create the change set',
  review: 'Review the changes',
  confirm: 'Confirm',
  execute: 'Execute',
  monitor: 'Follow the update',
  recover: 'Recover from the failed rollback',
};

/** A step's state in words: the step list never says it by colour or icon alone. */
export const STEP_STATE_WORDS: Record<StepState, string> = {
  pending: 'Not started',
  active: 'In progress',
  waiting: 'Waiting for you',
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
};

/** A glyph beside the words, for a quicker scan; hidden from screen readers. */
export const STEP_STATE_ICONS: Record<StepState, string> = {
  pending: '○',
  active: '◔',
  waiting: '●',
  done: '✓',
  skipped: '–',
  failed: '✕',
};

/** Where a stack of the run stands, in plain words. */
export const PHASE_WORDS: Record<StackPhase, string> = {
  pending: 'Waiting to start',
  preflight: 'Running the preflight checks',
  creating: 'Creating the change set',
  'waiting-change-set': 'Waiting for CloudFormation to finish the change set',
  reviewing: 'Reading the change set',
  executing: 'Executing the change set',
  monitoring: 'Updating',
  recovering: 'Continuing the rollback',
  'cleaning-up': 'Cleaning up',
  'awaiting-input': 'Waiting for your input',
  'awaiting-confirmation': 'Waiting for your confirmation',
  'awaiting-recovery': 'Waiting for you to choose how to recover',
  updated: 'Updated',
  'already-up-to-date': 'Already up to date',
  'rolled-back': 'Rolled back',
  failed: 'Failed',
  blocked: 'Blocked by a preflight check',
  cancelled: 'Cancelled',
  'not-started': 'Not started',
};

/** How a run ended. */
export const OUTCOME_WORDS: Record<RunOutcome, string> = {
  updated: 'Updated',
  'already-up-to-date': 'Already up to date',
  'rolled-back': 'Rolled back',
  failed: 'Failed',
  blocked: 'Blocked by a preflight check',
  cancelled: 'Cancelled',
};

/** The pill tone of each outcome: the words come first, the colour second. */
export const OUTCOME_TONES: Record<RunOutcome, 'ok' | 'attention' | 'error' | 'offline'> = {
  updated: 'ok',
  'already-up-to-date': 'ok',
  'rolled-back': 'error',
  failed: 'error',
  blocked: 'attention',
  cancelled: 'offline',
};

export const RUN_STATUS_WORDS: Record<RunStatus, string> = {
  active: 'In progress',
  waiting: 'Waiting for you',
  paused: 'Paused',
  finished: 'Finished',
};

export const PREFLIGHT_OUTCOME_WORDS: Record<PreflightOutcome, string> = {
  passed: 'Passed',
  warning: 'Warning',
  blocking: 'Blocking',
};

export const PREFLIGHT_OUTCOME_ICONS: Record<PreflightOutcome, string> = {
  passed: '✓',
  warning: '!',
  blocking: '✕',
};

export const ACTION_WORDS: Record<ReviewAction, string> = {
  Add: 'Add',
  Modify: 'Modify',
  Remove: 'Remove',
  Import: 'Import',
  Dynamic: 'Decided during the update',
  SyncWithActual: 'Sync with the actual resource',
};

/** The marker each action gets in a list, as `rain` and `cdk diff` print them. */
export const ACTION_MARKERS: Record<ReviewAction, string> = {
  Add: '+',
  Modify: '~',
  Remove: '−',
  Import: '←',
  Dynamic: '?',
  SyncWithActual: '≈',
};

export const RISK_WORDS: Record<RiskKind, string> = {
  replacement: 'Replaced',
  'conditional-replacement': 'May be replaced',
  removal: 'Removed',
};

/** "Role stack gitpod-role". */
export function stackTitle(stack: Pick<ApplyStackView, 'kind' | 'stackName'>): string {
  return `${STACK_KIND_LABELS[stack.kind]} ${stack.stackName}`;
}

/** "the role stack gitpod-role", to go inside a sentence. */
export function stackPhrase(stack: Pick<ApplyStackView, 'kind' | 'stackName'>): string {
  return `the ${STACK_KIND_LABELS[stack.kind].toLowerCase()} ${stack.stackName}`;
}

/** "4 min 05 s", "1 h 02 min", "12 s": a duration as a stopwatch would read it. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (hours > 0) return `${hours} h ${pad(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${pad(rest)} s`;
  return `${rest} s`;
}

const count = new Intl.NumberFormat('en');

/** "2,000": counts as people read them. */
export function formatCount(value: number): string {
  return count.format(value);
}

/** "1 change", "2,000 changes". */
export function plural(value: number, one: string, many = `${one}s`): string {
  return `${formatCount(value)} ${value === 1 ? one : many}`;
}
