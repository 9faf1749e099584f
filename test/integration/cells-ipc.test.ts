/**
 * The cells IPC channels end to end, against moto: the real registry validates each request,
 * the real handlers and CellsService run, and the unmodified SDK talks HTTP to the emulator.
 * This is what the dashboard's setup wizard and Overview call.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CellChecker } from '../../src/main/core/cells/cell-checker';
import { CellsService } from '../../src/main/core/cells/cells-service';
import { FileSettingsBackend } from '../../src/main/core/cells/settings-backend';
import { SettingsRepository } from '../../src/main/core/cells/settings-repository';
import { createMemoryLogger } from '../../src/main/core/log/logger';
import { cellsHandlerDeps, registerCellsHandlers } from '../../src/main/handlers/cells-handlers';
import { IpcRegistry } from '../../src/main/ipc/registry';
import type { CellsState } from '../../src/shared/cells/cells-state';
import type { DiscoveryReport } from '../../src/shared/cells/discovery';
import type { AwsSetup } from '../../src/shared/cells/profiles';
import type { StackEvents } from '../../src/shared/cells/stack-events';
import type { Result } from '../../src/shared/errors';
import type { AwsHome } from '../support/aws/aws-home';
import { useStaticProfile } from '../support/aws/static-profile';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { DEFAULT_ACCOUNT_ID, type MotoServer, motoClientConfig, startMoto } from '../support/moto-server';
import { seedCell } from '../support/seed-cell';

const REGION = 'eu-west-1';
const ROLE_STACK = 'platform-bootstrap';
const INSTANCE_STACK = 'platform-main';

let moto: MotoServer;
let proxy: FaultProxy;
let home: AwsHome;
let settingsDir: string;
let cells: CellsService;
let registry: IpcRegistry;

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto.endpoint);
  const config = motoClientConfig(moto.endpoint, REGION);
  await seedCell(
    {
      cloudFormation: new CloudFormationClient(config),
      s3: new S3Client({ ...config, forcePathStyle: true }),
    },
    { roleStackName: ROLE_STACK, instanceStackName: INSTANCE_STACK },
  );
}, 90_000);

afterAll(async () => {
  await proxy?.close();
  await moto?.stop();
});

beforeEach(async () => {
  home = useStaticProfile({ profile: 'acme', region: REGION, endpoint: proxy.endpoint });
  // A second profile, signed in through IAM Identity Center, for the profile listing.
  home.writeConfig(`[profile acme]\nregion = ${REGION}\n\n[profile sso-user]\nsso_session = corp\n`);
  proxy.clear();
  settingsDir = await mkdtemp(join(tmpdir(), 'dedicated-admin-ipc-'));
  const logger = createMemoryLogger();
  const repository = await SettingsRepository.open(
    new FileSettingsBackend(join(settingsDir, 'settings.json')),
    logger,
  );
  cells = new CellsService(repository, new CellChecker());
  registry = new IpcRegistry(logger);
  registerCellsHandlers(registry, cellsHandlerDeps(cells, logger));
});

afterEach(async () => {
  cells.dispose();
  vi.unstubAllEnvs();
  home.cleanup();
  await rm(settingsDir, { recursive: true, force: true });
});

async function call<T>(channel: string, payload?: unknown): Promise<T> {
  const result = (await registry.dispatch(channel, payload)) as Result<T>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Waits for the background check a save starts. */
async function settled(): Promise<CellsState> {
  await vi.waitFor(() => expect(cells.state().cells.every((view) => !view.checking)).toBe(true));
  return cells.state();
}

