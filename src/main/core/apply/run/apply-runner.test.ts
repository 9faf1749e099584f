import {
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
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
  type PreflightScript,
  ROLE_ARN,
  ROLE_STACK,
  rollbackScript,
  SHA_INSTANCE,
  SHA_ROLE,
  settle,
  successScript,
  TrackingStore,
  updateOf,
} from '../../../../../test/support/apply-fakes';
import type { ApplyRunView } from '../../../../shared/apply/run';
import { AppErrorException } from '../../errors/app-error';
import { createMemoryLogger, type MemoryLogger } from '../../log/logger';
import { ManualTimers } from '../../refresh/timers';
import { type ApplyRunEvent, ApplyRunner } from './apply-runner';
import { AWS_NAME_MAX, AWS_NAME_PATTERN } from './naming';

const START = Date.parse('2026-03-02T09:00:00.000Z');
const TEMPLATES: Record<string, string> = {
  role: '{"Resources":{"GitpodRole":{"Type":"AWS::IAM::Role"}}}',
  instance: '{"Resources":{"Cluster":{"Type":"AWS::EKS::Cluster"}}}',
};

let timers: ManualTimers;
let fake: FakeCloudFormation;
let store: TrackingStore;
let logger: MemoryLogger;
let runner: ApplyRunner;
let events: ApplyRunEvent[];
/** Every ExecuteChangeSet input of every test in this file, for the DisableRollback test at the end. */
const executeInputs: Array<{ DisableRollback?: boolean }> = [];

function open(scripts: Partial<Record<string, PreflightScript>> = {}, changes = 2): ApplyRunner {
  runner = ApplyRunner.open({
    journal: store,
    clientsFor: () => fakeClients(),
    readTemplate: async (_updateId, kind) => TEMPLATES[kind] ?? '',
    logger,
    timers,
    ports: {
      runPreflight: fakePreflight(fake, scripts),
      readChangeSetReview: fakeReview(changes),
      uploadTemplate: async () => ({
        templateUrl: 'https://example-bucket.s3.eu-central-1.amazonaws.com/t.json',
        bucket: 'b',
        key: 'k',
      }),
    },
    identify: async () => ({ account: ACCOUNT, arn: CALLER_ARN }),
    randomHex: () => 'a1b2c3',
  });
  events = [];
  runner.subscribe((event) => events.push(event));
  return runner;
}

async function start(
  kinds: Array<'role' | 'instance'> = ['role', 'instance'],
  source: 'import' | 'vendor-change-set' = 'import',
): Promise<string> {
  const view = await runner.start({
    cell: CELL,
    identity: { account: ACCOUNT, arn: CALLER_ARN },
    update: updateOf(kinds, source),
  });
  return view.id;
}

/** Answers every question the way an admin who agrees would, until the run ends or pauses. */
async function walk(id: string): Promise<ApplyRunView> {
  for (let guard = 0; guard < 20; guard++) {
    const view = await settle(runner, id, timers, store);
    const awaiting = view.awaiting;
    if (view.status === 'finished' || view.status === 'paused' || !awaiting) return view;
    if (awaiting.kind === 'input') {
      const values = Object.fromEntries(awaiting.missingParameters.map((p) => [p.key, `value-of-${p.key}`]));
      await runner.provideInput({ runId: id, parameterValues: values, acknowledgeCapabilities: true });
    } else if (awaiting.kind === 'confirmation') {
      await runner.confirm({ runId: id, stackName: awaiting.stackName, accountId: awaiting.accountId });
    } else {
      return view;
    }
  }
  throw new Error('the run kept asking');
}

function executeCalls() {
  return fake.cfn.commandCalls(ExecuteChangeSetCommand).map((call) => call.args[0].input);
}

beforeEach(() => {
  timers = new ManualTimers(START);
  fake = new FakeCloudFormation(() => timers.now());
  store = new TrackingStore(new MemoryStore());
  logger = createMemoryLogger();
});

afterEach(() => {
  executeInputs.push(...executeCalls());
  runner?.dispose();
  fake.restore();
});

