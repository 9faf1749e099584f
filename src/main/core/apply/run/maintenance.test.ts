import { ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  CALLER_ARN,
  CELL,
  FakeCloudFormation,
  fakeClients,
  fakePreflight,
  fakeReview,
  INSTANCE_STACK,
  MemoryStore,
  ROLE_STACK,
  rollbackScript,
  settle,
  TrackingStore,
  updateOf,
} from '../../../../../test/support/apply-fakes';
import { FakeMaintenance } from '../../../../../test/support/fake-maintenance';
import type { MaintenancePlan } from '../../../../shared/apply/maintenance';
import type { ApplyRunView } from '../../../../shared/apply/run';
import { AppErrorException } from '../../errors/app-error';
import { createMemoryLogger } from '../../log/logger';
import { ManualTimers } from '../../refresh/timers';
import type { RunStore } from '../journal/run-journal';
import { ApplyRunner } from './apply-runner';
import type { ApplyPorts, MaintenancePort } from './run-ports';

/**
 * Issue 6, "Around an update": the notice before the run, maintenance mode during its execution,
 * both off at its end whatever the outcome — and only what the run itself switched on.
 */

const START = Date.parse('2026-03-02T09:00:00.000Z');
const NOTICE = 'Infrastructure update under way';
const BOTH: MaintenancePlan = { notice: NOTICE, mode: true };

let timers: ManualTimers;
let fake: FakeCloudFormation;
let store: TrackingStore;
let gitpod: FakeMaintenance;
let runner: ApplyRunner;

function open(options: { maintenance?: MaintenancePort | null; journal?: RunStore } = {}): ApplyRunner {
  const preflight = fakePreflight(fake);
  const ports: Partial<ApplyPorts> = {
    // The log shows where maintenance falls among the run's steps.
    runPreflight: async (clients, input, opts) => {
      gitpod.log.push(`preflight:${input.stack.stackName}`);
      return preflight(clients, input, opts);
    },
    readChangeSetReview: fakeReview(2),
  };
  const maintenance = options.maintenance === undefined ? gitpod : options.maintenance;
  runner = ApplyRunner.open({
    journal: options.journal ?? store,
    clientsFor: () => fakeClients(),
    readTemplate: async (_id, kind) => `{"Resources":{"${kind}":{"Type":"AWS::SNS::Topic"}}}`,
    logger: createMemoryLogger(),
    timers,
    ports,
    ...(maintenance ? { maintenance } : {}),
    identify: async () => ({ account: ACCOUNT, arn: CALLER_ARN }),
    randomHex: () => 'b0b0b0',
  });
  return runner;
}

async function start(plan: MaintenancePlan = BOTH): Promise<string> {
  const view = await runner.start({
    cell: CELL,
    identity: { account: ACCOUNT, arn: CALLER_ARN },
    update: updateOf(['role', 'instance']),
    maintenance: plan,
  });
  return view.id;
}

/** Agrees to everything until the run ends; `beforeConfirm` may act instead (cancel, say). */
async function walk(id: string, beforeConfirm?: () => Promise<boolean>): Promise<ApplyRunView> {
  for (let guard = 0; guard < 20; guard++) {
    const view = await settle(runner, id, timers, store);
    if (store.crashed || view.status === 'finished' || view.status === 'paused') return view;
    if (view.awaiting?.kind === 'input') {
      await runner.provideInput({ runId: id, acknowledgeCapabilities: true });
    } else if (view.awaiting?.kind === 'confirmation') {
      if (beforeConfirm && (await beforeConfirm())) continue;
      gitpod.log.push(`confirm:${view.awaiting.stackName}`);
      await runner.confirm({ runId: id, stackName: view.awaiting.stackName, accountId: ACCOUNT });
    } else {
      return view;
    }
  }
  throw new Error('the run kept asking');
}

/** The log without reads: what was switched, among the run's steps. */
function switches(): string[] {
  return gitpod.log.filter((entry) => !entry.startsWith('isOn'));
}

beforeEach(() => {
  timers = new ManualTimers(START);
  fake = new FakeCloudFormation(() => timers.now());
  store = new TrackingStore(new MemoryStore());
  gitpod = new FakeMaintenance();
  gitpod.afterSet = (which, on) => {
    gitpod.log.push(
      `(executed so far: ${fake.cfn.commandCalls(ExecuteChangeSetCommand).length}, ${which} ${on ? 'on' : 'off'})`,
    );
  };
});

afterEach(() => {
  runner?.dispose();
  fake.restore();
});

