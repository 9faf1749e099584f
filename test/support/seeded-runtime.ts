/**
 * The world most integration tests need: moto with a seeded cell (role and instance stacks), a
 * static-key AWS profile pointing at it, a settings file naming the cell, and (startSeededRuntime)
 * the app's CoreRuntime opened on it, with notifications recorded. Tests add what they need through
 * `runtime` options (tokens, live-status HTTPS options, clients) and stop it all with `close()`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { FileSettingsBackend } from '../../src/main/core/cells/settings-backend';
import { createMemoryLogger, type MemoryLogger } from '../../src/main/core/log/logger';
import type { AppNotification } from '../../src/main/core/notify/notifier';
import { CoreRuntime, type CoreRuntimeOptions } from '../../src/main/lifecycle/core-runtime';
import type { Cell } from '../../src/shared/cells/cell';
import type { AwsHome } from './aws/aws-home';
// Not a React hook, whatever its name says: an alias keeps the linter's hook rules off it.
import { useStaticProfile as staticProfile } from './aws/static-profile';
import { DEFAULT_ACCOUNT_ID, type MotoServer, motoClientConfig, startMoto } from './moto-server';
import { seedCell } from './seed-cell';

export interface SeededCellOptions {
  readonly region?: string;
  /** Extra cell fields (domain, organizationId…); id, stacks and account are the seeded ones. */
  readonly cell?: Partial<Cell>;
}

export interface SeededRuntimeOptions extends SeededCellOptions {
  /** CoreRuntime options beyond settings, logger and notifier. */
  readonly runtime?: Omit<CoreRuntimeOptions, 'settings' | 'logger' | 'notifier'>;
}

/** moto with the seeded cell, its profile (AWS_ENDPOINT_URL at moto) and a settings file naming it. */
export interface SeededWorld {
  readonly moto: MotoServer;
  readonly cell: Cell;
  readonly dir: string;
  readonly settingsPath: string;
  /** The vendor's view of the account (to create change sets, read templates). */
  readonly vendor: CloudFormationClient;
  readonly s3: S3Client;
  close(): Promise<void>;
}

export interface SeededRuntime extends SeededWorld {
  readonly runtime: CoreRuntime;
  readonly logger: MemoryLogger;
  readonly notifications: AppNotification[];
}

export async function startSeededWorld(options: SeededCellOptions = {}): Promise<SeededWorld> {
  const region = options.region ?? 'eu-west-1';
  const moto = await startMoto();
  const config = motoClientConfig(moto.endpoint, region);
  const vendor = new CloudFormationClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const cell: Cell = {
    id: '7d1c0e9b-2a3f-4b5c-8d6e-9f0a1b2c3d4e',
    name: 'prod',
    profile: 'acme',
    region,
    accountId: DEFAULT_ACCOUNT_ID,
    roleStack: 'acme-gitpod-role',
    instanceStack: 'acme-gitpod-instance',
    ...options.cell,
  };
  let home: AwsHome | undefined;
  let dir: string | undefined;
  const close = async (): Promise<void> => {
    vendor.destroy();
    s3.destroy();
    home?.cleanup();
    if (dir) await rm(dir, { recursive: true, force: true });
    await moto.stop();
  };
  try {
    await seedCell(
      { cloudFormation: vendor, s3 },
      { roleStackName: cell.roleStack as string, instanceStackName: cell.instanceStack as string },
    );
    home = staticProfile({ profile: cell.profile ?? 'acme', region, endpoint: moto.endpoint });
    dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-seeded-'));
    const settingsPath = join(dir, 'settings.json');
    await writeFile(settingsPath, JSON.stringify({ version: 1, cells: [cell] }));
    return { moto, cell, dir, settingsPath, vendor, s3, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function startSeededRuntime(options: SeededRuntimeOptions = {}): Promise<SeededRuntime> {
  const world = await startSeededWorld(options);
  const logger = createMemoryLogger();
  const notifications: AppNotification[] = [];
  try {
    const runtime = await CoreRuntime.open({
      ...options.runtime,
      settings: new FileSettingsBackend(world.settingsPath),
      logger,
      notifier: {
        notify: (notification) => {
          notifications.push(notification);
          return true;
        },
      },
    });
    return {
      ...world,
      runtime,
      logger,
      notifications,
      close: async () => {
        runtime.dispose();
        await world.close();
      },
    };
  } catch (error) {
    await world.close();
    throw error;
  }
}
