/**
 * Issue 4's acceptance against moto, through the unmodified SDK: a change set the vendor
 * creates on the instance stack is a pending update due 14 days after its creation, in the
 * Updates state, the tray line and `status --json`; executing it clears it and records it as
 * applied; an imported template identical to the deployed one is already applied, a changed
 * one is pending; and an idle refresh costs the budgeted calls, counted at the fault proxy.
 *
 * The tests share one moto, one cell and one set of services, and run in order: each builds on
 * what the one before did to the stacks. moto has no LastUpdatedTime, so the deployed
 * templates are read once and the import tests use the role stack, which nothing here updates.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  ExecuteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StatusJson } from '../../src/main/cli/status-report';
import { CellChecker } from '../../src/main/core/cells/cell-checker';
import { CellsService } from '../../src/main/core/cells/cells-service';
import { FileSettingsBackend } from '../../src/main/core/cells/settings-backend';
import { SettingsRepository } from '../../src/main/core/cells/settings-repository';
import { createMemoryLogger } from '../../src/main/core/log/logger';
import { StatusService } from '../../src/main/core/status/status-service';
import { UPDATE_WINDOW_MS } from '../../src/main/core/updates/deadline';
import { MemoryLedger } from '../../src/main/core/updates/notification-ledger';
import { updatesFileBeside } from '../../src/main/core/updates/update-file';
import { UpdateStore } from '../../src/main/core/updates/update-store';
import { UpdatesService } from '../../src/main/core/updates/updates-service';
import { changedRoleTemplate, loadFixture } from '../fixtures/templates/index';
import type { AwsHome } from '../support/aws/aws-home';
import { useStaticProfile } from '../support/aws/static-profile';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { DEFAULT_ACCOUNT_ID, type MotoServer, motoClientConfig, startMoto } from '../support/moto-server';
import { runCli } from '../support/run-cli';
import { type SeededCell, seedCell } from '../support/seed-cell';

const REGION = 'eu-west-2';
const ROLE_STACK = 'corp-gitpod-access';
const INSTANCE_STACK = 'corp-gitpod-main';
const CELL_ID = '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a';
const CELL = {
  id: CELL_ID,
  name: 'prod',
  profile: 'acme',
  region: REGION,
  accountId: DEFAULT_ACCOUNT_ID,
  roleStack: ROLE_STACK,
  instanceStack: INSTANCE_STACK,
};

let moto: MotoServer;
let proxy: FaultProxy;
let home: AwsHome;
let dir: string;
let seeded: SeededCell;
/** Talks to moto directly, so the vendor's and the admin's own calls are not counted at the proxy. */
let vendor: CloudFormationClient;
let s3: S3Client;
let cells: CellsService;
let updates: UpdatesService;
let status: StatusService;
let changeSetId: string;
let changeSetCreated: Date;

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

  home = useStaticProfile({ profile: 'acme', region: REGION, endpoint: proxy.endpoint });
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-updates-'));
  const settingsPath = join(dir, 'settings.json');
  vi.stubEnv('DEDICATED_ADMIN_SETTINGS', settingsPath);
  await writeFile(settingsPath, JSON.stringify({ version: 1, cells: [CELL] }));

  const logger = createMemoryLogger();
  const repository = await SettingsRepository.open(new FileSettingsBackend(settingsPath), logger);
  cells = new CellsService(repository, new CellChecker());
  const store = await UpdateStore.open(updatesFileBeside(settingsPath), { logger });
  updates = new UpdatesService({
    store,
    ledger: new MemoryLedger(),
    cells: () => cells.state().cells,
    logger,
    timeZone: () => 'UTC',
  });
  status = new StatusService({ sources: [updates.statusSource(cells)], logger });
}, 90_000);

afterAll(async () => {
  cells?.dispose();
  vendor?.destroy();
  s3?.destroy();
  vi.unstubAllEnvs();
  home?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
  await proxy?.close();
  await moto?.stop();
});

/**
 * The vendor's next instance template: the seeded one with another description, so the change
 * set is not empty (moto, like AWS, refuses one without changes) and executing it changes no
 * resource. Over 51,200 bytes, it goes through S3 beside the seeded one.
 */
