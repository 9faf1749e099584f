import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  type PreflightScript,
  ROLE_STACK,
  rollbackScript,
  settle,
  successScript,
  TrackingStore,
  updateOf,
} from '../../../../../test/support/apply-fakes';
import type { ApplyRunView } from '../../../../shared/apply/run';
import { createMemoryLogger } from '../../log/logger';
import { ManualTimers } from '../../refresh/timers';
import { RunJournal } from '../journal/run-journal';
import type { RunRecord, StackRecord } from '../journal/run-record';
import { ApplyRunner } from './apply-runner';

/*
 * The journal's promise (issue 5, "Resume"): a run "crashes" right after each call that changes
 * AWS (the journal write of its result throws, and the runner instance is dropped), or between
 * the intent and the call; a new runner opened on the same runs folder resumes it. The outcome
 * equals an uninterrupted run's, and every mutating call was made once.
 */

const START = Date.parse('2026-03-02T09:00:00.000Z');

let dir: string;
let timers: ManualTimers;
let fake: FakeCloudFormation;
let store: TrackingStore;
let runner: ApplyRunner;
let preflightScripts: Partial<Record<string, PreflightScript>>;
/** Who the cell's profile resolves to now (the admin may switch it while the app is closed). */
let callerNow: { account: string; arn: string };

async function openRunner(): Promise<ApplyRunner> {
  store = new TrackingStore(await RunJournal.open(dir, { logger: createMemoryLogger() }));
  runner = ApplyRunner.open({
    journal: store,
    clientsFor: () => fakeClients(),
    readTemplate: async (_id, kind) => `{"Resources":{"${kind}":{"Type":"AWS::SNS::Topic"}}}`,
    logger: createMemoryLogger(),
    timers,
    ports: { runPreflight: fakePreflight(fake, preflightScripts), readChangeSetReview: fakeReview(2) },
    identify: async () => callerNow,
    randomHex: () => 'facade',
  });
  return runner;
}

/** Answers like an agreeing admin until the run finishes (or the runner crashes). */
async function walk(id: string, values: Record<string, string> = {}): Promise<ApplyRunView> {
  for (let guard = 0; guard < 20; guard++) {
    const view = await settle(runner, id, timers, store);
    if (store.crashed || view.status === 'finished' || view.status === 'paused') return view;
    if (view.awaiting?.kind === 'input') {
      await runner.provideInput({ runId: id, parameterValues: values, acknowledgeCapabilities: true });
    } else if (view.awaiting?.kind === 'confirmation') {
      await runner.confirm({ runId: id, stackName: view.awaiting.stackName, accountId: ACCOUNT });
    } else if (view.awaiting?.kind === 'recovery') {
      await runner.recover({
        runId: id,
        resourcesToSkip: view.awaiting.failedResources.map((r) => r.logicalId),
      });
    } else {
      return view;
    }
  }
  throw new Error('the run kept asking');
}

async function startRun(): Promise<string> {
  const view = await runner.start({
    cell: CELL,
    identity: { account: ACCOUNT, arn: CALLER_ARN },
    update: updateOf(['role', 'instance']),
  });
  return view.id;
}

/** The first run's outcome, with the runner crashed where `crash` says and a new one resuming. */
async function crashAndResume(crash: {
  when?: (r: RunRecord) => boolean;
  after?: (r: RunRecord) => boolean;
}): Promise<ApplyRunView> {
  await openRunner();
  if (crash.when) store.crashWhen = crash.when;
  if (crash.after) store.crashAfter = crash.after;
  const id = await startRun();
  await walk(id);
  expect(store.crashed).toBe(true);
  runner.dispose();
  // Time passes while the app is down; CloudFormation carries on.
  await timers.advance(30_000);
  await openRunner();
  return await walk(id);
}

function summary(view: ApplyRunView) {
  return {
    status: view.status,
    outcome: view.outcome,
    stacks: view.stacks.map((s) => ({
      name: s.stackName,
      phase: s.phase,
      finalStatus: s.finalStatus,
      steps: s.steps,
    })),
  };
}

function role(record: RunRecord): StackRecord {
  return record.stacks[0] as StackRecord;
}

function newFake(): FakeCloudFormation {
  const created = new FakeCloudFormation(() => timers.now());
  created.executionScripts.set(ROLE_STACK, successScript(ROLE_STACK, 2));
  created.executionScripts.set(INSTANCE_STACK, successScript(INSTANCE_STACK, 3));
  return created;
}

