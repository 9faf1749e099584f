import { type AppProblem, MAX_NOTICE_LENGTH, TOKEN_HOW_TO } from '../../../shared/app-status/app-status';
import type { CellClient } from './gitpod-api';
import { resolveOrganization } from './organization';
import { problem } from './problems';
import { isUsableToken, type TokenVault } from './token-vault';

/**
 * The two Gitpod maintenance switches an infrastructure update may use: the notice users see
 * ("maintenance ahead"), and organization maintenance mode (no workspace starts). An apply run
 * reads a switch, journals what it saw, then sets it (core/apply/run/step-maintenance.ts), so
 * reading and setting are separate here. Setting needs an organization owner's token.
 */

export type MaintenanceSwitch = 'notice' | 'mode';

export interface MaintenanceAccess {
  readonly client: CellClient;
  readonly tokens: TokenVault;
  readonly cellId: string;
  /** Found through ListOrganizations when absent (the token must then see exactly one). */
  readonly organizationId?: string;
}

export type SwitchOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: AppProblem };

interface Session {
  readonly client: CellClient;
  readonly token: string;
  readonly organizationId: string;
}

async function open(access: MaintenanceAccess): Promise<SwitchOutcome<Session>> {
  const token = await access.tokens.get(access.cellId);
  if (token === null) {
    return {
      ok: false,
      problem: problem(
        'token-missing',
        'Switching maintenance needs an organization owner’s personal access token.',
        TOKEN_HOW_TO,
      ),
    };
  }
  if (!isUsableToken(token)) {
    return {
      ok: false,
      problem: problem(
        'token-rejected',
        'The stored personal access token is not a valid token.',
        TOKEN_HOW_TO,
        'format',
      ),
    };
  }
  const organization = await resolveOrganization(access.client, token, access.organizationId);
  if (!organization.ok) return { ok: false, problem: organization.problem };
  return { ok: true, value: { client: access.client, token, organizationId: organization.value.id } };
}

/** Whether the switch is on now. */
export async function maintenanceSwitchIsOn(
  access: MaintenanceAccess,
  which: MaintenanceSwitch,
): Promise<SwitchOutcome<boolean>> {
  const opened = await open(access);
  if (!opened.ok) return opened;
  const { client, token, organizationId } = opened.value;
  if (which === 'mode') {
    const mode = await client.maintenanceMode(token, organizationId);
    return mode.ok ? { ok: true, value: mode.value } : { ok: false, problem: mode.problem };
  }
  const notice = await client.maintenanceNotification(token, organizationId);
  return notice.ok ? { ok: true, value: notice.value.enabled } : { ok: false, problem: notice.problem };
}

/**
 * Sets the switch; the notice takes `text` when switched on. Setting what is already so is
 * harmless (Gitpod stores the value), which is what lets a resumed run simply do it again.
 */
export async function setMaintenanceSwitch(
  access: MaintenanceAccess,
  which: MaintenanceSwitch,
  on: boolean,
  text?: string,
): Promise<SwitchOutcome<void>> {
  const opened = await open(access);
  if (!opened.ok) return opened;
  const { client, token, organizationId } = opened.value;
  if (which === 'mode') {
    const mode = await client.setMaintenanceMode(token, organizationId, on);
    if (!mode.ok) return { ok: false, problem: mode.problem };
    if (mode.value !== on) {
      return {
        ok: false,
        problem: problem(
          'bad-reply',
          `${client.host} answered that maintenance mode is ${mode.value ? 'on' : 'off'} after it was switched ${on ? 'on' : 'off'}.`,
          'Check maintenance mode in Gitpod’s organization settings.',
        ),
      };
    }
    return { ok: true, value: undefined };
  }
  const message = on ? text?.trim().slice(0, MAX_NOTICE_LENGTH) : undefined;
  const notice = await client.setMaintenanceNotification(
    token,
    organizationId,
    on,
    message === '' ? undefined : message,
  );
  return notice.ok ? { ok: true, value: undefined } : { ok: false, problem: notice.problem };
}
