/**
 * Issue 6, "Around an update", end to end: an apply run started over IPC with Gitpod maintenance
 * puts the notice up on the cell (the Gitpod HTTPS test server) before its checks, switches
 * maintenance mode on only after the admin's confirmation, and switches both off when the
 * stack is UPDATE_COMPLETE in moto. The token stays in main.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryTokenStore } from '../../src/main/core/app-status/token-store';
import { createMemoryLogger } from '../../src/main/core/log/logger';
import { registerApplyHandlers } from '../../src/main/handlers/apply-handlers';
import { IpcRegistry } from '../../src/main/ipc/registry';
import type { ApplyRunView } from '../../src/shared/apply/run';
import type { Result } from '../../src/shared/errors';
import { changedRoleTemplate } from '../fixtures/templates/index';
import { type GitpodTestServer, startGitpodServer } from '../support/gitpod-server/server';
import { type SeededRuntime, startSeededRuntime } from '../support/seeded-runtime';

const TOKEN = 'gitpod_pat_owner.maintenance-around-update-7c1e';
const NOTICE = 'Infrastructure update of prod under way';

let server: GitpodTestServer;
let world: SeededRuntime;
let registry: IpcRegistry;
const replies: unknown[] = [];

beforeAll(async () => {
  server = await startGitpodServer();
  server.tokens.set(TOKEN, 'owner');
  const tokens = new MemoryTokenStore();
  world = await startSeededRuntime({
    cell: { domain: server.domain },
    runtime: { tokens, appHttp: { ca: server.ca, timeoutMs: 2_000 } },
  });
  await tokens.set(world.cell.id, TOKEN);
  registry = new IpcRegistry(createMemoryLogger());
  registerApplyHandlers(registry, { apply: world.runtime.apply, saveFile: async () => ({ saved: false }) });
  world.runtime.apply.subscribe((run) => replies.push(run));
}, 90_000);

afterAll(async () => {
  await world?.close();
  await server?.close();
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const result = (await registry.dispatch(channel, payload)) as Result<T>;
  replies.push(result);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

async function whenStill(runId: string): Promise<ApplyRunView> {
  await vi.waitFor(
    () => {
      if (world.runtime.apply.view(runId).status === 'active') throw new Error('still running');
    },
    { timeout: 30_000, interval: 50 },
  );
  return world.runtime.apply.view(runId);
}

describe('test/integration/apply-maintenance', () => {
  it('refuses a maintenance plan that asks for nothing, switching nothing', async () => {
    const result = await registry.dispatch('apply:start', {
      cellId: world.cell.id,
      maintenance: { notice: null, mode: false },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(server.notice.enabled).toBe(false);
  });

  it('puts the notice up before the checks, maintenance mode on after the confirmation, and both off at UPDATE_COMPLETE', async () => {
    await world.runtime.updates.importUpdate(
      world.cell.id,
      [{ name: 'role-v43.yaml', bytes: new TextEncoder().encode(changedRoleTemplate('v43')) }],
      { label: 'Infrastructure Update v43' },
    );
    const started = await call<ApplyRunView>('apply:start', {
      cellId: world.cell.id,
      maintenance: { notice: NOTICE, mode: true },
    });
    let run = await whenStill(started.id);
    expect(server.notice).toEqual({ enabled: true, message: NOTICE });
    expect(server.maintenance).toBe(false);
    for (let guard = 0; run.awaiting?.kind === 'input' && guard < 3; guard++) {
      await call<ApplyRunView>('apply:provide-input', { runId: run.id, acknowledgeCapabilities: true });
      run = await whenStill(run.id);
    }
    expect(run.awaiting?.kind).toBe('confirmation');
    expect(server.maintenance).toBe(false);
    expect(run.maintenance).toEqual({
      notice: { state: 'on', text: NOTICE },
      mode: { state: 'planned' },
    });

    const sets: string[] = [];
    const before = server.requests.length;
    await call<ApplyRunView>('apply:confirm', {
      runId: run.id,
      stackName: world.cell.roleStack,
      accountId: world.cell.accountId,
    });
    run = await whenStill(run.id);
    for (const request of server.requests.slice(before)) {
      if (/SetOrganizationMaintenanceMode|SetMaintenanceNotification/.test(request.path)) {
        sets.push(request.path.split('/').at(-1) as string);
      }
    }
    expect(run.outcome).toBe('updated');
    expect(sets).toEqual([
      'SetOrganizationMaintenanceMode',
      'SetOrganizationMaintenanceMode',
      'SetMaintenanceNotification',
    ]);
    expect(server.maintenance).toBe(false);
    expect(server.notice.enabled).toBe(false);
    expect(run.maintenance).toEqual({ notice: { state: 'off', text: NOTICE }, mode: { state: 'off' } });
    expect(world.notifications.at(-1)?.title).toBe('prod: infrastructure update applied');
  }, 90_000);

  it('never lets the token into a reply, an event, a log line or the journal', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const runs = join(world.dir, 'runs');
    const journal = await Promise.all((await readdir(runs)).map((f) => readFile(join(runs, f), 'utf8')));
    const text = [
      JSON.stringify(replies),
      world.logger.lines.map((l) => l.message).join('\n'),
      ...journal,
    ].join('\n');
    expect(text).toContain(NOTICE);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(TOKEN.slice('gitpod_pat_'.length));
  });
});
