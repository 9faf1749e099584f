import {
  DEFAULT_MAINTENANCE_NOTICE,
  type MaintenancePlan,
  type MaintenanceSwitchState,
  type MaintenanceView,
} from '../../../shared/apply/maintenance';

/** The start screen's maintenance choices, before they become a plan. */
export interface MaintenanceChoice {
  readonly notice: boolean;
  readonly text: string;
  readonly mode: boolean;
}

export const NO_MAINTENANCE: MaintenanceChoice = {
  notice: false,
  text: DEFAULT_MAINTENANCE_NOTICE,
  mode: false,
};

/** The plan to send with `apply:start`, or why it cannot be sent. */
export function planOf(
  choice: MaintenanceChoice,
): { readonly plan: MaintenancePlan | undefined } | { readonly error: string } {
  if (!choice.notice && !choice.mode) return { plan: undefined };
  const text = choice.text.trim();
  if (choice.notice && text === '') return { error: 'Write the notice your users will see, or untick it.' };
  return { plan: { notice: choice.notice ? text : null, mode: choice.mode } };
}

const STATE_WORDS: Record<MaintenanceSwitchState, string> = {
  planned: 'not switched on yet',
  on: 'on',
  'left-on': 'on before the run, so the run leaves it as it is',
  off: 'switched off again',
  'not-switched-on': 'could not be switched on',
  'stuck-on': 'still on: the run could not switch it off',
};

/** "Maintenance notice: on", one line per switch the run uses. */
export function maintenanceLines(view: MaintenanceView): string[] {
  const lines: string[] = [];
  if (view.notice) lines.push(`Maintenance notice: ${STATE_WORDS[view.notice.state]}`);
  if (view.mode) lines.push(`Maintenance mode: ${STATE_WORDS[view.mode.state]}`);
  return lines;
}

/** Whether something the run switched on is still on after it ended. */
export function maintenanceStuckOn(view: MaintenanceView | undefined): boolean {
  return view?.notice?.state === 'stuck-on' || view?.mode?.state === 'stuck-on';
}
