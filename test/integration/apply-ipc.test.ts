/**
 * The guided apply through the IPC layer the dashboard uses, against moto: an imported role
 * template is applied from apply:start to UPDATE_COMPLETE, with the acknowledgement, the review
 * and a confirmation that must name the stack and the account; the run's changes reach the
 * dashboard as apply:changed, its end is a notification, and the update moves to the history.
 */
import { type CloudFormationClient, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../../src/main/core/log/logger';
import type { AppNotification } from '../../src/main/core/notify/notifier';
import { registerApplyHandlers } from '../../src/main/handlers/apply-handlers';
import { IpcRegistry } from '../../src/main/ipc/registry';
import type { CoreRuntime } from '../../src/main/lifecycle/core-runtime';
import type { ApplyState } from '../../src/shared/apply/apply-ipc';
import type { ChangeSetReview } from '../../src/shared/apply/review';
import { type ApplyRunView, applyRunViewSchema } from '../../src/shared/apply/run';
import type { Cell } from '../../src/shared/cells/cell';
import type { Result } from '../../src/shared/errors';
import { changedRoleTemplate } from '../fixtures/templates/index';
import { DEFAULT_ACCOUNT_ID } from '../support/moto-server';
import { type SeededRuntime, startSeededRuntime } from '../support/seeded-runtime';

let world: SeededRuntime;
let runtime: CoreRuntime;
let vendor: CloudFormationClient;
let notifications: AppNotification[];
let registry: IpcRegistry;
let CELL: Cell;
let ROLE_STACK: string;
const events: ApplyRunView[] = [];
const saved: Array<{ name: string; text: string }> = [];

beforeAll(async () => {
  world = await startSeededRuntime();
  ({ runtime, vendor, notifications, cell: CELL } = world);
  ROLE_STACK = CELL.roleStack as string;
  registry = new IpcRegistry(createMemoryLogger());
  registerApplyHandlers(registry, {
    apply: runtime.apply,
    saveFile: async (name, text) => {
      saved.push({ name, text });
      return { saved: true, path: `/tmp/${name}` };
    },
  });
  runtime.apply.subscribe((run) => events.push(run));
  await runtime.checkNow();
}, 90_000);

afterAll(async () => {
  await world?.close();
});

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const result = (await registry.dispatch(channel, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Waits until the run stops moving by itself: it waits for the admin, or has finished. */
async function whenStill(runId: string): Promise<ApplyRunView> {
  await vi.waitFor(
    () => {
      const status = runtime.apply.view(runId).status;
      if (status === 'active') throw new Error('still running');
    },
    { timeout: 30_000, interval: 50 },
  );
  return runtime.apply.view(runId);
}

describe('test/integration/apply-ipc', () => {
  it('refuses to start an apply for a cell with nothing pending, saying what to do', async () => {
    const result = await registry.dispatch('apply:start', { cellId: CELL.id });
    expect(result).toMatchObject({ ok: false, error: { code: 'nothing-to-apply' } });
  });

  it('applies an imported role template from apply:start to UPDATE_COMPLETE, only after a matching confirmation', async () => {
    const imported = await runtime.updates.importUpdate(
      CELL.id,
      [{ name: 'role-v42.yaml', bytes: new TextEncoder().encode(changedRoleTemplate('v42')) }],
      { label: 'Infrastructure Update v42' },
    );
    expect(imported.status).toBe('pending');

    const started = await call<ApplyRunView>('apply:start', { cellId: CELL.id });
    expect(started.stacks.map((s) => s.stackName)).toEqual([ROLE_STACK]);
    let run = await whenStill(started.id);
    for (let guard = 0; run.awaiting?.kind === 'input' && guard < 3; guard++) {
      run = await call<ApplyRunView>('apply:provide-input', { runId: run.id, acknowledgeCapabilities: true });
      run = await whenStill(run.id);
    }
    expect(run.awaiting?.kind).toBe('confirmation');

    const review = await call<ChangeSetReview>('apply:get-review', { runId: run.id, stackIndex: 0 });
    expect(review.summary.total).toBeGreaterThan(0);
    expect(review.groups.modify.map((c) => c.logicalId).length).toBeGreaterThan(0);
    await call('apply:export-review', { runId: run.id, stackIndex: 0, format: 'markdown' });
    expect(saved.at(-1)?.name).toMatch(/^change-set-review-acme-gitpod-role-.*\.md$/);

    const wrong = await registry.dispatch('apply:confirm', {
      runId: run.id,
      stackName: CELL.instanceStack,
      accountId: DEFAULT_ACCOUNT_ID,
    });
    expect(wrong.ok).toBe(false);
    expect(runtime.apply.view(run.id).awaiting?.kind).toBe('confirmation');

    await call('apply:confirm', { runId: run.id, stackName: ROLE_STACK, accountId: DEFAULT_ACCOUNT_ID });
    run = await whenStill(run.id);
    expect(run).toMatchObject({ status: 'finished', outcome: 'updated' });
    expect(applyRunViewSchema.parse(run)).toEqual(run);

    const deployed = await vendor.send(new GetTemplateCommand({ StackName: ROLE_STACK }));
    expect(deployed.TemplateBody).toContain('v42');
    expect(events.some((e) => e.id === run.id && e.status === 'finished')).toBe(true);
    await vi.waitFor(() =>
      expect(notifications.map((n) => n.title)).toContain('prod: infrastructure update applied'),
    );
    // The re-check after the run sees the template deployed: the update is history now.
    await vi.waitFor(
      () =>
        expect(runtime.updates.state().history.map((h) => h.label)).toContain('Infrastructure Update v42'),
      { timeout: 10_000 },
    );
    const state = await call<ApplyState>('apply:list', undefined);
    expect(state.active).toEqual([]);
    expect(state.runs[0]).toMatchObject({ id: run.id, outcome: 'updated' });

    await call('apply:export-run', { runId: run.id, format: 'csv' });
    expect(saved.at(-1)?.name).toMatch(/\.csv$/);
  }, 60_000);

  it('rejects a malformed confirmation before any handler runs', async () => {
    const result = await registry.dispatch('apply:confirm', {
      runId: 'not-a-run',
      stackName: 'x',
      accountId: '1',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
  });
});
