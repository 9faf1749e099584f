/**
 * The updates IPC channels end to end against moto: the real registry, handlers, CoreRuntime
 * and the unmodified SDK. Imports by file (exact bytes) and by s3:// address, the refusals,
 * snooze, the calendar file and removal, as the Updates view calls them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FileSettingsBackend } from '../../src/main/core/cells/settings-backend';
import { createMemoryLogger } from '../../src/main/core/log/logger';
import { cellsHandlerDeps, registerCellsHandlers } from '../../src/main/handlers/cells-handlers';
import { registerUpdatesHandlers } from '../../src/main/handlers/updates-handlers';
import { IpcRegistry } from '../../src/main/ipc/registry';
import { CoreRuntime } from '../../src/main/lifecycle/core-runtime';
import type { Result } from '../../src/shared/errors';
import type { ImportOutcome, UpdatesState } from '../../src/shared/updates/pending-update';
import { loadFixture } from '../fixtures/templates/index';
import type { AwsHome } from '../support/aws/aws-home';
import { useStaticProfile } from '../support/aws/static-profile';
import { DEFAULT_ACCOUNT_ID, type MotoServer, motoClientConfig, startMoto } from '../support/moto-server';
import { seedCell } from '../support/seed-cell';

const REGION = 'eu-west-1';
const ROLE_STACK = 'platform-bootstrap';
const INSTANCE_STACK = 'platform-main';
const BUCKET = 'acme-gitpod-updates';

let moto: MotoServer;
let home: AwsHome;
let dir: string;
let runtime: CoreRuntime;
let registry: IpcRegistry;
let saved: Array<{ name: string; text: string }>;
let cellId: string;

/** The role template with one more tag on the role: a different template of the same kind. */
const changedRole = loadFixture('role.yaml').replace(
  /(\n\s*Tags:\s*\n)/,
  '$1        - Key: gitpod:update\n          Value: v38\n',
);

beforeAll(async () => {
  moto = await startMoto();
  const config = motoClientConfig(moto.endpoint, REGION);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  await seedCell(
    { cloudFormation: new CloudFormationClient(config), s3 },
    { roleStackName: ROLE_STACK, instanceStackName: INSTANCE_STACK },
  );
  await s3.send(
    new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: REGION } }),
  );
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'v38/role.yaml', Body: changedRole }));
}, 90_000);

afterAll(async () => {
  await moto?.stop();
});

beforeEach(async () => {
  home = useStaticProfile({ profile: 'acme', region: REGION, endpoint: moto.endpoint });
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-updates-ipc-'));
  const logger = createMemoryLogger();
  saved = [];
  runtime = await CoreRuntime.open({
    settings: new FileSettingsBackend(join(dir, 'settings.json')),
    logger,
    notifier: { notify: () => true },
  });
  registry = new IpcRegistry(logger);
  registerCellsHandlers(registry, cellsHandlerDeps(runtime.cells, logger));
  registerUpdatesHandlers(registry, {
    updates: runtime.updates,
    cells: runtime.cells,
    saveFile: async (name, text) => {
      saved.push({ name, text });
      return { saved: true, path: join(dir, name) };
    },
  });
  const { cell } = await runtime.cells.add({
    name: 'prod',
    profile: 'acme',
    region: REGION,
    accountId: DEFAULT_ACCOUNT_ID,
    roleStack: ROLE_STACK,
    instanceStack: INSTANCE_STACK,
  });
  cellId = cell.id;
  await runtime.checkNow();
});

afterEach(async () => {
  runtime.dispose();
  vi.unstubAllEnvs();
  home.cleanup();
  await rm(dir, { recursive: true, force: true });
});

async function call<T>(channel: string, payload?: unknown): Promise<Result<T>> {
  return (await registry.dispatch(channel, payload)) as Result<T>;
}