/** An uninterrupted run of the same update, on its own CloudFormation and runs folder; then a fresh fake for the scenario. */
async function uninterrupted(): Promise<ReturnType<typeof summary>> {
  const scenarioDir = dir;
  fake.restore();
  fake = newFake();
  dir = await mkdtemp(join(tmpdir(), 'apply-baseline-'));
  try {
    await openRunner();
    const view = await walk(await startRun());
    runner.dispose();
    return summary(view);
  } finally {
    await rm(dir, { recursive: true, force: true });
    dir = scenarioDir;
    fake.restore();
    fake = newFake();
  }
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apply-runs-'));
  timers = new ManualTimers(START);
  preflightScripts = {};
  callerNow = { account: ACCOUNT, arn: CALLER_ARN };
  fake = newFake();
});

afterEach(async () => {
  runner?.dispose();
  fake.restore();
  await rm(dir, { recursive: true, force: true });
});

describe('core/apply/run resume after a crash', () => {
  let baseline: ReturnType<typeof summary>;

  beforeEach(async () => {
    baseline = await uninterrupted();
  });

  it('the uninterrupted run updates both stacks', () => {
    expect(baseline.outcome).toBe('updated');
    expect(baseline.stacks.map((s) => s.finalStatus)).toEqual(['UPDATE_COMPLETE', 'UPDATE_COMPLETE']);
  });

  it('right after CreateChangeSet: the change set is found by name, not created again', async () => {
    const view = await crashAndResume({ when: (r) => role(r).creates[0]?.result?.outcome === 'created' });
    expect(summary(view)).toEqual(baseline);
    expect(fake.calls('CreateChangeSet')).toBe(2);
    expect(fake.calls('ExecuteChangeSet')).toBe(2);
  });

  it('between the create intent and the call: it truly does not exist, so it is created once', async () => {
    const view = await crashAndResume({
      after: (r) => role(r).creates.length === 1 && role(r).creates[0]?.result === undefined,
    });
    expect(summary(view)).toEqual(baseline);
    expect(fake.calls('CreateChangeSet')).toBe(2);
  });

  it('right after ExecuteChangeSet: the change set says it is executing, so it is monitored, not executed again', async () => {
    const view = await crashAndResume({ when: (r) => role(r).execute?.result?.outcome === 'started' });
    expect(summary(view)).toEqual(baseline);
    expect(fake.calls('ExecuteChangeSet')).toBe(2);
    expect(fake.calls('CreateChangeSet')).toBe(2);
  });

  it('between the execute intent and the call: still AVAILABLE, so it is executed once', async () => {
    const view = await crashAndResume({
      after: (r) => role(r).execute !== undefined && role(r).execute?.result === undefined,
    });
    expect(summary(view)).toEqual(baseline);
    expect(fake.calls('ExecuteChangeSet')).toBe(2);
  });

  it('right after the instance stack was executed, with the role stack done: only the instance stack is followed', async () => {
    const view = await crashAndResume({ when: (r) => r.stacks[1]?.execute?.result?.outcome === 'started' });
    expect(summary(view)).toEqual(baseline);
    expect(fake.calls('ExecuteChangeSet')).toBe(2);
  });

  it('restarted during monitoring, after the stack finished while the app was closed: the true final status', async () => {
    await openRunner();
    const id = await startRun();
    // Walk to the role stack's execution, then drop the runner mid-monitoring.
    for (;;) {
      const view = await settle(runner, id, timers, store);
      if (view.awaiting?.kind === 'input')
        await runner.provideInput({ runId: id, acknowledgeCapabilities: true });
      else if (view.awaiting?.kind === 'confirmation') {
        await runner.confirm({ runId: id, stackName: view.awaiting.stackName, accountId: ACCOUNT });
        break;
      }
    }
    await timers.advance(3_000, () => store.idle());
    const mid = JSON.parse(await readFile(join(dir, `${id}.json`), 'utf8')) as RunRecord;
    expect(role(mid).phase).toBe('monitoring');
    runner.dispose();
    await timers.advance(10 * 60_000);
    await openRunner();
    const view = await walk(id);
    expect(summary(view)).toEqual(baseline);
    expect(fake.calls('ExecuteChangeSet')).toBe(2);
  });
});

