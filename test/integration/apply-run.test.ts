/**
 * Issue 5's guided apply against moto, through the unmodified SDK and the app's own clients, with
 * the real checks, template delivery and review: an imported update (a role and an instance
 * template, the latter over 51,200 bytes so it goes through S3) is applied through both stacks in
 * order, each to UPDATE_COMPLETE, with the new templates deployed and the run's evidence
 * exported; the role template applied again is recognised as a no-op. The calls that change a
 * stack are counted at the fault proxy.
 *
 * moto executes a change set at once (no in-progress states, no rollbacks, no tokens on events,
 * no ContinueUpdateRollback): those branches are covered by the scripted-SDK unit tests in
 * src/main/core/apply/run. moto also misses the instance stack's no-op: its unchanged-update
 * check compares the stack's creation parameters with the UsePreviousValue ones, which include
 * the resolved SSM BootstrapVersion, so they never match. The tests share one moto and run in
 * order: the no-op applies what the first test deployed.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunJournal } from '../../src/main/core/apply/journal/run-journal';
import { ApplyRunner } from '../../src/main/core/apply/run/apply-runner';
import { createAwsClients } from '../../src/main/core/aws/clients';
import { getCallerIdentity } from '../../src/main/core/aws/identity';
import { createMemoryLogger } from '../../src/main/core/log/logger';
import { sha256Hex } from '../../src/main/core/templates/canonical';
import { type ApplyRunView, applyRunViewSchema } from '../../src/shared/apply/run';
import type { Cell } from '../../src/shared/cells/cell';
import type { UpdateToApply } from '../../src/shared/updates/pending-update';
import { nextFixtureVersion, TEMPLATE_BODY_LIMIT_BYTES } from '../fixtures/templates/index';
import { TrackingStore } from '../support/apply-fakes';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { DEFAULT_ACCOUNT_ID, type MotoServer, motoClientConfig, startMoto } from '../support/moto-server';
import { type SeededCell, seedCell } from '../support/seed-cell';

const REGION = 'eu-west-2';
const ROLE_STACK = 'corp-gitpod-role';
const INSTANCE_STACK = 'corp-gitpod-instance';
const CELL: Cell = {
  id: '3c2b1a09-8f7e-4d6c-9b5a-4f3e2d1c0b9a',
  name: 'prod',
  region: REGION,
  accountId: DEFAULT_ACCOUNT_ID,
  roleStack: ROLE_STACK,
  instanceStack: INSTANCE_STACK,
};

let moto: MotoServer;
let proxy: FaultProxy;
let seeded: SeededCell;
let vendor: CloudFormationClient;
let s3: S3Client;
let dir: string;
let runner: ApplyRunner;
let identity: { account: string; arn: string };
const templates = new Map<string, string>();

function update(): UpdateToApply {
  const role = templates.get('role') ?? '';
  const instance = templates.get('instance') ?? '';
  return {
    cellId: CELL.id,
    cellName: CELL.name,
    label: 'Infrastructure Update v38',
    releasedAt: '2026-03-01T00:00:00.000Z',
    deadline: '2099-03-15T00:00:00.000Z',
    state: 'on-track',
    covers: ['import-v38'],
    // Instance first on purpose: the run puts the role stack first.
    stacks: [
      {
        kind: 'instance',
        stackName: INSTANCE_STACK,
        updateId: 'import-v38',
        source: 'import',
        templateSha256: sha256Hex(instance),
        templateName: 'instance.json',
      },
      {
        kind: 'role',
        stackName: ROLE_STACK,
        updateId: 'import-v38',
        source: 'import',
        templateSha256: sha256Hex(role),
        templateName: 'role.json',
      },
    ],
  };
}

async function openRunner(store?: TrackingStore): Promise<ApplyRunner> {
  const credentials = motoClientConfig(moto.endpoint, REGION).credentials;
  return ApplyRunner.open({
    journal: store ?? (await RunJournal.open(join(dir, 'runs'), { logger: createMemoryLogger() })),
    // The app's clients, through the fault proxy so the calls can be counted.
    clientsFor: (cell) =>
      createAwsClients({ region: cell.region, endpoint: proxy.endpoint, credentials, maxAttempts: 2 }),
    readTemplate: async (_updateId, kind) => templates.get(kind) ?? '',
    logger: createMemoryLogger(),
  });
}

/** Acknowledges and confirms like the admin, until the run ends. */
async function walk(id: string): Promise<ApplyRunView> {
  for (let guard = 0; guard < 10; guard++) {
    const view = await runner.settled(id);
    expect(applyRunViewSchema.parse(view)).toEqual(view);
    if (view.awaiting?.kind === 'input') {
      await runner.provideInput({ runId: id, acknowledgeCapabilities: true });
    } else if (view.awaiting?.kind === 'confirmation') {
      await runner.confirm({
        runId: id,
        stackName: view.awaiting.stackName,
        accountId: view.awaiting.accountId,
      });
    } else {
      return view;
    }
  }
  throw new Error('the run kept asking');
}

