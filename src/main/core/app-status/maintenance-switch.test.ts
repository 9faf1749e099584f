import { describe, expect, it } from 'vitest';
import { ScriptedCellClient } from '../../../../test/support/gitpod-server/scripted-client';
import { disableMaintenance, enableMaintenance, type MaintenanceAccess } from './maintenance-switch';
import { problem } from './problems';
import { MemoryTokenVault } from './token-vault';

const TOKEN = 'gitpod_pat_owner.switch-secret';

function access(client: ScriptedCellClient, token: string | null = TOKEN): MaintenanceAccess {
  const tokens = new MemoryTokenVault(token === null ? [] : [['cell-1', token]]);
  return { client, tokens, cellId: 'cell-1' };
}

describe('main/core/app-status/maintenance-switch', () => {
  it('switches the notice on first, then maintenance mode, and says what it changed', async () => {
    const client = new ScriptedCellClient();
    const result = await enableMaintenance(access(client), {
      notice: 'Infrastructure update 14:00–15:00 UTC',
      mode: true,
    });
    expect(result).toEqual({
      ok: true,
      changes: {
        organizationId: 'org-1',
        notice: {
          before: { enabled: false, message: null },
          after: { enabled: true, message: 'Infrastructure update 14:00–15:00 UTC' },
        },
        mode: { before: false, after: true },
      },
    });
    const order = client.calls.filter((call) => call.startsWith('set'));
    expect(order).toEqual(['setMaintenanceNotification', 'setMaintenanceMode']);
  });

  it('changes nothing that is already as asked, and reports no change for it', async () => {
    const client = new ScriptedCellClient();
    client.maintenance = true;
    client.notice = { enabled: true, message: 'Update' };
    const result = await enableMaintenance(access(client), { notice: 'Update', mode: true });
    expect(result).toEqual({ ok: true, changes: { organizationId: 'org-1' } });
    expect(client.calls.filter((call) => call.startsWith('set'))).toEqual([]);
  });

  it('reports what it had changed when a later step fails, so the caller can undo it', async () => {
    const client = new ScriptedCellClient();
    client.failNextSet = {
      call: 'setMaintenanceMode',
      problem: problem('token-rejected', 'refused (permission_denied).', null, 'permission_denied'),
    };
    const result = await enableMaintenance(access(client), { notice: 'Update', mode: true });
    expect(result.ok).toBe(false);
    expect(result.changes.notice?.after).toEqual({ enabled: true, message: 'Update' });
    expect(result.changes.mode).toBeUndefined();
    if (!result.ok) expect(result.problem.code).toBe('permission_denied');
  });

  it('switches maintenance mode off before the notice, and only what is on', async () => {
    const client = new ScriptedCellClient();
    client.maintenance = true;
    client.notice = { enabled: true, message: 'Update' };
    const result = await disableMaintenance(access(client));
    expect(result).toMatchObject({
      ok: true,
      changes: {
        mode: { before: true, after: false },
        notice: { before: { enabled: true }, after: { enabled: false } },
      },
    });
    expect(client.calls.filter((call) => call.startsWith('set'))).toEqual([
      'setMaintenanceMode',
      'setMaintenanceNotification',
    ]);
    // Again (a resumed run cleaning up): nothing left to switch.
    const again = await disableMaintenance(access(client));
    expect(again).toEqual({ ok: true, changes: { organizationId: 'org-1' } });
  });

  it('leaves a notice it was not asked to touch', async () => {
    const client = new ScriptedCellClient();
    client.maintenance = true;
    client.notice = { enabled: true, message: 'Someone else’s notice' };
    await disableMaintenance(access(client), { mode: true, notice: false });
    expect(client.notice.enabled).toBe(true);
    expect(client.maintenance).toBe(false);
  });

  it('needs a token, and says how to get one', async () => {
    const client = new ScriptedCellClient();
    const result = await enableMaintenance(access(client, null), { mode: true });
    expect(result).toMatchObject({
      ok: false,
      problem: { kind: 'token-missing' },
      changes: { organizationId: null },
    });
    expect(client.calls).toEqual([]);
  });
});
