import type { StackKind } from '../../../shared/cells/stack-report';
import type {
  AppliedDetection,
  UpdateDeadlineState,
  UpdateSource,
} from '../../../shared/updates/pending-update';

export const UPDATE_SOURCE_LABELS: Record<UpdateSource, string> = {
  'vendor-change-set': 'Change set from Gitpod',
  import: 'Imported',
};

/** How an update was seen applied, in words for the History view. */
export const DETECTION_WORDS: Record<AppliedDetection, string> = {
  'change-set-executed': 'Its change set was executed.',
  'change-set-obsolete': 'Its change set became obsolete: the stack was updated by another one.',
  'change-set-removed-after-update': 'Its change set went away after the stack was updated.',
  'template-deployed': 'The stacks now run the imported templates.',
  'already-applied-when-imported': 'The stacks already ran these templates when they were imported.',
};

/** The pill tone for each state: colour is the second cue, the label the first. */
export const DEADLINE_STATE_TONES: Record<UpdateDeadlineState, string> = {
  'on-track': 'ok',
  'due-soon': 'attention',
  urgent: 'error',
  overdue: 'urgent',
};

const APPLY_ORDER: Record<StackKind, number> = { role: 0, instance: 1 };

/**
 * The stacks in apply order: the role stack first, because the instance stack is deployed
 * with the role's permissions. Main sends them in this order already; sorting again costs
 * nothing and keeps the one ordering that must never be wrong on screen.
 */
export function inApplyOrder<T extends { readonly kind: StackKind }>(stacks: readonly T[]): T[] {
  return [...stacks].sort((a, b) => APPLY_ORDER[a.kind] - APPLY_ORDER[b.kind]);
}
