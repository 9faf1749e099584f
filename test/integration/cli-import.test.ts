/**
 * `dedicated-admin import` against moto, through the unmodified SDK: the CLI reads templates
 * from files and S3 (with the cell's credentials), says which stack each updates, records the
 * update in the app's updates file — which the running app then shows without losing it — and
 * refuses bad input with a clear message, storing nothing.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StatusJson } from '../../src/main/cli/status-report';
import { createMemoryLogger } from '../../src/main/core/log/logger';
import { MemoryLedger } from '../../src/main/core/updates/notification-ledger';
import { updatesFileBeside } from '../../src/main/core/updates/update-file';
import { UpdateStore } from '../../src/main/core/updates/update-store';
import { UpdatesService } from '../../src/main/core/updates/updates-service';
import { changedRoleTemplate, fixturePath } from '../fixtures/templates/index';
import type { AwsHome } from '../support/aws/aws-home';
import { useStaticProfile } from '../support/aws/static-profile';
import { DEFAULT_ACCOUNT_ID, type MotoServer, motoClientConfig, startMoto } from '../support/moto-server';
import { runCli } from '../support/run-cli';
import { seedCell } from '../support/seed-cell';

const REGION = 'eu-west-1';
const ROLE_STACK = 'acme-gitpod-role';
const INSTANCE_STACK = 'acme-gitpod-instance';
const CELL = {
  id: '0b9e6a52-4f0c-4a57-9c55-3d1f7e2b8a10',
  name: 'prod',
  profile: 'acme',
  region: REGION,
  accountId: DEFAULT_ACCOUNT_ID,
  roleStack: ROLE_STACK,
  instanceStack: INSTANCE_STACK,
};

let moto: MotoServer;
let home: AwsHome;
let dir: string;
let updatesPath: string;
let cloudFormation: CloudFormationClient;
let s3: S3Client;

beforeAll(async () => {
  moto = await startMoto();
  const config = motoClientConfig(moto.endpoint, REGION);
  cloudFormation = new CloudFormationClient(config);
  s3 = new S3Client({ ...config, forcePathStyle: true });
  await seedCell({ cloudFormation, s3 }, { roleStackName: ROLE_STACK, instanceStackName: INSTANCE_STACK });
  home = useStaticProfile({ profile: 'acme', region: REGION, endpoint: moto.endpoint });
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-cli-import-'));
  const settingsPath = join(dir, 'settings.json');
  updatesPath = updatesFileBeside(settingsPath);
  vi.stubEnv('DEDICATED_ADMIN_SETTINGS', settingsPath);
  await writeFile(settingsPath, JSON.stringify({ version: 1, cells: [CELL] }));
}, 90_000);

afterAll(async () => {
  cloudFormation?.destroy();
  s3?.destroy();
  vi.unstubAllEnvs();
  home?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
  await moto?.stop();
});

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function updatesFileText(): Promise<string | null> {
  try {
    return await readFile(updatesPath, 'utf8');
  } catch {
    return null;
  }
}

/** Runs an import that must fail, and checks that the updates file did not change. */
async function refused(args: string[]): Promise<string> {
  const before = await updatesFileText();
  const result = await runCli(['import', ...args]);
  expect(result.code).toBe(1);
  expect(result.out).toBe('');
  expect(await updatesFileText()).toBe(before);
  return result.err;
}

