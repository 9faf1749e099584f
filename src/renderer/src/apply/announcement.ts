import { type ApplyRunView, isFinalPhase } from '../../../shared/apply/run';
import { OUTCOME_WORDS, PHASE_WORDS, stackPhrase, stackTitle } from './apply-labels';

/**
 * What a polite live region says about where the run ended up: the run's outcome once it has
 * finished, a stack's end state (and the next stack) while it goes on; nothing while it works.
 */
export function endStateAnnouncement(run: ApplyRunView): string {
  if (run.status === 'finished') {
    return `The run has finished: ${OUTCOME_WORDS[run.outcome ?? 'failed']}. ${run.message}`;
  }
  const current = run.stacks[run.currentStack];
  if (!current) return '';
  if (isFinalPhase(current.phase)) return `${stackTitle(current)}: ${PHASE_WORDS[current.phase]}.`;
  const previous = run.stacks.slice(0, run.currentStack).filter((stack) => isFinalPhase(stack.phase));
  const last = previous[previous.length - 1];
  return last ? `${stackTitle(last)}: ${PHASE_WORDS[last.phase]}. Next: ${stackPhrase(current)}.` : '';
}