async function uploadChangedInstanceTemplate(): Promise<string> {
  const seededUrl = seeded.instanceTemplateUrl;
  if (!seededUrl) throw new Error('the seeded instance template was expected to go through S3');
  const template = JSON.parse(loadFixture('instance.json')) as Record<string, unknown>;
  template.Description = `${String(template.Description ?? '')} (update v37)`;
  const url = new URL(seededUrl);
  const [, bucket = '', ...key] = url.pathname.split('/');
  const nextKey = [...key.slice(0, -1), 'instance-v37.json'].join('/');
  await s3.send(
    new PutObjectCommand({ Bucket: bucket, Key: nextKey, Body: JSON.stringify(template, null, 2) }),
  );
  return `${url.origin}/${bucket}/${nextKey}`;
}

function prodUpdates() {
  const cell = updates.state().cells.find((c) => c.cellId === CELL_ID);
  if (!cell) throw new Error('the cell is missing from the updates state');
  return cell;
}

describe('pending updates against moto', () => {
  it('an idle refresh costs 1 DescribeStacks and 1 ListChangeSets per stack: 3 calls for the cell', async () => {
    await status.refresh(); // the first check also asks who we are and reads both templates
    expect(proxy.countOf('GetCallerIdentity')).toBe(1);
    expect(proxy.countOf('GetTemplate')).toBe(2);

    proxy.clear();
    await status.refresh();
    await status.refresh();
    await status.refresh();
    // Budget per idle refresh and cell: DescribeStacks 1 + ListChangeSets 2 (role and instance
    // stack) = 3; GetCallerIdentity is cached, GetTemplate waits for a LastUpdatedTime change.
    expect(proxy.countOf('DescribeStacks')).toBe(3);
    expect(proxy.countOf('ListChangeSets')).toBe(6);
    expect(proxy.calls).toHaveLength(9);
    expect(prodUpdates().pending).toEqual([]);
    expect(status.snapshot().cells).toEqual([{ name: 'prod', state: 'ok', line: 'stacks stable' }]);
  }, 30_000);

  it('a change set the vendor created on the instance stack is pending, due 14 days after its creation', async () => {
    const created = await vendor.send(
      new CreateChangeSetCommand({
        StackName: INSTANCE_STACK,
        ChangeSetName: 'gitpod-infrastructure-update-v37',
        ChangeSetType: 'UPDATE',
        Description: 'Infrastructure Update v37',
        TemplateURL: await uploadChangedInstanceTemplate(),
        Parameters: [
          { ParameterKey: 'DomainName', ParameterValue: 'gitpod.acme-corp.example.com' },
          { ParameterKey: 'CellId', ParameterValue: 'acme01' },
        ],
        RoleARN: seeded.roleArn,
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      }),
    );
    changeSetId = created.Id ?? '';
    const described = await vendor.send(new DescribeChangeSetCommand({ ChangeSetName: changeSetId }));
    expect([described.Status, described.ExecutionStatus]).toEqual(['CREATE_COMPLETE', 'AVAILABLE']);
    changeSetCreated = described.CreationTime ?? new Date(0);
    const deadline = new Date(changeSetCreated.getTime() + UPDATE_WINDOW_MS).toISOString();

    const snapshot = await status.refresh();

    const [pending, ...others] = prodUpdates().pending;
    expect(others).toEqual([]);
    expect(pending).toMatchObject({
      cellName: 'prod',
      label: 'Infrastructure Update v37',
      source: 'vendor-change-set',
      releasedAt: changeSetCreated.toISOString(),
      deadline,
      deadlineOverridden: false,
      state: 'on-track',
      stacks: [
        {
          kind: 'instance',
          stackName: INSTANCE_STACK,
          changeSetName: 'gitpod-infrastructure-update-v37',
          changeSetId,
        },
      ],
    });
    expect(pending?.id.length).toBeLessThanOrEqual(200);
    expect(prodUpdates().toApply).toMatchObject({ deadline, covers: [pending?.id] });

    // The tray: the cell's line and the tooltip.
    expect(snapshot.cells).toEqual([
      {
        name: 'prod',
        state: 'attention',
        line: expect.stringMatching(/^infrastructure update due in 1[34] days$/),
      },
    ]);
    expect(snapshot.state).toBe('attention');
    expect(snapshot.tooltip).toMatch(/prod · infrastructure update due in 1[34] days/);

    // A notification that opens this update.
    const plan = updates.notificationsDue();
    expect(plan.notifications).toEqual([
      expect.objectContaining({
        title: 'prod: new infrastructure update',
        target: { view: 'updates', itemId: pending?.id },
      }),
    ]);

    const cli = await runCli(['status', '--json']);
    expect(cli.code).toBe(0);
    const [cell] = (JSON.parse(cli.out) as StatusJson).cells;
    expect(cell?.errors).toEqual([]);
    expect(cell?.stacks.map((s) => s.name)).toEqual([ROLE_STACK, INSTANCE_STACK]);
    expect(cell?.pendingUpdates).toEqual([
      {
        id: pending?.id,
        label: 'Infrastructure Update v37',
        source: 'change-set',
        stacks: [INSTANCE_STACK],
        releasedAt: changeSetCreated.toISOString(),
        deadline,
        state: 'on-track',
      },
    ]);
    const table = await runCli(['status', '--cell', 'prod']);
    expect(table.code).toBe(0);
    expect(table.out).toMatch(
      /prod · update Infrastructure Update v37 \(change set; corp-gitpod-main\): due in 1[34] days/,
    );
  }, 30_000);

  it('an imported template identical to the deployed one is already applied; a changed one is pending, role first', async () => {
    const same = await updates.importUpdate(
      CELL_ID,
      [{ name: 'role.json', bytes: new TextEncoder().encode(loadFixture('role.json')) }],
      { label: 'Infrastructure Update v36' },
    );
    expect(same.status).toBe('already-applied');
    expect(same.templates).toEqual([
      expect.objectContaining({ kind: 'role', stackName: ROLE_STACK, name: 'role.json', applied: true }),
    ]);
    expect(updates.state().history[0]).toMatchObject({
      label: 'Infrastructure Update v36',
      detectedBy: 'already-applied-when-imported',
    });

    // The same role template in YAML, with one more tag on the role: another template.
    const changed = changedRoleTemplate('v38');
    const imported = await updates.importUpdate(
      CELL_ID,
      [{ name: 'role-v38.yaml', bytes: new TextEncoder().encode(changed) }],
      { label: 'Infrastructure Update v38' },
    );
    expect(imported.status).toBe('pending');
    expect(imported.templates[0]).toMatchObject({ kind: 'role', stackName: ROLE_STACK, applied: false });

    const toApply = prodUpdates().toApply;
    expect(toApply?.stacks.map((s) => [s.kind, s.stackName, s.source])).toEqual([
      ['role', ROLE_STACK, 'import'],
      ['instance', INSTANCE_STACK, 'vendor-change-set'],
    ]);
    // The oldest unapplied release is the change set: its deadline is the update's.
    expect(toApply?.deadline).toBe(new Date(changeSetCreated.getTime() + UPDATE_WINDOW_MS).toISOString());
    expect(toApply?.label).toBe('Infrastructure Update v38');

    const cli = await runCli(['status', '--json']);
    expect(cli.code).toBe(0);
    const [cell] = (JSON.parse(cli.out) as StatusJson).cells;
    expect(cell?.pendingUpdates.map((u) => [u.label, u.source, u.stacks])).toEqual([
      ['Infrastructure Update v37', 'change-set', [INSTANCE_STACK]],
      ['Infrastructure Update v38', 'import', [ROLE_STACK]],
    ]);
  }, 30_000);

  it('executing the change set clears it and records it as applied, with a notification', async () => {
    const id = prodUpdates().pending.find((u) => u.source === 'vendor-change-set')?.id;
    expect(id).toBeDefined();
    await vendor.send(new ExecuteChangeSetCommand({ ChangeSetName: changeSetId }));

    const snapshot = await status.refresh();

    expect(prodUpdates().pending.map((u) => u.label)).toEqual(['Infrastructure Update v38']);
    expect(updates.state().history[0]).toMatchObject({
      id,
      label: 'Infrastructure Update v37',
      source: 'vendor-change-set',
      detectedBy: 'change-set-executed',
      stacks: [INSTANCE_STACK],
    });
    // The import's own deadline now (released today): about two weeks.
    expect(snapshot.cells[0]?.line).toMatch(/^infrastructure update due in 1[34] days$/);
    const applied = updates.notificationsDue().notifications.find((n) => n.key === `update:${id}:applied`);
    expect(applied).toMatchObject({
      title: 'prod: infrastructure update applied',
      target: { view: 'updates', itemId: id },
    });

    const cli = await runCli(['status', '--json']);
    const [cell] = (JSON.parse(cli.out) as StatusJson).cells;
    expect(cell?.pendingUpdates.map((u) => u.source)).toEqual(['import']);

    // Idle again: still three calls per refresh.
    proxy.clear();
    await status.refresh();
    expect(proxy.calls.map((c) => c.action).sort()).toEqual([
      'DescribeStacks',
      'ListChangeSets',
      'ListChangeSets',
    ]);
  }, 30_000);
});