describe('cells over IPC against moto', () => {
  it('offers the profiles of the AWS files with their kinds, and the region they set, without secrets', async () => {
    const setup = await call<AwsSetup>('aws:get-setup');
    expect(setup.profiles.map((p) => [p.name, p.kind])).toEqual([
      ['acme', 'static'],
      ['sso-user', 'sso-session'],
    ]);
    expect(setup.configFile).toBe(home.configFile);
    expect(JSON.stringify(setup)).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(JSON.stringify(setup)).not.toContain('moto-does-not-check');
  });

  it('walks the setup: discover, add, and the background check reports both stacks', async () => {
    const found = await call<DiscoveryReport>('cells:discover', { profile: 'acme', region: REGION });
    expect(found.account).toBe(DEFAULT_ACCOUNT_ID);
    expect(found.suggested).toEqual({ role: ROLE_STACK, instance: INSTANCE_STACK });

    const added = await call<CellsState>('cells:add', {
      name: 'prod',
      profile: 'acme',
      region: REGION,
      accountId: found.account,
      roleStack: found.suggested.role,
      instanceStack: found.suggested.instance,
      domain: 'gitpod.acme.example',
    });
    expect(added.cells).toHaveLength(1);
    expect(added.cells[0]?.cell.domain).toBe('gitpod.acme.example');

    const state = await settled();
    const check = state.cells[0]?.check;
    expect(check?.errors).toEqual([]);
    expect(check?.stacks.map((s) => [s.kind, s.name, s.status])).toEqual([
      ['role', ROLE_STACK, 'CREATE_COMPLETE'],
      ['instance', INSTANCE_STACK, 'CREATE_COMPLETE'],
    ]);
    const saved = JSON.parse(await readFile(join(settingsDir, 'settings.json'), 'utf8')) as unknown;
    expect(JSON.stringify(saved)).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it("shows a stack's recent events on demand, newest first, with one DescribeStackEvents call", async () => {
    await call('cells:add', {
      name: 'prod',
      profile: 'acme',
      region: REGION,
      accountId: DEFAULT_ACCOUNT_ID,
      instanceStack: INSTANCE_STACK,
    });
    const id = (await settled()).cells[0]?.cell.id;
    proxy.clear();
    const events = await call<StackEvents>('cells:events', { id, kind: 'instance' });
    expect(events.stackName).toBe(INSTANCE_STACK);
    expect(events.events.length).toBeGreaterThan(0);
    expect(events.events.some((e) => e.status === 'CREATE_COMPLETE')).toBe(true);
    const times = events.events.map((e) => e.timestamp);
    expect([...times].sort().reverse()).toEqual(times);
    expect(proxy.countOf('DescribeStackEvents')).toBe(1);
    expect(proxy.countOf('DescribeStacks')).toBe(0);
  });

  it('refuses events and checks for a cell saved with another account, naming both ids', async () => {
    await call('cells:add', {
      name: 'staging',
      profile: 'acme',
      region: REGION,
      accountId: '222233334444',
      instanceStack: INSTANCE_STACK,
    });
    const state = await settled();
    const [error] = state.cells[0]?.check?.errors ?? [];
    expect(error?.code).toBe('wrong-account');
    expect(error?.message).toContain('222233334444');
    expect(error?.message).toContain(DEFAULT_ACCOUNT_ID);

    const events = await registry.dispatch('cells:events', { id: state.cells[0]?.cell.id, kind: 'instance' });
    expect(events).toMatchObject({ ok: false, error: { code: 'wrong-account' } });
    expect(proxy.countOf('DescribeStacks')).toBe(0);
    expect(proxy.countOf('DescribeStackEvents')).toBe(0);
  });

  it('reports discovery in an account without a cell as empty, not as an error', async () => {
    const found = await call<DiscoveryReport>('cells:discover', { profile: 'acme', region: 'us-west-2' });
    expect(found.candidates).toEqual([]);
    expect(found.suggested).toEqual({});
  });

  it('rejects a malformed cell before any handler runs: http domain, no stack, bad account id', async () => {
    const base = { name: 'prod', region: REGION, accountId: DEFAULT_ACCOUNT_ID, instanceStack: 'x' };
    for (const payload of [
      { ...base, domain: 'http://gitpod.acme.example' },
      { name: 'prod', region: REGION, accountId: DEFAULT_ACCOUNT_ID },
      { ...base, accountId: '1234' },
      { ...base, id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f' },
    ]) {
      const result = await registry.dispatch('cells:add', payload);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(cells.state().cells).toEqual([]);
  });

  it('edits and removes a cell, keeping its id, and never calls AWS to change anything', async () => {
    const added = await call<CellsState>('cells:add', {
      name: 'prod',
      profile: 'acme',
      region: REGION,
      accountId: DEFAULT_ACCOUNT_ID,
      instanceStack: INSTANCE_STACK,
    });
    const cell = added.cells[0]?.cell;
    await settled();
    const updated = await call<CellsState>('cells:update', {
      ...cell,
      name: 'production',
      roleStack: ROLE_STACK,
    });
    expect(updated.cells.map((v) => [v.cell.id, v.cell.name])).toEqual([[cell?.id, 'production']]);
    const after = await settled();
    expect(after.cells[0]?.check?.stacks.map((s) => s.kind)).toEqual(['role', 'instance']);
    const removed = await call<CellsState>('cells:remove', { id: cell?.id });
    expect(removed.cells).toEqual([]);
    const mutating = proxy.calls.filter((c) => !/^(Describe|Get|List)/.test(c.action));
    expect(mutating).toEqual([]);
  });
});
