import type { ApplyRunView, ApplyStackView, ApplyStep, StackPhase } from '../../../shared/apply/run';

/** The wizard's screens. `paused` and `finished` belong to the run, the others to its current stack. */
export const APPLY_SCREENS = [
  'preflight',
  'input',
  'create',
  'review',
  'confirm',
  'monitor',
  'recover',
  'paused',
  'finished',
] as const;
export type ApplyScreen = (typeof APPLY_SCREENS)[number];

/**
 * Screens the admin reads before going on, while the run already waits for what comes after:
 * the preflight checks before the input form, the review before the confirmation.
 */
export type ReadScreen = 'preflight' | 'review';

/** Which read-first screens the admin has gone past, per stack: `0:preflight`, `1:review`. */
export type SeenScreens = ReadonlySet<string>;

export function seenKey(stackIndex: number, screen: ReadScreen): string {
  return `${stackIndex}:${screen}`;
}

/** The screen of a stack that is not waiting for the admin, by where it stands. */
const PHASE_SCREENS: Record<StackPhase, ApplyScreen> = {
  pending: 'preflight',
  preflight: 'preflight',
  creating: 'create',
  'waiting-change-set': 'create',
  reviewing: 'create',
  'cleaning-up': 'create',
  'already-up-to-date': 'create',
  // Waiting without saying what for: show where it got to, not a form that cannot be sent.
  'awaiting-input': 'preflight',
  'awaiting-confirmation': 'create',
  'awaiting-recovery': 'monitor',
  executing: 'monitor',
  monitoring: 'monitor',
  recovering: 'monitor',
  updated: 'monitor',
  'rolled-back': 'monitor',
  failed: 'monitor',
  blocked: 'preflight',
  cancelled: 'finished',
  'not-started': 'preflight',
};

export function currentStackOf(run: ApplyRunView): ApplyStackView {
  // The schema keeps currentStack within the stacks; the fallback only satisfies the index type.
  return run.stacks[run.currentStack] ?? (run.stacks[0] as ApplyStackView);
}

/** The screen to show for the run, given which read-first screens the admin has gone past. */
export function screenFor(run: ApplyRunView, seen: SeenScreens): ApplyScreen {
  const stack = currentStackOf(run);
  const index = run.currentStack;
  if (run.status === 'finished') {
    // A run stopped by preflight is best explained by its checks.
    return stack.phase === 'blocked' && stack.preflight ? 'preflight' : 'finished';
  }
  switch (run.awaiting?.kind) {
    case 'resume':
      return 'paused';
    case 'input':
      return stack.preflight && !seen.has(seenKey(index, 'preflight')) ? 'preflight' : 'input';
    case 'confirmation':
      return seen.has(seenKey(index, 'review')) ? 'confirm' : 'review';
    case 'recovery':
      // Found by preflight (the stack was already UPDATE_ROLLBACK_FAILED): show why first.
      return stack.preflight?.needsRecovery && !seen.has(seenKey(index, 'preflight'))
        ? 'preflight'
        : 'recover';
    default:
      break;
  }
  if (run.status === 'paused') return 'paused';
  return PHASE_SCREENS[stack.phase];
}

/** The step of a stack a screen is about: the one the step list marks as current. */
export function stepOfScreen(
  screen: ApplyScreen,
  stack: ApplyStackView,
  run: ApplyRunView,
): ApplyStep | null {
  switch (screen) {
    case 'paused':
      return run.currentStep ?? null;
    case 'finished':
      return null;
    case 'monitor':
      return stack.phase === 'executing' ? 'execute' : stack.phase === 'recovering' ? 'recover' : 'monitor';
    default:
      return screen;
  }
}

/** The title of each screen's heading. */
export const SCREEN_TITLES: Record<ApplyScreen, string> = {
  preflight: 'Preflight checks',
  input: 'Parameters and acknowledgement',
  create: 'Create the change set',
  review: 'Review the changes',
  confirm: 'Confirm and execute',
  monitor: 'Follow the update',
  recover: 'Recover from the failed rollback',
  paused: 'The run is paused',
  finished: 'The run has finished',
};