describe('main/core/apply/run maintenance around an update', () => {
  it('puts the notice up before the first check, maintenance mode on right before the first execute, and both off after the last stack', async () => {
    open();
    const view = await walk(await start());
    expect(view.outcome).toBe('updated');
    expect(switches()).toEqual([
      'set:notice:on',
      '(executed so far: 0, notice on)',
      `preflight:${ROLE_STACK}`,
      `confirm:${ROLE_STACK}`,
      'set:mode:on',
      '(executed so far: 0, mode on)',
      `preflight:${INSTANCE_STACK}`,
      `confirm:${INSTANCE_STACK}`,
      'set:mode:off',
      '(executed so far: 2, mode off)',
      'set:notice:off',
      '(executed so far: 2, notice off)',
    ]);
    expect(gitpod.state).toEqual({ notice: false, mode: false });
    expect(view.maintenance).toEqual({ notice: { state: 'off', text: NOTICE }, mode: { state: 'off' } });
  });

  it('shows users the notice text the admin wrote', async () => {
    open();
    const id = await start({ notice: NOTICE, mode: false });
    const waiting = await settle(runner, id, timers, store);
    expect(gitpod.noticeText).toBe(NOTICE);
    expect(waiting.maintenance).toEqual({ notice: { state: 'on', text: NOTICE }, mode: null });
  });

  it('switches maintenance off after a rollback too', async () => {
    fake.executionScripts.set(ROLE_STACK, rollbackScript(ROLE_STACK));
    open();
    const view = await walk(await start());
    expect(view.outcome).toBe('rolled-back');
    expect(gitpod.state).toEqual({ notice: false, mode: false });
    expect(view.maintenance?.mode?.state).toBe('off');
  });

  it('takes the notice down when the run is cancelled, and never switches maintenance mode on', async () => {
    open();
    const id = await start();
    const view = await walk(id, async () => {
      await runner.cancel(id);
      return true;
    });
    expect(view.outcome).toBe('cancelled');
    expect(switches().filter((entry) => entry.startsWith('set:'))).toEqual([
      'set:notice:on',
      'set:notice:off',
    ]);
    expect(view.maintenance?.mode?.state).toBe('planned');
  });

  it('leaves a switch an admin had put on by hand, before and after the run', async () => {
    gitpod.state.notice = true;
    open();
    const view = await walk(await start());
    expect(switches().filter((entry) => entry.startsWith('set:'))).toEqual(['set:mode:on', 'set:mode:off']);
    expect(gitpod.state.notice).toBe(true);
    expect(view.maintenance?.notice?.state).toBe('left-on');
  });

  it('goes on with the update when maintenance mode cannot be switched on, and says so', async () => {
    open();
    gitpod.fail('set:mode:on');
    const view = await walk(await start());
    expect(view.outcome).toBe('updated');
    expect(fake.cfn.commandCalls(ExecuteChangeSetCommand).length).toBe(2);
    expect(view.maintenance?.mode?.state).toBe('not-switched-on');
    expect(view.maintenance?.problem?.message).toMatch(/Maintenance mode could not be switched on/);
    expect(view.maintenance?.problem?.nextStep).toBe('Check the VPN.');
    // The mode was off all along; the notice the run put up still came down.
    expect(gitpod.state).toEqual({ notice: false, mode: false });
  });

  it('reports maintenance left on when switching it off fails, and switches it off when asked again', async () => {
    open();
    gitpod.fail('set:mode:off');
    const id = await start();
    const view = await walk(id);
    expect(view.status).toBe('finished');
    expect(gitpod.state.mode).toBe(true);
    expect(view.maintenance?.mode?.state).toBe('stuck-on');
    expect(view.maintenance?.problem?.message).toMatch(/still on/);
    expect(view.maintenance?.notice?.state).toBe('off');
    const retried = await runner.endMaintenance(id);
    expect(gitpod.state.mode).toBe(false);
    expect(retried.maintenance?.mode?.state).toBe('off');
    expect(retried.maintenance?.problem).toBeUndefined();
  });

  it('tries once more to switch off what a finished run left on when the app starts again', async () => {
    open();
    gitpod.fail('set:mode:off');
    const id = await walk(await start()).then((view) => view.id);
    expect(gitpod.state.mode).toBe(true);
    runner.dispose();
    open();
    await store.idle();
    for (let i = 0; i < 5 && gitpod.state.mode; i++) await timers.advance(1_000, () => store.idle());
    expect(gitpod.state.mode).toBe(false);
    expect(runner.view(id).maintenance?.mode?.state).toBe('off');
  });

  it('still switches maintenance mode off after a crash between switching it on and journaling that', async () => {
    const journal = new MemoryStore();
    store = new TrackingStore(journal);
    open();
    let crashNow = false;
    gitpod.afterSet = (which, on) => {
      if (which === 'mode' && on) crashNow = true;
    };
    store.crashWhen = (record) => crashNow && record.maintenance?.mode?.onResult !== undefined;
    const id = await start();
    await walk(id);
    expect(store.crashed).toBe(true);
    expect(gitpod.state.mode).toBe(true);
    runner.dispose();
    // The app starts again on the same journal.
    store = new TrackingStore(journal);
    open();
    const view = await walk(id);
    expect(view.outcome).toBe('updated');
    expect(gitpod.state).toEqual({ notice: false, mode: false });
    expect(fake.cfn.commandCalls(ExecuteChangeSetCommand).length).toBe(2);
  });

  it('refuses to start a run with maintenance when there is no way to switch it, doing nothing', async () => {
    open({ maintenance: null });
    const started = start();
    await expect(started).rejects.toBeInstanceOf(AppErrorException);
    await expect(started).rejects.toMatchObject({ appError: { code: 'maintenance-unavailable' } });
    expect(store.list()).toEqual([]);
  });

  it('refuses to switch off maintenance for a run that has not finished', async () => {
    open();
    const id = await start();
    await settle(runner, id, timers, store);
    await expect(runner.endMaintenance(id)).rejects.toMatchObject({ appError: { code: 'run-not-finished' } });
  });
});

describe('main/core/apply/run maintenance in the evidence', () => {
  it('records when each switch went on and off', async () => {
    open();
    const id = (await walk(await start())).id;
    const markdown = runner.exportEvidence(id, 'markdown');
    expect(markdown).toContain('## Gitpod maintenance');
    expect(markdown).toMatch(/- Maintenance notice: off \(on at 2026-03-02T09:00:00\.000Z, off at .+\)/);
    expect(markdown).toMatch(/- Maintenance mode: off \(on at .+, off at .+\)/);
    expect(markdown).toContain(`  - Notice: ${NOTICE}`);
    const json = JSON.parse(runner.exportEvidence(id, 'json')) as { maintenance: Array<{ switch: string }> };
    expect(json.maintenance.map((entry) => entry.switch)).toEqual(['notice', 'mode']);
  });
});
