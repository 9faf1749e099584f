import { z } from 'zod';
import { MAX_NOTICE_LENGTH } from '../app-status/app-status';

/**
 * Maintenance around an infrastructure update (issue 6, "Around an update"): with an
 * organization owner's token, a run may put up Gitpod's maintenance notice for its users from
 * its start, and switch organization maintenance mode on for the execution, then switch off
 * what it switched on when it ends — whatever the outcome. The journal records what was on
 * before, so a resumed run undoes exactly what it did and never something an admin set by hand.
 */

/** What the admin asked for when starting the run. */
export const maintenancePlanSchema = z
  .object({
    /** The notice users see from the start of the run; null: no notice. */
    notice: z.string().trim().min(1).max(MAX_NOTICE_LENGTH).nullable(),
    /** Organization maintenance mode from the first execution to the end of the run. */
    mode: z.boolean(),
  })
  .strict()
  .refine((plan) => plan.notice !== null || plan.mode, 'ask for the notice, maintenance mode, or both');
export type MaintenancePlan = z.output<typeof maintenancePlanSchema>;

export const DEFAULT_MAINTENANCE_NOTICE =
  'An infrastructure update of this Gitpod installation is under way. Workspaces may not start for a while.';

/**
 * One switch as the run shows it. `left-on`: it was on before the run, so the run leaves it to
 * whoever switched it on; `stuck-on`: the run could not switch it off, and the admin must.
 */
export const MAINTENANCE_SWITCH_STATES = [
  'planned',
  'on',
  'left-on',
  'off',
  'not-switched-on',
  'stuck-on',
] as const;
export const maintenanceSwitchStateSchema = z.enum(MAINTENANCE_SWITCH_STATES);
export type MaintenanceSwitchState = z.output<typeof maintenanceSwitchStateSchema>;

export const maintenanceViewSchema = z
  .object({
    notice: z
      .object({ state: maintenanceSwitchStateSchema, text: z.string().max(MAX_NOTICE_LENGTH) })
      .strict()
      .nullable(),
    mode: z.object({ state: maintenanceSwitchStateSchema }).strict().nullable(),
    /** Something about maintenance needs the admin (a switch that failed, one left on). */
    problem: z
      .object({ message: z.string().max(2000), nextStep: z.string().max(1000) })
      .strict()
      .optional(),
  })
  .strict();
export type MaintenanceView = z.output<typeof maintenanceViewSchema>;

/** The words the wizard and the CLI use for a switch's state. */
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
