/**
 * A seeded cell in moto behind the fault proxy, with a vendor change set pending on its role
 * stack, and the app's core (CoreRuntime: cells, updates, tray status, refresh scheduler) checking
 * it through the fault proxy, for the fault matrix's status-refresh phase.
 *
 * What the app shows is read where the dashboard and the tray read it (cells state, updates
 * state, status snapshot) and compared with what moto says directly, so a fault that made the app
 * show another stack status, or the pending update as gone, is counted as a wrong status.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { createAwsClients } from '../../../src/main/core/aws/clients';
import { CellChecker } from '../../../src/main/core/cells/cell-checker';
import { FileSettingsBackend } from '../../../src/main/core/cells/settings-backend';
import { createMemoryLogger } from '../../../src/main/core/log/logger';
import type { AppNotification } from '../../../src/main/core/notify/notifier';
import { CoreRuntime } from '../../../src/main/lifecycle/core-runtime';
import type { Cell } from '../../../src/shared/cells/cell';
import type { CellCheck } from '../../../src/shared/cells/cell-check';
import type { AppError } from '../../../src/shared/errors';
import type { CellSummary } from '../../../src/shared/status';
import { changedRoleTemplate } from '../../fixtures/templates/index';
import { type FaultProxy, startFaultProxy } from '../../support/fault-proxy';
import { DEFAULT_ACCOUNT_ID, type MotoServer, motoClientConfig, startMoto } from '../../support/moto-server';
import { seedCell } from '../../support/seed-cell';
import { STATUS_TIMING } from './fault-cases';
import type { ScaledTimers } from './scaled-timers';

/** The vendor's release waiting on the role stack, as the Updates view and the tray name it. */
export const PENDING_LABEL = 'Infrastructure Update v40';

export interface StatusWorld {
  readonly moto: MotoServer;
  readonly proxy: FaultProxy;
  readonly direct: CloudFormationClient;
  readonly cell: Cell;
  readonly dir: string;
  stop(): Promise<void>;
}

export async function startStatusWorld(region: string): Promise<StatusWorld> {
  const moto = await startMoto();
  const proxy = await startFaultProxy(moto.endpoint);
  const config = motoClientConfig(moto.endpoint, region);
  const direct = new CloudFormationClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const roleStack = 'acme-gitpod-bootstrap';
  const instanceStack = 'acme-gitpod-cell';
  await seedCell(
    { cloudFormation: direct, s3 },
    { roleStackName: roleStack, instanceStackName: instanceStack },
  );
  s3.destroy();
  await direct.send(
    new CreateChangeSetCommand({
      StackName: roleStack,
      ChangeSetName: 'gitpod-infrastructure-update-v40',
      ChangeSetType: 'UPDATE',
      Description: PENDING_LABEL,
      TemplateBody: changedRoleTemplate('v40'),
      Parameters: [{ ParameterKey: 'ExternalId', UsePreviousValue: true }],
      Capabilities: ['CAPABILITY_NAMED_IAM'],
    }),
  );
  const dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-status-faults-'));
  return {
    moto,
    proxy,
    direct,
    cell: {
      id: '2c9e4f1a-7b3d-4a5e-8f6c-0d1e2f3a4b5c',
      name: 'prod',
      profile: 'acme',
      region,
      accountId: DEFAULT_ACCOUNT_ID,
      roleStack,
      instanceStack,
    },
    dir,
    async stop() {
      direct.destroy();
      await rm(dir, { recursive: true, force: true });
      await proxy.close();
      await moto.stop();
    },
  };
}

export interface StatusApp {
  readonly runtime: CoreRuntime;
  /** The checker inside the runtime: `forget` makes the next check read the templates again. */
  readonly checker: CellChecker;
  readonly notifications: AppNotification[];
}

/**
 * The app's core over a fresh settings folder, its checker's clients the app's own
 * (createAwsClients) pointed at the proxy with the matrix's short request timeout. Fresh per
 * case: the SDK's retry quota and adaptive rate limiter live in the clients.
 */