describe('core/apply/run resume of the other calls', () => {
  it('a no-op cleanup interrupted after DeleteChangeSet is not repeated', async () => {
    fake.createOutcomes.set(ROLE_STACK, {
      status: 'FAILED',
      reason: "The submitted information didn't contain changes.",
    });
    fake.createOutcomes.set(INSTANCE_STACK, {
      status: 'FAILED',
      reason: "The submitted information didn't contain changes.",
    });
    const view = await crashAndResume({ when: (r) => role(r).cleanup?.result !== undefined });
    expect(view.outcome).toBe('already-up-to-date');
    expect(fake.calls('DeleteChangeSet')).toBe(2);
    expect(fake.calls('CreateChangeSet')).toBe(2);
    expect(fake.changeSets.size).toBe(0);
  });

  it('a recovery interrupted after ContinueUpdateRollback is monitored, not continued again', async () => {
    fake.executionScripts.set(ROLE_STACK, rollbackScript(ROLE_STACK, true));
    const view = await crashAndResume({ when: (r) => role(r).recoveries[0]?.result?.outcome === 'started' });
    expect(view.outcome).toBe('rolled-back');
    expect(view.stacks[0]?.finalStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(fake.calls('ContinueUpdateRollback')).toBe(1);
    expect(fake.calls('ExecuteChangeSet')).toBe(1);
  });

  it('a NoEcho value typed before a restart is asked for again; the other values are kept', async () => {
    preflightScripts = {
      [ROLE_STACK]: {
        missingParameters: [
          { key: 'AdminEmail', noEcho: false },
          { key: 'LicenseKey', noEcho: true },
        ],
        secretParameterKeys: ['LicenseKey'],
      },
    };
    await openRunner();
    store.crashAfter = (r) => role(r).phase === 'creating';
    const id = await startRun();
    await settle(runner, id, timers, store);
    // The process dies right after the input was journaled.
    await expect(
      runner.provideInput({
        runId: id,
        parameterValues: { AdminEmail: 'ops@example.com', LicenseKey: 'lic-0042-secret' },
        acknowledgeCapabilities: true,
      }),
    ).rejects.toMatchObject({ appError: { code: 'journal-write-failed' } });
    expect(store.crashed).toBe(true);
    runner.dispose();
    const files = await readdir(dir);
    for (const file of files)
      expect(await readFile(join(dir, file), 'utf8')).not.toContain('lic-0042-secret');

    await openRunner();
    const asked = await settle(runner, id, timers, store);
    expect(asked.awaiting).toMatchObject({
      kind: 'input',
      missingParameters: [{ key: 'LicenseKey', noEcho: true }],
    });
    expect(fake.calls('CreateChangeSet')).toBe(0);
    const done = await walk(id, { LicenseKey: 'lic-0042-secret' });
    expect(done.outcome).toBe('updated');
    expect(fake.calls('CreateChangeSet')).toBe(2);
  });

  it('a run waiting for its confirmation stays waiting after a restart and can be confirmed', async () => {
    await openRunner();
    const id = await startRun();
    await settle(runner, id, timers, store);
    await runner.provideInput({ runId: id, acknowledgeCapabilities: true });
    const waiting = await settle(runner, id, timers, store);
    expect(waiting.awaiting?.kind).toBe('confirmation');
    runner.dispose();
    await openRunner();
    expect(runner.view(id).awaiting).toEqual(waiting.awaiting);
    expect(await runner.review(id)).toMatchObject({ summary: { total: 2 } });
    const done = await walk(id);
    expect(done.outcome).toBe('updated');
    expect(fake.calls('CreateChangeSet')).toBe(2);
  });
});

describe('core/apply/run after a restart, with credentials of another account', () => {
  it('a confirmation given then executes nothing: the run pauses, naming both accounts', async () => {
    await openRunner();
    const id = await startRun();
    let view = await settle(runner, id, timers, store);
    if (view.awaiting?.kind === 'input') {
      await runner.provideInput({ runId: id, acknowledgeCapabilities: true });
      view = await settle(runner, id, timers, store);
    }
    expect(view.awaiting?.kind).toBe('confirmation');
    runner.dispose();

    callerNow = { account: '210987654321', arn: 'arn:aws:sts::210987654321:assumed-role/other/admin' };
    await openRunner();
    await runner.confirm({ runId: id, stackName: ROLE_STACK, accountId: ACCOUNT });
    view = await settle(runner, id, timers, store);

    expect(view.status).toBe('paused');
    expect(view.error?.code).toBe('wrong-account');
    expect(view.error?.message).toContain('210987654321');
    expect(view.error?.message).toContain(ACCOUNT);
    expect(fake.calls('ExecuteChangeSet')).toBe(0);
  });
});
