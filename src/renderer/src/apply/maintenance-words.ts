import { DEFAULT_MAINTENANCE_NOTICE, type MaintenancePlan } from '../../../shared/apply/maintenance';

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
