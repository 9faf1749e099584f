import { ContinueUpdateRollbackCommand, ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCOUNT,
  CALLER_ARN,
  CELL,
  FakeCloudFormation,
  fakeClients,
  fakePreflight,
  fakeReview,
  faults,
  INSTANCE_STACK,
  MemoryStore,
  ROLE_ARN,
  ROLE_STACK,
  rollbackScript,
  settle,
  successScript,
  TrackingStore,
  updateOf,
} from '../../../../../test/support/apply-fakes';
import type { ApplyRunView, RunProgress } from '../../../../shared/apply/run';
import { createMemoryLogger } from '../../log/logger';
import { ManualTimers } from '../../refresh/timers';
import { POLL_INTERVAL_MS } from '../monitor/stack-monitor';
import { ApplyRunner } from './apply-runner';

const START = Date.parse('2026-03-02T09:00:00.000Z');

let timers: ManualTimers;
let fake: FakeCloudFormation;
let store: TrackingStore;
let runner: ApplyRunner;
let progress: RunProgress[];
let identifyCalls: number;

function open(changes = 2): void {
  identifyCalls = 0;
  runner = ApplyRunner.open({
    journal: store,
    clientsFor: () => fakeClients(),
    readTemplate: async () => '{"Resources":{}}',
    logger: createMemoryLogger(),
    timers,
    ports: { runPreflight: fakePreflight(fake), readChangeSetReview: fakeReview(changes) },
    identify: async () => {
      identifyCalls += 1;
      return { account: ACCOUNT, arn: CALLER_ARN };
    },
    randomHex: () => 'c0ffee',
  });
  progress = [];
  runner.subscribe((event) => {
    const current = event.view.stacks[event.view.currentStack]?.progress;
    if (current && event.view.stacks[event.view.currentStack]?.phase === 'monitoring') progress.push(current);
  });
}

/** Starts a run and confirms it; returns once the change set is executing. */
async function startAndExecute(kinds: Array<'role' | 'instance'> = ['role']): Promise<string> {
  const { id } = await runner.start({
    cell: CELL,
    identity: { account: ACCOUNT, arn: CALLER_ARN },
    update: updateOf(kinds),
  });
  await settle(runner, id, timers, store);
  await runner.provideInput({ runId: id, acknowledgeCapabilities: true });
  const view = await settle(runner, id, timers, store);
  if (view.awaiting?.kind !== 'confirmation') throw new Error(`expected a confirmation, got ${view.status}`);
  await runner.confirm({ runId: id, stackName: view.awaiting.stackName, accountId: ACCOUNT });
  return id;
}

async function confirmEach(id: string): Promise<ApplyRunView> {
  for (;;) {
    const view = await settle(runner, id, timers, store);
    if (view.awaiting?.kind === 'input')
      await runner.provideInput({ runId: id, acknowledgeCapabilities: true });
    else if (view.awaiting?.kind === 'confirmation')
      await runner.confirm({ runId: id, stackName: view.awaiting.stackName, accountId: ACCOUNT });
    else return view;
  }
}

beforeEach(() => {
  timers = new ManualTimers(START);
  fake = new FakeCloudFormation(() => timers.now());
  store = new TrackingStore(new MemoryStore());
});

afterEach(() => {
  runner?.dispose();
  fake.restore();
});