describe('test/integration/cli-import', () => {
  it('reports a template identical to the deployed one as already applied, keeping no import', async () => {
    const result = await runCli([
      'import',
      '--cell',
      'prod',
      '--role',
      fixturePath('role.json'),
      '--label',
      'v36',
    ]);

    expect(result.code).toBe(0);
    expect(result.out).toContain('"v36" is already applied to prod');
    expect(result.out).toMatch(
      new RegExp(`role template role.json → stack ${ROLE_STACK}  sha256 [0-9a-f]{64}`),
    );
    const saved = JSON.parse((await updatesFileText()) ?? '{}');
    expect(saved.imports).toEqual([]);
    expect(saved.history[0]).toMatchObject({ label: 'v36', detectedBy: 'already-applied-when-imported' });
  }, 30_000);

  it('imports a changed role template from a file as pending, due 14 days after --released, shown by status --json', async () => {
    const path = await file('role-v38.yaml', changedRoleTemplate('v38'));
    const result = await runCli([
      'import',
      '--cell',
      'PROD',
      '--role',
      path,
      '--released',
      '2026-11-20',
      '--label',
      'Infrastructure Update v38',
    ]);

    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Imported "Infrastructure Update v38" for prod.');
    expect(result.out).toContain(`role template role-v38.yaml → stack ${ROLE_STACK}`);
    expect(result.out).toMatch(/Due .*2026/);

    const status = await runCli(['status', '--json', '--cell', 'prod']);
    const [cell] = (JSON.parse(status.out) as StatusJson).cells;
    expect(cell?.pendingUpdates).toEqual([
      expect.objectContaining({
        label: 'Infrastructure Update v38',
        source: 'import',
        stacks: [ROLE_STACK],
        releasedAt: '2026-11-20T00:00:00.000Z',
        deadline: '2026-12-04T00:00:00.000Z',
      }),
    ]);
  }, 30_000);

  it('refuses the same update imported twice, storing nothing', async () => {
    const path = await file('role-v38-again.yaml', changedRoleTemplate('v38'));
    const err = await refused(['--cell', 'prod', '--role', path, '--label', 'Infrastructure Update v38']);
    expect(err).toMatch(/already imported/);
  });

  it('refuses a role template given as the instance template, naming both', async () => {
    const path = await file('role-v39.yaml', changedRoleTemplate('v39'));
    const err = await refused(['--cell', 'prod', '--instance', path]);
    expect(err).toMatch(/role-v39\.yaml/);
    expect(err).toMatch(/role template/i);
  });

  it('refuses a file that is not a CloudFormation template, an unparsable one, and a missing one', async () => {
    const notTemplate = await file('notes.yaml', 'meeting: tuesday\nagenda: [one, two]\n');
    expect(await refused(['--cell', 'prod', '--role', notTemplate])).toMatch(/notes\.yaml/);
    const broken = await file('broken.json', '{ "Resources": ');
    expect(await refused(['--cell', 'prod', '--role', broken])).toMatch(/broken\.json/);
    expect(await refused(['--cell', 'prod', '--role', join(dir, 'nope.json')])).toMatch(
      /There is no file .*nope\.json/,
    );
  });

  it('refuses an http: address and an unknown cell', async () => {
    expect(await refused(['--cell', 'prod', '--role', 'http://example.invalid/role.json'])).toMatch(/https/);
    expect(await refused(['--cell', 'staging', '--role', fixturePath('role.json')])).toMatch(
      /no cell named "staging" \(known: prod\)/,
    );
  });

  it("reads an s3:// address with the cell's credentials", async () => {
    await s3.send(
      new CreateBucketCommand({
        Bucket: 'acme-vendor-drop',
        CreateBucketConfiguration: { LocationConstraint: REGION },
      }),
    );
    await s3.send(
      new PutObjectCommand({
        Bucket: 'acme-vendor-drop',
        Key: 'v40/role.yaml',
        Body: changedRoleTemplate('v40'),
      }),
    );
    const result = await runCli([
      'import',
      '--cell',
      'prod',
      '--role',
      's3://acme-vendor-drop/v40/role.yaml',
      '--label',
      'v40',
    ]);

    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`role template role.yaml → stack ${ROLE_STACK}`);
  }, 30_000);

  it('the running app shows what the CLI imported at its next check, and keeps it when it writes', async () => {
    const logger = createMemoryLogger();
    // The app opened its updates file before the CLI's next import.
    const store = await UpdateStore.open(updatesPath, { logger });
    const app = new UpdatesService({
      store,
      ledger: new MemoryLedger(),
      cells: () => [{ cell: CELL, check: null }],
      logger,
    });
    const path = await file('role-v41.yaml', changedRoleTemplate('v41'));
    expect((await runCli(['import', '--cell', 'prod', '--role', path, '--label', 'v41'])).code).toBe(0);

    await app.sync();
    const labels = (): string[] => app.state().cells[0]?.pending.map((u) => u.label) ?? [];
    expect(labels()).toContain('v41');

    const v38 = app.state().cells[0]?.pending.find((u) => u.label === 'Infrastructure Update v38');
    await app.snooze(v38?.id ?? '', new Date(Date.now() + 3_600_000));
    const saved = JSON.parse((await updatesFileText()) ?? '{}');
    expect(saved.imports.map((i: { label: string }) => i.label)).toEqual(
      expect.arrayContaining(['Infrastructure Update v38', 'v40', 'v41']),
    );
    expect((await stat(updatesPath)).mode & 0o777).toBe(0o600);
  }, 30_000);
});
