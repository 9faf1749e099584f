import type { ApplyRunView, ApplyStackView } from '../../../../shared/apply/run';

/** What every screen of the wizard is given: the run, and the stack the screen is about. */
export interface ScreenProps {
  readonly run: ApplyRunView;
  readonly stack: ApplyStackView;
  readonly stackIndex: number;
}
