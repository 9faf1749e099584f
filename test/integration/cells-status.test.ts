/**
 * Cells against moto, through the unmodified SDK: discovery by content, `dedicated-admin
 * status --json`, the account guard, and throttling that the SDK's retry absorbs.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatusJson } from '../../src/main/cli/status-report';
import { createAwsClients } from '../../src/main/core/aws/clients';
import { CellChecker } from '../../src/main/core/cells/cell-checker';
import { discoverCellStacks } from '../../src/main/core/cells/discovery';
import type { AwsHome } from '../support/aws/aws-home';
import { useStaticProfile } from '../support/aws/static-profile';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { DEFAULT_ACCOUNT_ID, type MotoServer, motoClientConfig, startMoto } from '../support/moto-server';
import { runCli } from '../support/run-cli';
import { seedCell, seedUnrelatedStack } from '../support/seed-cell';

const REGION = 'eu-central-1';
const ROLE_STACK = 'acme-gp-bootstrap';
const INSTANCE_STACK = 'acme-gp-cell-prod';

let moto: MotoServer;
let proxy: FaultProxy;
let home: AwsHome;

/** The seeded cell as the app would save it. */
function prodCell(id: string) {
  return {
    id,
    name: 'prod',
    profile: 'acme',
    region: REGION,
    accountId: DEFAULT_ACCOUNT_ID,
    roleStack: ROLE_STACK,
    instanceStack: INSTANCE_STACK,
  };
}

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto.endpoint);
  const config = motoClientConfig(moto.endpoint, REGION);
  const clients = {
    cloudFormation: new CloudFormationClient(config),
    s3: new S3Client({ ...config, forcePathStyle: true }),
  };
  await seedCell(clients, { roleStackName: ROLE_STACK, instanceStackName: INSTANCE_STACK });
  await seedUnrelatedStack(clients, 'billing-alerts');
}, 90_000);

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

beforeEach(() => {
  home = useStaticProfile({ profile: 'acme', region: REGION, endpoint: proxy.endpoint });
  vi.stubEnv('DEDICATED_ADMIN_SETTINGS', join(home.dir, 'settings.json'));
  proxy.clear();
});

afterEach(() => {
  vi.unstubAllEnvs();
  home.cleanup();
});

describe('cells against moto', () => {
  it('discovery finds the role and instance stacks by content under unusual names, and not the unrelated stack', async () => {
    const clients = createAwsClients({ profile: 'acme', region: REGION });
    try {
      const found = await discoverCellStacks(clients.cloudFormation);
      expect(found.suggested).toEqual({ role: ROLE_STACK, instance: INSTANCE_STACK });
      const names = found.candidates.map((c) => c.stackName);
      expect(names).not.toContain('billing-alerts');
      const instance = found.candidates.find((c) => c.kind === 'instance');
      expect(instance?.evidence.join(' ')).toMatch(/GitpodSetupAndInitialEKSUserAdmin/);
      expect(instance?.evidence.join(' ')).toMatch(/gitpod-cell\//);
    } finally {
      clients.destroy();
    }
  });

  it('`status --profile --region --json` reports both stacks with their kinds and statuses', async () => {
    const { code, out, err } = await runCli(['status', '--profile', 'acme', '--region', REGION, '--json']);
    expect(err).toBe('');
    expect(code).toBe(0);
    const json = JSON.parse(out) as StatusJson;
    expect(json.cells).toHaveLength(1);
    const [cell] = json.cells;
    expect(cell).toMatchObject({ account: DEFAULT_ACCOUNT_ID, region: REGION, errors: [] });
    expect(cell?.callerArn).toMatch(/^arn:aws:/);
    expect(cell?.stacks).toEqual([
      expect.objectContaining({
        name: ROLE_STACK,
        kind: 'role',
        status: 'CREATE_COMPLETE',
        blocksUpdate: false,
      }),
      expect.objectContaining({
        name: INSTANCE_STACK,
        kind: 'instance',
        status: 'CREATE_COMPLETE',
        blocksUpdate: false,
      }),
    ]);
    expect(cell?.stacks[0]?.lastUpdatedTime).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('`status --cell` reads the cell from the settings file and prints a table', async () => {
    const cell = prodCell('3f2b8c1e-7a4d-4e5f-9b6a-1c2d3e4f5a6b');
    writeFileSync(join(home.dir, 'settings.json'), JSON.stringify({ version: 1, cells: [cell] }));
    const { code, out } = await runCli(['status', '--cell', 'prod']);
    expect(code).toBe(0);
    expect(out).toMatch(/CELL\s+ACCOUNT\s+REGION\s+STACK/);
    expect(out).toContain(ROLE_STACK);
    expect(out).toContain(INSTANCE_STACK);
  });

  it('refuses a cell whose profile resolves to another account, naming both accounts, and reads no stack', async () => {
    const otherAccount = '222233334444';
    const cell = {
      id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
      name: 'staging',
      profile: 'acme',
      region: REGION,
      accountId: otherAccount,
      instanceStack: INSTANCE_STACK,
    };
    writeFileSync(join(home.dir, 'settings.json'), JSON.stringify({ version: 1, cells: [cell] }));
    const { code, out, err } = await runCli(['status', '--json']);
    expect(code).toBe(1);
    const [result] = (JSON.parse(out) as StatusJson).cells;
    expect(result?.errors[0]?.code).toBe('wrong-account');
    expect(result?.errors[0]?.message).toContain(DEFAULT_ACCOUNT_ID);
    expect(result?.errors[0]?.message).toContain(otherAccount);
    expect(err).toMatch(/staging/);
    expect(proxy.countOf('DescribeStacks')).toBe(0);
  });

  it('throttling that clears is retried by the SDK and never shown', async () => {
    proxy.inject({ action: 'DescribeStacks', times: 2, fault: 'throttle' });
    const checker = new CellChecker();
    try {
      const check = await checker.check(prodCell('0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e'));
      expect(check.errors).toEqual([]);
      expect(check.stacks.map((s) => s.status)).toEqual(['CREATE_COMPLETE', 'CREATE_COMPLETE']);
      expect(proxy.calls.filter((c) => c.action === 'DescribeStacks').map((c) => c.fault ?? 'ok')).toEqual([
        'throttle',
        'throttle',
        'ok',
      ]);
    } finally {
      checker.dispose();
    }
  }, 30_000);

  it('a refresh costs one DescribeStacks, and templates are read again only after an update', async () => {
    const checker = new CellChecker();
    const cell = prodCell('1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d');
    try {
      await checker.check(cell);
      await checker.check(cell);
      await checker.check(cell);
      expect(proxy.countOf('DescribeStacks')).toBe(3);
      expect(proxy.countOf('GetTemplate')).toBe(2);
      expect(proxy.countOf('GetCallerIdentity')).toBe(1);
    } finally {
      checker.dispose();
    }
  });
});