async function value<T>(channel: string, payload?: unknown): Promise<T> {
  const result = await call<T>(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function file(name: string, text: string) {
  return { kind: 'file' as const, name, contentBase64: Buffer.from(text, 'utf8').toString('base64') };
}

describe('updates over IPC against moto', () => {
  it('reports an imported file identical to the deployed role template as already applied', async () => {
    const outcome = await value<ImportOutcome>('updates:import', {
      cellId,
      meta: { label: 'Infrastructure Update v36' },
      sources: [file('role.json', loadFixture('role.json'))],
    });
    expect(outcome.status).toBe('already-applied');
    expect(outcome.templates[0]).toMatchObject({ kind: 'role', stackName: ROLE_STACK, applied: true });
    const state = await value<UpdatesState>('updates:list');
    expect(state.cells.flatMap((c) => c.pending)).toEqual([]);
  });

  it('imports a changed template from an s3:// address as pending for the role stack, with its sha256', async () => {
    const outcome = await value<ImportOutcome>('updates:import', {
      cellId,
      meta: { label: 'Infrastructure Update v38', releasedAt: '2026-11-20' },
      sources: [{ kind: 'address', address: `s3://${BUCKET}/v38/role.yaml` }],
    });
    expect(outcome.status).toBe('pending');
    expect(outcome.templates[0]).toMatchObject({ kind: 'role', stackName: ROLE_STACK, applied: false });
    expect(outcome.update?.deadline).toBe('2026-12-04T00:00:00.000Z');
    const { createHash } = await import('node:crypto');
    expect(outcome.templates[0]?.sha256).toBe(createHash('sha256').update(changedRole).digest('hex'));
  });

  it('refuses an http:// address and a file that is not a template, and stores nothing', async () => {
    const insecure = await call('updates:import', {
      cellId,
      meta: { label: 'v39' },
      sources: [{ kind: 'address', address: `http://example.com/role.yaml` }],
    });
    expect(insecure).toMatchObject({ ok: false, error: { code: 'import-insecure-url' } });
    const notTemplate = await call('updates:import', {
      cellId,
      meta: { label: 'v39' },
      sources: [file('notes.json', '{"hello": "world"}')],
    });
    expect(notTemplate).toMatchObject({ ok: false, error: { code: 'not-a-template' } });
    expect((await value<UpdatesState>('updates:list')).cells.flatMap((c) => c.pending)).toEqual([]);
  });

  it('snoozes, saves a calendar event at the deadline, and removes an imported update', async () => {
    const outcome = await value<ImportOutcome>('updates:import', {
      cellId,
      meta: { label: 'Infrastructure Update v38' },
      sources: [file('role-v38.yaml', changedRole)],
    });
    const id = outcome.update?.id ?? '';
    const until = new Date(Date.now() + 86_400_000).toISOString();
    const snoozed = await value<UpdatesState>('updates:snooze', { id, until });
    expect(snoozed.cells[0]?.pending[0]?.snoozedUntil).toBe(until);

    const calendar = await value<{ saved: boolean; path?: string }>('updates:save-calendar', { id });
    expect(calendar.saved).toBe(true);
    expect(saved[0]?.text).toContain('BEGIN:VCALENDAR');
    expect(saved[0]?.text).toContain('Infrastructure Update v38');

    const removed = await value<UpdatesState>('updates:remove-import', { id });
    expect(removed.cells.flatMap((c) => c.pending)).toEqual([]);
  });

  it('rejects malformed import requests before any handler runs', async () => {
    for (const payload of [
      { cellId, meta: { label: 'v1' }, sources: [] },
      { cellId, meta: { label: '' }, sources: [file('a.json', '{}')] },
      { cellId, meta: { label: 'v1', changelogUrl: 'http://x.example' }, sources: [file('a.json', '{}')] },
      { cellId, meta: { label: 'v1' }, sources: [{ kind: 'file', name: 'a', contentBase64: 'not base64!' }] },
      { cellId: 'nope', meta: { label: 'v1' }, sources: [file('a.json', '{}')] },
    ]) {
      expect(await call('updates:import', payload)).toMatchObject({
        ok: false,
        error: { code: 'invalid-request' },
      });
    }
  });
});
