import { describe, expect, it } from 'vitest';
import { ScriptedCellClient } from '../../../../test/support/gitpod-server/scripted-client';
import { type MaintenanceAccess, maintenanceSwitchIsOn, setMaintenanceSwitch } from './maintenance-switch';
import { problem } from './problems';
import { MemoryTokenVault } from './token-vault';

const TOKEN = 'gitpod_pat_owner.switch-secret';

function access(client: ScriptedCellClient, token: string | null = TOKEN): MaintenanceAccess {
  const tokens = new MemoryTokenVault(token === null ? [] : [['cell-1', token]]);
  return { client, tokens, cellId: 'cell-1' };
}

describe('main/core/app-status/maintenance-switch', () => {
  it('reads each switch without changing it', async () => {
    const client = new ScriptedCellClient();
    client.maintenance = true;
    expect(await maintenanceSwitchIsOn(access(client), 'mode')).toEqual({ ok: true, value: true });
    expect(await maintenanceSwitchIsOn(access(client), 'notice')).toEqual({ ok: true, value: false });
    expect(client.calls.filter((call) => call.startsWith('set'))).toEqual([]);
  });

  it('switches the notice on with its text, and off again', async () => {
    const client = new ScriptedCellClient();
    const on = await setMaintenanceSwitch(access(client), 'notice', true, '  Update 14:00–15:00 UTC ');
    expect(on).toEqual({ ok: true, value: undefined });
    expect(client.notice).toEqual({ enabled: true, message: 'Update 14:00–15:00 UTC' });
    await setMaintenanceSwitch(access(client), 'notice', false);
    expect(client.notice.enabled).toBe(false);
  });

  it('switches maintenance mode on and off, leaving the notice alone', async () => {
    const client = new ScriptedCellClient();
    client.notice = { enabled: true, message: 'Someone else’s notice' };
    await setMaintenanceSwitch(access(client), 'mode', true);
    expect(client.maintenance).toBe(true);
    await setMaintenanceSwitch(access(client), 'mode', false);
    expect(client.maintenance).toBe(false);
    expect(client.notice).toEqual({ enabled: true, message: 'Someone else’s notice' });
  });

  it('reports a refused switch with its Connect code', async () => {
    const client = new ScriptedCellClient();
    client.failNextSet = {
      call: 'setMaintenanceMode',
      problem: problem('token-rejected', 'refused (permission_denied).', null, 'permission_denied'),
    };
    const result = await setMaintenanceSwitch(access(client), 'mode', true);
    expect(result).toMatchObject({
      ok: false,
      problem: { kind: 'token-rejected', code: 'permission_denied' },
    });
    expect(client.maintenance).toBe(false);
  });

  it('needs a token, says how to get one, and calls nothing', async () => {
    const client = new ScriptedCellClient();
    const result = await setMaintenanceSwitch(access(client, null), 'mode', true);
    expect(result).toMatchObject({ ok: false, problem: { kind: 'token-missing' } });
    expect(await maintenanceSwitchIsOn(access(client, null), 'notice')).toMatchObject({ ok: false });
    expect(client.calls).toEqual([]);
  });

  it('refuses a stored value that is not a token', async () => {
    const client = new ScriptedCellClient();
    const result = await maintenanceSwitchIsOn(access(client, 'not a token'), 'mode');
    expect(result).toMatchObject({ ok: false, problem: { kind: 'token-rejected', code: 'format' } });
  });
});