describe('core/apply/run monitoring', () => {
  it('reads stack events every 2 s while the stack changes, never faster', async () => {
    open(30);
    fake.executionScripts.set(ROLE_STACK, successScript(ROLE_STACK, 30, 3_000));
    const id = await startAndExecute();
    const executedAt = timers.now();
    const done = await settle(runner, id, timers, store);
    expect(done.outcome).toBe('updated');
    const calls = (fake.callTimes.get('DescribeStackEvents') ?? []).filter((at) => at >= executedAt);
    const gaps = calls.slice(1).map((at, i) => at - (calls[i] as number));
    // From the baseline read before ExecuteChangeSet to the end: never two within 2 s.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(POLL_INTERVAL_MS);
    const monitoredMs = (done.stacks[0]?.progress?.elapsedMs ?? 0) + 1;
    expect(calls.length).toBeLessThanOrEqual(Math.ceil(monitoredMs / POLL_INTERVAL_MS) + 2);
    expect(calls.length).toBeGreaterThan(30);
  });

  it('shows progress as resources done out of the change count, with elapsed time and a timeline', async () => {
    open(4);
    fake.executionScripts.set(ROLE_STACK, successScript(ROLE_STACK, 4, 4_000));
    const id = await startAndExecute();
    const done = await settle(runner, id, timers, store);
    const dones = progress.map((p) => p.resourcesDone);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(progress.some((p) => p.resourcesDone === 2 && p.resourcesTotal === 4 && p.percent === 50)).toBe(
      true,
    );
    expect(progress.at(-1)?.elapsedMs).toBeGreaterThan(15_000);
    const timeline = done.stacks[0]?.timeline ?? [];
    expect(timeline.map((entry) => [entry.logicalId, entry.status])).toEqual([
      ['Resource0', 'UPDATE_COMPLETE'],
      ['Resource1', 'UPDATE_COMPLETE'],
      ['Resource2', 'UPDATE_COMPLETE'],
      ['Resource3', 'UPDATE_COMPLETE'],
    ]);
    for (const entry of timeline)
      expect(Date.parse(entry.endedAt ?? '')).toBeGreaterThan(Date.parse(entry.startedAt));
    expect(done.stacks[0]?.recentEvents.at(-1)).toMatchObject({
      logicalId: ROLE_STACK,
      status: 'UPDATE_COMPLETE',
    });
    // Only this execution's events: the stack's older UPDATE_COMPLETE is not among them.
    expect(
      done.stacks[0]?.recentEvents.filter((e) => e.logicalId === ROLE_STACK).map((e) => e.status),
    ).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', 'UPDATE_COMPLETE']);
  });

  it('rides out throttling and a lost connection as "reconnecting", never as a failure', async () => {
    open();
    fake.executionScripts.set(ROLE_STACK, successScript(ROLE_STACK, 3));
    const id = await startAndExecute();
    await timers.advance(3_000, () => store.idle());
    fake.fail('DescribeStackEvents', faults.throttling, 3);
    fake.fail('DescribeStackEvents', faults.connectionLost, 2);
    fake.fail('DescribeStacks', faults.connectionLost, 1);
    const done = await settle(runner, id, timers, store);
    expect(done.outcome).toBe('updated');
    expect(done.error).toBeUndefined();
    const reconnecting = progress.filter((p) => p.reconnecting);
    expect(reconnecting.length).toBeGreaterThanOrEqual(5);
    expect(reconnecting[0]?.message).toMatch(/^Reconnecting to AWS/);
    expect(progress.at(-1)?.reconnecting).toBe(false);
    expect(fake.cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(1);
  });

  it('pauses when the credentials expire mid-run, says how to sign in again, and resumes to the true end', async () => {
    open();
    fake.executionScripts.set(ROLE_STACK, successScript(ROLE_STACK, 3));
    const id = await startAndExecute();
    await timers.advance(4_000, () => store.idle());
    fake.fail('DescribeStackEvents', faults.expired);
    const paused = await settle(runner, id, timers, store);
    expect(paused.status).toBe('paused');
    expect(paused.awaiting).toEqual({
      kind: 'resume',
      reason: expect.objectContaining({
        code: 'credentials-rejected',
        nextStep: expect.stringContaining('aws sso login --profile acme-prod'),
      }),
    });
    expect(paused.awaiting?.kind === 'resume' && paused.awaiting.reason.nextStep).toMatch(/then resume/);
    // CloudFormation carries on meanwhile.
    await timers.advance(60_000, () => store.idle());
    const before = identifyCalls;
    await runner.resume(id);
    const done = await settle(runner, id, timers, store);
    expect(identifyCalls).toBe(before + 1);
    expect(done.outcome).toBe('updated');
    expect(done.stacks[0]?.finalStatus).toBe('UPDATE_COMPLETE');
    expect(fake.cfn.commandCalls(ExecuteChangeSetCommand)).toHaveLength(1);
  });

  it('does not resume with credentials of another account', async () => {
    open();
    const id = await startAndExecute();
    fake.fail('DescribeStackEvents', faults.expired);
    await settle(runner, id, timers, store);
    runner.dispose();
    runner = ApplyRunner.open({
      journal: store,
      clientsFor: () => fakeClients(),
      readTemplate: async () => '',
      logger: createMemoryLogger(),
      timers,
      ports: { runPreflight: fakePreflight(fake), readChangeSetReview: fakeReview(2) },
      identify: async () => ({ account: '210987654321', arn: 'arn:aws:sts::210987654321:assumed-role/x/y' }),
    });
    const view = await settle(runner, id, timers, store);
    expect(view.status).toBe('paused');
    expect(view.error?.code).toBe('wrong-account');
  });
});

describe('core/apply/run recovery', () => {
  it('explains UPDATE_ROLLBACK_FAILED, lists the resources to skip, and continues the rollback with the chosen ones', async () => {
    open();
    fake.executionScripts.set(ROLE_STACK, rollbackScript(ROLE_STACK, true));
    const id = await startAndExecute(['role', 'instance']);
    const stuck = await settle(runner, id, timers, store);
    expect(stuck.status).toBe('waiting');
    expect(stuck.awaiting).toEqual({
      kind: 'recovery',
      stackName: ROLE_STACK,
      failedResources: [
        {
          logicalId: 'Bucket',
          resourceType: 'AWS::S3::Bucket',
          reason: 'Bucket policy cannot be restored: access denied',
        },
      ],
      consequence: expect.stringContaining('without rolling it back'),
    });
    expect(stuck.stacks[0]?.error).toMatchObject({
      code: 'rollback-failed',
      message: expect.stringContaining('kms:CreateGrant'),
    });
    expect(stuck.currentStep).toBe('recover');

    await expect(runner.recover({ runId: id, resourcesToSkip: ['Cluster'] })).rejects.toMatchObject({
      appError: { code: 'unknown-resource' },
    });
    await runner.recover({ runId: id, resourcesToSkip: ['Bucket'] });
    const done = await settle(runner, id, timers, store);
    const [call] = fake.cfn.commandCalls(ContinueUpdateRollbackCommand).map((c) => c.args[0].input);
    expect(call).toMatchObject({
      StackName: expect.stringContaining(ROLE_STACK),
      RoleARN: ROLE_ARN,
      ResourcesToSkip: ['Bucket'],
    });
    expect(call?.ClientRequestToken).toMatch(/-role-recover-1$/);
    expect(done.outcome).toBe('rolled-back');
    expect(done.stacks[0]?.finalStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(done.stacks[0]?.rootCause[0]).toMatchObject({ logicalId: 'Cluster' });
    expect(done.stacks[0]?.steps.find((s) => s.step === 'recover')?.state).toBe('done');
    expect(done.stacks[1]?.phase).toBe('not-started');
  });

  it('recovers a stack that was stuck before the run, then applies the update', async () => {
    open();
    fake.setStatus(ROLE_STACK, 'UPDATE_ROLLBACK_FAILED', [
      {
        at: 0,
        logicalId: ROLE_STACK,
        resourceType: 'AWS::CloudFormation::Stack',
        status: 'UPDATE_ROLLBACK_IN_PROGRESS',
      },
      {
        at: 0,
        logicalId: 'Topic',
        resourceType: 'AWS::SNS::Topic',
        status: 'UPDATE_FAILED',
        reason: 'Topic is in use',
      },
      {
        at: 0,
        logicalId: ROLE_STACK,
        resourceType: 'AWS::CloudFormation::Stack',
        status: 'UPDATE_ROLLBACK_FAILED',
      },
    ]);
    const { id } = await runner.start({
      cell: CELL,
      identity: { account: ACCOUNT, arn: CALLER_ARN },
      update: updateOf(['role']),
    });
    const stuck = await settle(runner, id, timers, store);
    expect(stuck.awaiting).toMatchObject({
      kind: 'recovery',
      failedResources: [{ logicalId: 'Topic', reason: 'Topic is in use' }],
    });
    expect(stuck.stacks[0]?.error?.code).toBe('needs-recovery');
    await runner.recover({ runId: id, resourcesToSkip: ['Topic'] });
    const done = await confirmEach(id);
    expect(done.outcome).toBe('updated');
    expect(fake.calls('ContinueUpdateRollback')).toBe(1);
    expect(fake.calls('ExecuteChangeSet')).toBe(1);
  });

  it('a rollback the admin leaves for later ends the run as failed, with the stack still stuck', async () => {
    open();
    fake.executionScripts.set(INSTANCE_STACK, rollbackScript(INSTANCE_STACK, true));
    const id = await startAndExecute(['instance']);
    await settle(runner, id, timers, store);
    await runner.cancel(id);
    const done = await settle(runner, id, timers, store);
    expect(done.outcome).toBe('failed');
    expect(done.error?.code).toBe('rollback-failed');
    expect(fake.calls('ContinueUpdateRollback')).toBe(0);
  });
});