describe('core/apply/run/apply-runner', () => {
  it('applies an imported update through both stacks in order, role first, each to UPDATE_COMPLETE', async () => {
    open();
    fake.executionScripts.set(ROLE_STACK, successScript(ROLE_STACK, 2));
    fake.executionScripts.set(INSTANCE_STACK, successScript(INSTANCE_STACK, 3));
    const id = await start(['instance', 'role']);

    const first = await settle(runner, id, timers, store);
    expect(first.status).toBe('waiting');
    expect(first.awaiting).toMatchObject({
      kind: 'input',
      stackName: ROLE_STACK,
      capabilities: ['CAPABILITY_NAMED_IAM'],
    });
    // Nothing is created before the acknowledgement.
    expect(fake.calls('CreateChangeSet')).toBe(0);

    await runner.provideInput({ runId: id, acknowledgeCapabilities: true });
    const review = await settle(runner, id, timers, store);
    expect(review.awaiting).toEqual({
      kind: 'confirmation',
      stackName: ROLE_STACK,
      accountId: ACCOUNT,
      changeSetName: expect.stringMatching(/^dedicated-admin-infrastructure-update-v37-role-\d{14}$/),
    });
    expect(review.stacks[0]?.review?.total).toBe(2);

    const done = await walk(id);
    expect(done.status).toBe('finished');
    expect(done.outcome).toBe('updated');
    expect(done.stacks.map((s) => [s.stackName, s.phase, s.finalStatus])).toEqual([
      [ROLE_STACK, 'updated', 'UPDATE_COMPLETE'],
      [INSTANCE_STACK, 'updated', 'UPDATE_COMPLETE'],
    ]);
    // Role stack first: its execute happened before the instance stack's change set was even created.
    const creates = fake.cfn.commandCalls(CreateChangeSetCommand).map((call) => call.args[0].input);
    expect(creates.map((input) => input.StackName)).toEqual([
      expect.stringContaining(ROLE_STACK),
      expect.stringContaining(INSTANCE_STACK),
    ]);
    const roleExecutedAt = fake.callTimes.get('ExecuteChangeSet')?.[0] ?? Number.POSITIVE_INFINITY;
    expect(fake.callTimes.get('CreateChangeSet')?.[1]).toBeGreaterThan(roleExecutedAt);
    expect(done.stacks[1]?.progress).toMatchObject({ resourcesDone: 2, resourcesTotal: 2, percent: 100 });
    expect(events.filter((event) => event.type === 'finished')).toHaveLength(1);
  });

  it('creates the change set as the procedure says: UPDATE, the execution role, kept parameters and tags, acknowledged capabilities, a recognisable name', async () => {
    open();
    const id = await start(['role']);
    await walk(id);
    const [input] = fake.cfn.commandCalls(CreateChangeSetCommand).map((call) => call.args[0].input);
    expect(input).toMatchObject({
      ChangeSetType: 'UPDATE',
      RoleARN: ROLE_ARN,
      Parameters: [{ ParameterKey: 'DomainName', UsePreviousValue: true }],
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      Tags: [{ Key: 'gitpod:cell', Value: 'acme01' }],
      TemplateBody: TEMPLATES.role,
      Description: expect.stringContaining('Infrastructure Update v37'),
    });
    expect(input?.ChangeSetName).toMatch(AWS_NAME_PATTERN);
    expect(input?.ChangeSetName?.length).toBeLessThanOrEqual(AWS_NAME_MAX);
    expect(input?.ClientToken).toMatch(AWS_NAME_PATTERN);
    const [execute] = executeCalls();
    expect(execute).toMatchObject({
      DisableRollback: false,
      ClientRequestToken: expect.stringMatching(AWS_NAME_PATTERN),
    });
  });

  it('asks for new parameter values; a NoEcho value is sent but never journaled', async () => {
    open({
      [ROLE_STACK]: {
        missingParameters: [
          { key: 'AdminEmail', noEcho: false },
          { key: 'LicenseKey', noEcho: true },
        ],
        secretParameterKeys: ['LicenseKey'],
      },
    });
    const id = await start(['role']);
    const asked = await settle(runner, id, timers, store);
    expect(asked.awaiting).toMatchObject({
      kind: 'input',
      missingParameters: [{ key: 'AdminEmail' }, { key: 'LicenseKey' }],
    });
    await expect(
      runner.provideInput({
        runId: id,
        parameterValues: { AdminEmail: 'ops@example.com' },
        acknowledgeCapabilities: true,
      }),
    ).rejects.toMatchObject({
      appError: { code: 'missing-values', message: expect.stringContaining('LicenseKey') },
    });
    await runner.provideInput({
      runId: id,
      parameterValues: { AdminEmail: 'ops@example.com', LicenseKey: 's3cr3t-license-0042' },
      acknowledgeCapabilities: true,
    });
    await walk(id);
    const [input] = fake.cfn.commandCalls(CreateChangeSetCommand).map((call) => call.args[0].input);
    expect(input?.Parameters).toEqual([
      { ParameterKey: 'DomainName', UsePreviousValue: true },
      { ParameterKey: 'AdminEmail', ParameterValue: 'ops@example.com' },
      { ParameterKey: 'LicenseKey', ParameterValue: 's3cr3t-license-0042' },
    ]);
    expect(JSON.stringify(store.written)).not.toContain('s3cr3t-license-0042');
    expect(JSON.stringify(runner.view(id))).not.toContain('s3cr3t-license-0042');
    expect(JSON.stringify(store.written)).toContain('ops@example.com');
  });

  it('refuses to go on without the acknowledgement of capabilities', async () => {
    open();
    const id = await start(['role']);
    await settle(runner, id, timers, store);
    await expect(runner.provideInput({ runId: id, acknowledgeCapabilities: false })).rejects.toMatchObject({
      appError: { code: 'capabilities-not-acknowledged', message: expect.stringContaining('GitpodRole') },
    });
    expect(fake.calls('CreateChangeSet')).toBe(0);
  });

  it('recognises a no-op update: a FAILED change set that "didn\'t contain changes" is deleted and the stack is already up to date', async () => {
    open();
    fake.createOutcomes.set(ROLE_STACK, {
      status: 'FAILED',
      reason:
        "The submitted information didn't contain changes. Submit different information to create a change set.",
    });
    const id = await start(['role']);
    const done = await walk(id);
    expect(done.outcome).toBe('already-up-to-date');
    expect(done.stacks[0]?.phase).toBe('already-up-to-date');
    expect(done.message).toMatch(/already run this update/);
    expect(fake.cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    expect(fake.changeSets.size).toBe(0);
    expect(fake.calls('ExecuteChangeSet')).toBe(0);
  });

  it('recognises "No updates are to be performed" (moto) at create as already up to date', async () => {
    open();
    fake.fail('CreateChangeSet', () =>
      Object.assign(new Error('No updates are to be performed.'), { name: 'ValidationError' }),
    );
    const id = await start(['role']);
    const done = await walk(id);
    expect(done.outcome).toBe('already-up-to-date');
    expect(fake.calls('DeleteChangeSet')).toBe(0);
  });

  it('InsufficientCapabilities at create asks for the acknowledgement again, then creates the change set', async () => {
    open({ [ROLE_STACK]: { capabilities: [] } });
    fake.fail('CreateChangeSet', () =>
      Object.assign(new Error('Requires capabilities : [CAPABILITY_NAMED_IAM]'), {
        name: 'InsufficientCapabilitiesException',
      }),
    );
    const id = await start(['role']);
    const asked = await settle(runner, id, timers, store);
    expect(asked.awaiting).toMatchObject({ kind: 'input', capabilities: ['CAPABILITY_NAMED_IAM'] });
    expect(asked.stacks[0]?.error?.code).toBe('insufficient-capabilities');
    const done = await walk(id);
    expect(done.outcome).toBe('updated');
    const calls = fake.cfn.commandCalls(CreateChangeSetCommand).map((call) => call.args[0].input);
    expect(calls).toHaveLength(2);
    expect(calls[0]?.Capabilities).toBeUndefined();
    expect(calls[1]?.Capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
    expect(calls[1]?.ChangeSetName).not.toBe(calls[0]?.ChangeSetName);
  });

  it('AccessDenied on iam:PassRole at create fails the run with a message naming the action', async () => {
    open();
    fake.fail('CreateChangeSet', faults.passRoleDenied);
    const id = await start(['role', 'instance']);
    const done = await walk(id);
    expect(done.outcome).toBe('failed');
    expect(done.stacks[0]?.error?.message).toMatch(/not allowed to perform iam:PassRole/);
    expect(done.stacks[0]?.error?.nextStep).toMatch(/iam:PassRole/);
    expect(done.stacks[1]?.phase).toBe('not-started');
    expect(fake.calls('ExecuteChangeSet')).toBe(0);
  });

  it('AccessDenied on iam:PassRole at execute fails the stack with a message naming the action; nothing ran', async () => {
    open();
    fake.fail('ExecuteChangeSet', faults.passRoleDenied);
    const id = await start(['role']);
    const done = await walk(id);
    expect(done.outcome).toBe('failed');
    expect(done.error?.message).toMatch(/iam:PassRole/);
    expect(done.stacks[0]?.steps.find((s) => s.step === 'execute')?.state).toBe('failed');
  });

  it("stops at another admin's UPDATE_IN_PROGRESS before executing, without touching the stack", async () => {
    open();
    const id = await start(['role']);
    await walkToConfirmation(id);
    fake.setStatus(ROLE_STACK, 'UPDATE_IN_PROGRESS');
    await runner.confirm({ runId: id, stackName: ROLE_STACK, accountId: ACCOUNT });
    const done = await settle(runner, id, timers, store);
    expect(done.outcome).toBe('blocked');
    expect(done.error).toMatchObject({
      code: 'stack-busy',
      message: expect.stringMatching(/UPDATE_IN_PROGRESS.*someone else/),
    });
    expect(fake.calls('ExecuteChangeSet')).toBe(0);
  });

  it("reports a stack another admin is updating at preflight as blocked, with the check's reason and fix", async () => {
    open();
    fake.setStatus(ROLE_STACK, 'UPDATE_IN_PROGRESS');
    const id = await start(['role']);
    const done = await settle(runner, id, timers, store);
    expect(done.outcome).toBe('blocked');
    expect(done.error).toMatchObject({
      code: 'preflight-blocked',
      message: expect.stringContaining('another update'),
      nextStep: 'Wait until it finishes.',
    });
    expect(fake.calls('CreateChangeSet')).toBe(0);
  });

  it('refuses a confirmation that does not name the stack and the account exactly', async () => {
    open();
    const id = await start(['role']);
    await walkToConfirmation(id);
    for (const wrong of [
      { stackName: INSTANCE_STACK, accountId: ACCOUNT },
      { stackName: ROLE_STACK, accountId: '210987654321' },
      { stackName: 'gitpod', accountId: ACCOUNT },
    ]) {
      const error = await runner.confirm({ runId: id, ...wrong }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppErrorException);
      expect((error as AppErrorException).appError).toMatchObject({
        code: 'confirmation-mismatch',
        message: expect.stringContaining(`"${ROLE_STACK}" and the account ${ACCOUNT}`),
      });
    }
    await settle(runner, id, timers, store);
    expect(fake.calls('ExecuteChangeSet')).toBe(0);
    expect(runner.view(id).awaiting?.kind).toBe('confirmation');
  });

  it('a rollback ends the run with the root cause: the first failure, not the cancellations', async () => {
    open();
    fake.executionScripts.set(ROLE_STACK, rollbackScript(ROLE_STACK));
    const id = await start(['role', 'instance']);
    const done = await walk(id);
    expect(done.outcome).toBe('rolled-back');
    expect(done.stacks[0]?.finalStatus).toBe('UPDATE_ROLLBACK_COMPLETE');
    expect(done.stacks[0]?.rootCause).toEqual([
      expect.objectContaining({
        logicalId: 'Cluster',
        status: 'UPDATE_FAILED',
        reason: expect.stringContaining('kms:CreateGrant'),
      }),
    ]);
    expect(done.error?.message).toMatch(/rolled back.*Cluster.*kms:CreateGrant/);
    expect(done.error?.message).not.toMatch(/cancelled/);
    expect(done.error?.nextStep).toMatch(/apply the update again/);
    expect(done.stacks[1]?.phase).toBe('not-started');
    expect(done.stacks[0]?.timeline.map((entry) => entry.logicalId)).toEqual(['Bucket', 'Cluster', 'Nodes']);
  });

  it("cancels before execute: the run's change set is deleted, nothing is executed", async () => {
    open();
    const id = await start(['role']);
    await walkToConfirmation(id);
    await runner.cancel(id);
    const done = await settle(runner, id, timers, store);
    expect(done.outcome).toBe('cancelled');
    expect(fake.cfn.commandCalls(DeleteChangeSetCommand)).toHaveLength(1);
    expect(fake.calls('ExecuteChangeSet')).toBe(0);
  });

  it("cancels a vendor change set's run and keeps the vendor's change set", async () => {
    open({ [INSTANCE_STACK]: { capabilities: [] } });
    const vendorId = fake.addVendorChangeSet(INSTANCE_STACK, 'gitpod-infrastructure-update-v37');
    const id = await start(['instance'], 'vendor-change-set');
    const review = await settle(runner, id, timers, store);
    expect(review.awaiting).toMatchObject({
      kind: 'confirmation',
      changeSetName: 'gitpod-infrastructure-update-v37',
    });
    expect(fake.calls('CreateChangeSet')).toBe(0);
    await runner.cancel(id);
    const done = await settle(runner, id, timers, store);
    expect(done.outcome).toBe('cancelled');
    expect(fake.calls('DeleteChangeSet')).toBe(0);
    expect(fake.changeSets.has(vendorId)).toBe(true);
  });

  it("executes a vendor's change set without creating one", async () => {
    open({ [INSTANCE_STACK]: { capabilities: [] } });
    const vendorId = fake.addVendorChangeSet(INSTANCE_STACK, 'gitpod-infrastructure-update-v37');
    const id = await start(['instance'], 'vendor-change-set');
    const done = await walk(id);
    expect(done.outcome).toBe('updated');
    expect(fake.calls('CreateChangeSet')).toBe(0);
    expect(executeCalls()).toEqual([
      expect.objectContaining({ ChangeSetName: vendorId, DisableRollback: false }),
    ]);
    expect(done.stacks[0]?.steps.find((s) => s.step === 'create')?.state).toBe('skipped');
  });

  it('refuses to cancel once the change set is executing', async () => {
    open();
    fake.executionScripts.set(ROLE_STACK, successScript(ROLE_STACK, 20));
    const id = await start(['role']);
    await walkToConfirmation(id);
    await runner.confirm({ runId: id, stackName: ROLE_STACK, accountId: ACCOUNT });
    await timers.advance(5_000, () => store.idle());
    await expect(runner.cancel(id)).rejects.toMatchObject({ appError: { code: 'cannot-cancel' } });
    const done = await settle(runner, id, timers, store);
    expect(done.outcome).toBe('updated');
  });

  it('a CreateChangeSet whose reply is lost is looked up by name, not sent again', async () => {
    open();
    fake.loseReply('CreateChangeSet');
    const id = await start(['role']);
    const done = await walk(id);
    expect(done.outcome).toBe('updated');
    expect(fake.calls('CreateChangeSet')).toBe(1);
    expect(fake.calls('ExecuteChangeSet')).toBe(1);
  });

  it('an ExecuteChangeSet whose reply is lost is recognised as executed and followed, not executed again', async () => {
    open();
    fake.loseReply('ExecuteChangeSet');
    const id = await start(['role']);
    const done = await walk(id);
    expect(done.outcome).toBe('updated');
    expect(fake.calls('ExecuteChangeSet')).toBe(1);
    expect(done.stacks[0]?.finalStatus).toBe('UPDATE_COMPLETE');
  });

  it('pauses when the credentials expire at CreateChangeSet, and creates the change set once after resume', async () => {
    open();
    fake.fail('CreateChangeSet', faults.expired);
    const id = await start(['role']);
    await settle(runner, id, timers, store);
    await runner.provideInput({ runId: id, acknowledgeCapabilities: true });
    const paused = await settle(runner, id, timers, store);
    expect(paused.status).toBe('paused');
    expect(paused.currentStep).toBe('create');
    expect(paused.error?.nextStep).toMatch(/aws sso login --profile acme-prod.*then resume/);
    await runner.resume(id);
    const done = await walk(id);
    expect(done.outcome).toBe('updated');
    // The failed attempt and the one after resume: one change set.
    expect(fake.calls('CreateChangeSet')).toBe(2);
    expect(fake.changeSets.size).toBe(1);
  });

  it('runs drift detection in the preflight when the run asks for it, and exports the review', async () => {
    const preflight = fakePreflight(fake);
    const inputs: Array<{ detectDrift?: boolean }> = [];
    runner = ApplyRunner.open({
      journal: store,
      clientsFor: () => fakeClients(),
      readTemplate: async () => '{}',
      logger,
      timers,
      ports: {
        runPreflight: (clients, input, options) => {
          inputs.push(input);
          return preflight(clients, input, options);
        },
        readChangeSetReview: fakeReview(3),
      },
      identify: async () => ({ account: ACCOUNT, arn: CALLER_ARN }),
    });
    const view = await runner.start({
      cell: CELL,
      identity: { account: ACCOUNT, arn: CALLER_ARN },
      update: updateOf(['role']),
      detectDrift: true,
    });
    await walkToConfirmation(view.id);
    expect(inputs.map((input) => input.detectDrift)).toEqual([true]);
    expect(await runner.exportReview(view.id, 'markdown')).toMatch(/^# Change set review/);
    expect(JSON.parse((await runner.exportReview(view.id, 'json')) ?? '')).toMatchObject({
      summary: { total: 3 },
    });
  });

  it('refuses an update for another account or naming stacks the cell does not have', async () => {
    open();
    await expect(
      runner.start({
        cell: CELL,
        identity: { account: '210987654321', arn: 'arn:aws:sts::210987654321:assumed-role/x/y' },
        update: updateOf(['role']),
      }),
    ).rejects.toMatchObject({ appError: { code: 'wrong-account' } });
    const update = updateOf(['role']);
    const wrong = {
      ...update,
      stacks: [{ ...update.stacks[0], stackName: 'gitpod-role-old' } as (typeof update.stacks)[number]],
    };
    await expect(
      runner.start({ cell: CELL, identity: { account: ACCOUNT, arn: CALLER_ARN }, update: wrong }),
    ).rejects.toMatchObject({
      appError: { code: 'wrong-stack' },
    });
    expect(runner.listRuns()).toEqual([]);
  });

  it('allows one unfinished run per cell', async () => {
    open();
    const id = await start(['role']);
    await settle(runner, id, timers, store);
    await expect(start(['role'])).rejects.toMatchObject({
      appError: { code: 'run-in-progress', message: expect.stringContaining(id) },
    });
  });

  it('keeps the templates as sha256 and the run in History', async () => {
    open();
    const id = await start(['role', 'instance']);
    await walk(id);
    expect(runner.listRuns()).toEqual([
      expect.objectContaining({ id, cellName: 'prod', outcome: 'updated', callerArn: CALLER_ARN }),
    ]);
    const json = JSON.parse(runner.exportEvidence(id, 'json')) as {
      stacks: Array<{ templateSha256: string }>;
    };
    expect(json.stacks.map((s) => s.templateSha256)).toEqual([SHA_ROLE, SHA_INSTANCE]);
  });
});

async function walkToConfirmation(id: string): Promise<void> {
  const first = await settle(runner, id, timers, store);
  if (first.awaiting?.kind === 'input')
    await runner.provideInput({ runId: id, acknowledgeCapabilities: true });
  const view = await settle(runner, id, timers, store);
  expect(view.awaiting?.kind).toBe('confirmation');
}

describe('core/apply/run/apply-runner: rollback on failure', () => {
  // Runs last: the app never offers to disable rollback, so every ExecuteChangeSet above sent false.
  it('every ExecuteChangeSet of this file sent DisableRollback: false', () => {
    expect(executeInputs.length).toBeGreaterThan(5);
    for (const input of executeInputs) expect(input.DisableRollback).toBe(false);
  });
});
