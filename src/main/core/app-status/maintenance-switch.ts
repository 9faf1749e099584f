import { type AppProblem, MAX_NOTICE_LENGTH, TOKEN_HOW_TO } from '../../../shared/app-status/app-status';
import type { CellClient, MaintenanceNotification } from './gitpod-api';
import { resolveOrganization } from './organization';
import { problem } from './problems';
import { isUsableToken, type TokenVault } from './token-vault';

/**
 * Switching maintenance around an infrastructure update: a notice for users before the run,
 * organization maintenance mode during it, both off afterwards. Each helper reads the current
 * state first and changes only what differs, and says exactly what it changed, so the run's
 * journal can record it and a resumed run can undo precisely that and nothing more. A failure
 * part-way still reports what was already changed.
 */

export interface MaintenanceAccess {
  readonly client: CellClient;
  readonly tokens: TokenVault;
  readonly cellId: string;
  /** Found through ListOrganizations when absent (the token must then see exactly one). */
  readonly organizationId?: string;
}

export interface MaintenanceChanges {
  /** The organization the changes were made in; null when it could not be found. */
  readonly organizationId: string | null;
  /** Present when this call changed the notice: how it was, and how it is now. */
  readonly notice?: { readonly before: MaintenanceNotification; readonly after: MaintenanceNotification };
  /** Present when this call changed maintenance mode. */
  readonly mode?: { readonly before: boolean; readonly after: boolean };
}

export type MaintenanceSwitchResult =
  | { readonly ok: true; readonly changes: MaintenanceChanges }
  | { readonly ok: false; readonly problem: AppProblem; readonly changes: MaintenanceChanges };

export interface EnableMaintenanceRequest {
  /** The notice users see; undefined leaves the notice as it is. */
  readonly notice?: string;
  /** Whether to switch organization maintenance mode on. */
  readonly mode: boolean;
}

export interface DisableMaintenanceRequest {
  /** Switch the notice off (if on). */
  readonly notice: boolean;
  /** Switch maintenance mode off (if on). */
  readonly mode: boolean;
}

interface Session {
  readonly client: CellClient;
  readonly token: string;
  readonly organizationId: string;
}

async function open(
  access: MaintenanceAccess,
): Promise<{ ok: true; session: Session } | { ok: false; problem: AppProblem }> {
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
  return { ok: true, session: { client: access.client, token, organizationId: organization.value.id } };
}

/**
 * Switches the notice on (with `notice` as its text) and, if asked, maintenance mode on, in
 * that order: users are warned before starts are blocked.
 */
export async function enableMaintenance(
  access: MaintenanceAccess,
  request: EnableMaintenanceRequest,
): Promise<MaintenanceSwitchResult> {
  const opened = await open(access);
  if (!opened.ok) return { ok: false, problem: opened.problem, changes: { organizationId: null } };
  const { client, token, organizationId } = opened.session;
  let changes: MaintenanceChanges = { organizationId };

  if (request.notice !== undefined) {
    const text = request.notice.trim().slice(0, MAX_NOTICE_LENGTH);
    const before = await client.maintenanceNotification(token, organizationId);
    if (!before.ok) return { ok: false, problem: before.problem, changes };
    if (!before.value.enabled || (before.value.message ?? '') !== text) {
      const after = await client.setMaintenanceNotification(
        token,
        organizationId,
        true,
        text === '' ? undefined : text,
      );
      if (!after.ok) return { ok: false, problem: after.problem, changes };
      changes = { ...changes, notice: { before: before.value, after: after.value } };
    }
  }

  if (request.mode) {
    const before = await client.maintenanceMode(token, organizationId);
    if (!before.ok) return { ok: false, problem: before.problem, changes };
    if (!before.value) {
      const after = await client.setMaintenanceMode(token, organizationId, true);
      if (!after.ok) return { ok: false, problem: after.problem, changes };
      changes = { ...changes, mode: { before: false, after: after.value } };
    }
  }
  return { ok: true, changes };
}

/**
 * Switches maintenance mode off and then the notice, each only if asked and only if on. Safe
 * to call again (a resumed run cleaning up): what is already off is left alone.
 */
export async function disableMaintenance(
  access: MaintenanceAccess,
  request: DisableMaintenanceRequest = { notice: true, mode: true },
): Promise<MaintenanceSwitchResult> {
  const opened = await open(access);
  if (!opened.ok) return { ok: false, problem: opened.problem, changes: { organizationId: null } };
  const { client, token, organizationId } = opened.session;
  let changes: MaintenanceChanges = { organizationId };

  if (request.mode) {
    const before = await client.maintenanceMode(token, organizationId);
    if (!before.ok) return { ok: false, problem: before.problem, changes };
    if (before.value) {
      const after = await client.setMaintenanceMode(token, organizationId, false);
      if (!after.ok) return { ok: false, problem: after.problem, changes };
      changes = { ...changes, mode: { before: true, after: after.value } };
    }
  }

  if (request.notice) {
    const before = await client.maintenanceNotification(token, organizationId);
    if (!before.ok) return { ok: false, problem: before.problem, changes };
    if (before.value.enabled) {
      const after = await client.setMaintenanceNotification(token, organizationId, false);
      if (!after.ok) return { ok: false, problem: after.problem, changes };
      changes = { ...changes, notice: { before: before.value, after: after.value } };
    }
  }
  return { ok: true, changes };
}