async function deployedTemplate(stackName: string): Promise<string> {
  const reply = await vendor.send(new GetTemplateCommand({ StackName: stackName }));
  return reply.TemplateBody ?? '';
}

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto.endpoint);
  const config = motoClientConfig(moto.endpoint, REGION);
  vendor = new CloudFormationClient(config);
  s3 = new S3Client({ ...config, forcePathStyle: true });
  seeded = await seedCell(
    { cloudFormation: vendor, s3 },
    { roleStackName: ROLE_STACK, instanceStackName: INSTANCE_STACK },
  );
  templates.set('role', nextFixtureVersion('role.json', 'AuditTopic'));
  templates.set('instance', nextFixtureVersion('instance.json', 'ReleaseNotesTopic'));
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-apply-'));
  const clients = createAwsClients({
    region: REGION,
    endpoint: moto.endpoint,
    credentials: config.credentials,
    maxAttempts: 1,
  });
  identity = await getCallerIdentity(clients.sts);
  clients.destroy();
}, 90_000);

afterAll(async () => {
  runner?.dispose();
  vendor?.destroy();
  s3?.destroy();
  if (dir) await rm(dir, { recursive: true, force: true });
  await proxy?.close();
  await moto?.stop();
});

describe('the guided apply against moto', () => {
  it('applies an imported update through both stacks in order, role first, to UPDATE_COMPLETE, and exports the evidence', async () => {
    expect(Buffer.byteLength(templates.get('instance') ?? '')).toBeGreaterThan(TEMPLATE_BODY_LIMIT_BYTES);
    runner = await openRunner();
    proxy.clear();
    const started = await runner.start({ cell: CELL, identity, update: update() });
    expect(started.stacks.map((s) => s.stackName)).toEqual([ROLE_STACK, INSTANCE_STACK]);

    const first = await runner.settled(started.id);
    expect(first.awaiting).toMatchObject({
      kind: 'input',
      stackName: ROLE_STACK,
      capabilities: expect.arrayContaining(['CAPABILITY_NAMED_IAM']),
      capabilityResources: expect.arrayContaining([
        expect.objectContaining({ logicalId: 'GitpodSetupAndInitialEKSUserAdmin' }),
      ]),
    });
    expect(first.stacks[0]?.preflight?.checks.filter((check) => check.outcome === 'blocking')).toEqual([]);

    const done = await walk(started.id);
    expect(done.error).toBeUndefined();
    expect(done.outcome).toBe('updated');
    expect(done.stacks.map((s) => [s.stackName, s.phase, s.finalStatus])).toEqual([
      [ROLE_STACK, 'updated', 'UPDATE_COMPLETE'],
      [INSTANCE_STACK, 'updated', 'UPDATE_COMPLETE'],
    ]);
    expect(done.stacks[1]?.preflight?.delivery).toBe('s3');
    expect(done.stacks[1]?.review?.add).toBeGreaterThanOrEqual(1);

    // The new templates run now.
    expect(await deployedTemplate(ROLE_STACK)).toBe(templates.get('role'));
    expect(await deployedTemplate(INSTANCE_STACK)).toBe(templates.get('instance'));
    const { Stacks } = await vendor.send(new DescribeStacksCommand({ StackName: INSTANCE_STACK }));
    expect(Stacks?.[0]?.StackStatus).toBe('UPDATE_COMPLETE');

    // Role stack first: its change set was executed before the instance stack's was created.
    const mutating = proxy.calls
      .map((call) => call.action)
      .filter((action) => /^(Create|Execute|Delete)ChangeSet$/.test(action));
    expect(mutating).toEqual(['CreateChangeSet', 'ExecuteChangeSet', 'CreateChangeSet', 'ExecuteChangeSet']);

    // The evidence: who, when, what, each step, the result.
    const json = JSON.parse(runner.exportEvidence(started.id, 'json')) as {
      callerArn: string;
      outcome: string;
      appliedWithinDeadline: boolean;
      stacks: Array<{ stackName: string; templateSha256: string; changeSetArn: string; finalStatus: string }>;
    };
    expect(json).toMatchObject({ callerArn: identity.arn, outcome: 'updated', appliedWithinDeadline: true });
    expect(json.stacks.map((s) => [s.stackName, s.templateSha256, s.finalStatus])).toEqual([
      [ROLE_STACK, sha256Hex(templates.get('role') ?? ''), 'UPDATE_COMPLETE'],
      [INSTANCE_STACK, sha256Hex(templates.get('instance') ?? ''), 'UPDATE_COMPLETE'],
    ]);
    for (const stack of json.stacks)
      expect(stack.changeSetArn).toMatch(/:changeSet\/dedicated-admin-infrastructure-update-v38-/);
    expect(runner.exportEvidence(started.id, 'markdown')).toContain(`| Applied by | ${identity.arn} |`);
    const csv = runner.exportEvidence(started.id, 'csv').trimEnd().split('\r\n');
    expect(csv.length).toBeGreaterThan(10);
    expect(csv.filter((row) => row.includes(',monitor,done,'))).toHaveLength(2);

    // The journal is the record: History lists the run after a restart.
    runner.dispose();
    runner = await openRunner();
    expect(runner.listRuns()).toEqual([
      expect.objectContaining({ id: started.id, outcome: 'updated', callerArn: identity.arn }),
    ]);
    expect(await readdir(join(dir, 'runs'))).toEqual([`${started.id}.json`]);
    expect(seeded.roleArn).toMatch(/:role\/GitpodSetupAndInitialEKSUserAdmin$/);
  }, 120_000);

  it('recognises the role template applied again as already up to date, and executes nothing', async () => {
    proxy.clear();
    const again = update();
    const started = await runner.start({
      cell: CELL,
      identity,
      update: {
        ...again,
        label: 'Infrastructure Update v38 (role)',
        stacks: again.stacks.filter((s) => s.kind === 'role'),
      },
    });
    const done = await walk(started.id);
    expect(done.error).toBeUndefined();
    expect(done.outcome).toBe('already-up-to-date');
    expect(done.stacks.map((s) => [s.stackName, s.phase, s.finalStatus])).toEqual([
      [ROLE_STACK, 'already-up-to-date', 'UPDATE_COMPLETE'],
    ]);
    expect(done.message).toMatch(/already run this update/);
    expect(done.stacks[0]?.steps.find((s) => s.step === 'create')?.state).toBe('done');
    // moto refuses an unchanged inline template at once ("No updates are to be performed"), so
    // no change set is left to remove; AWS's FAILED change set path is covered by the unit tests.
    expect(proxy.countOf('CreateChangeSet')).toBe(1);
    expect(proxy.countOf('ExecuteChangeSet')).toBe(0);
    expect(proxy.countOf('DeleteChangeSet')).toBe(0);
    expect(await deployedTemplate(ROLE_STACK)).toBe(templates.get('role'));
  }, 120_000);

  it('resumes a run whose runner died right after ExecuteChangeSet: monitored to UPDATE_COMPLETE, executed once', async () => {
    templates.set('instance', nextFixtureVersion('instance.json', 'MaintenanceTopic'));
    const instanceOnly = update();
    const next = {
      ...instanceOnly,
      label: 'Infrastructure Update v39',
      stacks: instanceOnly.stacks.filter((s) => s.kind === 'instance'),
    };
    runner.dispose();
    const store = new TrackingStore(
      await RunJournal.open(join(dir, 'runs'), { logger: createMemoryLogger() }),
    );
    store.crashWhen = (record) => record.stacks[0]?.execute?.result?.outcome === 'started';
    runner = await openRunner(store);
    proxy.clear();
    const started = await runner.start({ cell: CELL, identity, update: next });
    for (let guard = 0; guard < 10 && !store.crashed; guard++) {
      const view = await runner.settled(started.id);
      if (view.awaiting?.kind === 'input')
        await runner.provideInput({ runId: started.id, acknowledgeCapabilities: true });
      else if (view.awaiting?.kind === 'confirmation') {
        await runner.confirm({
          runId: started.id,
          stackName: view.awaiting.stackName,
          accountId: view.awaiting.accountId,
        });
      }
    }
    await runner.settled(started.id);
    expect(store.crashed).toBe(true);
    expect(proxy.countOf('ExecuteChangeSet')).toBe(1);
    runner.dispose();

    runner = await openRunner();
    const done = await walk(started.id);
    expect(done.outcome).toBe('updated');
    expect(done.stacks[0]?.finalStatus).toBe('UPDATE_COMPLETE');
    expect(proxy.countOf('CreateChangeSet')).toBe(1);
    expect(proxy.countOf('ExecuteChangeSet')).toBe(1);
    expect(await deployedTemplate(INSTANCE_STACK)).toBe(templates.get('instance'));
  }, 120_000);
});