export async function openStatusApp(world: StatusWorld, timers: ScaledTimers): Promise<StatusApp> {
  const dir = await mkdtemp(join(world.dir, 'case-'));
  const settingsPath = join(dir, 'settings.json');
  await writeFile(settingsPath, JSON.stringify({ version: 1, cells: [world.cell] }));
  const credentials = motoClientConfig(world.moto.endpoint).credentials;
  const checker = new CellChecker(
    (options) =>
      createAwsClients({
        ...options,
        endpoint: world.proxy.endpoint,
        credentials,
        requestTimeoutMs: STATUS_TIMING.requestTimeoutMs,
      }),
    { now: () => new Date(timers.now()) },
  );
  const notifications: AppNotification[] = [];
  const runtime = await CoreRuntime.open({
    settings: new FileSettingsBackend(settingsPath),
    logger: createMemoryLogger(),
    notifier: {
      notify: (notification) => {
        notifications.push(notification);
        return true;
      },
    },
    timers,
    checker,
  });
  return { runtime, checker, notifications };
}

/** The cell's stacks as moto has them: name → status. */
export async function motoStatuses(world: StatusWorld): Promise<Map<string, string>> {
  const statuses = new Map<string, string>();
  for (const name of [world.cell.roleStack, world.cell.instanceStack]) {
    if (!name) continue;
    const { Stacks } = await world.direct.send(new DescribeStacksCommand({ StackName: name }));
    statuses.set(name, Stacks?.[0]?.StackStatus ?? 'NOT_FOUND');
  }
  return statuses;
}

/** What the app shows for the cell: the dashboard's check, the Updates view, the tray line. */
export interface Shown {
  readonly check: CellCheck | null;
  readonly errors: readonly AppError[];
  readonly pendingLabels: readonly string[];
  readonly historyLabels: readonly string[];
  readonly tray: CellSummary | undefined;
}

export function shownBy(app: StatusApp, cellId: string): Shown {
  const { runtime } = app;
  const view = runtime.cells.state().cells.find((entry) => entry.cell.id === cellId);
  const updates = runtime.updates.state();
  const cellName = view?.cell.name;
  return {
    check: view?.check ?? null,
    errors: view?.check?.errors ?? [],
    pendingLabels: (updates.cells.find((c) => c.cellId === cellId)?.pending ?? []).map((p) => p.label),
    historyLabels: updates.history.filter((h) => h.cellId === cellId).map((h) => h.label),
    tray: runtime.status.snapshot().cells.find((c) => c.name === cellName),
  };
}

/**
 * How what is shown contradicts moto, in words (empty when it does not): a stack status moto does
 * not have, a failed check shown as fine, and, once the app has seen the pending update
 * (`updateKnown`), that update missing or moved to the history. Before its first good check the
 * app cannot know of the update; it must then not call the cell fine either.
 */
export function contradictions(
  shown: Shown,
  truth: ReadonlyMap<string, string>,
  options: { readonly updateKnown: boolean },
): string[] {
  const found: string[] = [];
  for (const stack of shown.check?.stacks ?? []) {
    const real = truth.get(stack.name);
    if (stack.status !== real) found.push(`${stack.name} shown ${stack.status}, moto has ${real}`);
  }
  if (shown.errors.length === 0 && (shown.check?.stacks.length ?? 0) !== truth.size) {
    found.push('a check without errors is missing stacks');
  }
  if (options.updateKnown && !shown.pendingLabels.includes(PENDING_LABEL)) {
    found.push('the pending update is not shown');
  }
  if (shown.historyLabels.includes(PENDING_LABEL)) found.push('the pending update is shown as applied');
  if (
    shown.errors.length > 0 &&
    (shown.tray?.state === 'ok' || /stacks stable/.test(shown.tray?.line ?? ''))
  ) {
    found.push(`a failed check is shown as fine in the tray: ${shown.tray?.line}`);
  }
  return found;
}
