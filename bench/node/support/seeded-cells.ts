/**
 * The AWS side of the node benches: one moto, the fault proxy in front of it (which counts every
 * call the app makes), and cells seeded the way a real Gitpod Dedicated cell looks. Each cell
 * lives in its own account, as real cells do: the role stack creates the IAM role
 * GitpodSetupAndInitialEKSUserAdmin, and one account cannot hold two roles of that name.
 */
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { type AwsClientOptions, type AwsClients, createAwsClients } from '../../../src/main/core/aws/clients';
import type { CellDraft } from '../../../src/shared/cells/cell';
import { type FaultProxy, startFaultProxy } from '../../../test/support/fault-proxy';
import {
  credentialsForAccount,
  type MotoServer,
  motoClientConfig,
  type StaticCredentials,
  startMoto,
} from '../../../test/support/moto-server';
import { type SeededCell, seedCell } from '../../../test/support/seed-cell';

export const BENCH_REGION = 'eu-central-1';

export interface BenchCell {
  /** What an admin enters in Settings → Cells; the profile names the account's credentials. */
  readonly draft: CellDraft & { readonly profile: string };
  readonly credentials: StaticCredentials;
  readonly seeded: SeededCell;
}

export interface BenchEndpoint {
  readonly moto: MotoServer;
  /** In front of moto: what the app talks to, and where its calls are counted. */
  readonly proxy: FaultProxy;
  close(): Promise<void>;
}

export async function startBenchEndpoint(): Promise<BenchEndpoint> {
  const moto = await startMoto();
  const proxy = await startFaultProxy(moto.endpoint);
  return {
    moto,
    proxy,
    async close() {
      await proxy.close();
      await moto.stop();
    },
  };
}

function accountIdOf(index: number): string {
  return String(210_000_000_000 + index);
}

function cellName(index: number): string {
  return `cell-${String(index + 1).padStart(2, '0')}`;
}

/**
 * Seeds cells `from` … `from + count - 1`, each in its own account, talking to moto directly so
 * the seeding never shows in the proxy's count. A few at a time: moto serves requests on
 * threads, and a seed is mostly waiting for it.
 */
export async function seedBenchCells(moto: MotoServer, count: number, from = 0): Promise<BenchCell[]> {
  const indexes = Array.from({ length: count }, (_, i) => from + i);
  const cells: BenchCell[] = [];
  const CONCURRENCY = 4;
  for (let start = 0; start < indexes.length; start += CONCURRENCY) {
    const batch = indexes.slice(start, start + CONCURRENCY);
    cells.push(...(await Promise.all(batch.map((index) => seedOne(moto, index)))));
  }
  return cells;
}

async function seedOne(moto: MotoServer, index: number): Promise<BenchCell> {
  const accountId = accountIdOf(index);
  const credentials = await credentialsForAccount(moto.endpoint, accountId, BENCH_REGION);
  const config = { ...motoClientConfig(moto.endpoint, BENCH_REGION), credentials, maxAttempts: 3 };
  const cloudFormation = new CloudFormationClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const name = cellName(index);
  try {
    const seeded = await seedCell(
      { cloudFormation, s3 },
      {
        roleStackName: `${name}-gitpod-access`,
        instanceStackName: `${name}-gitpod-main`,
        cellId: name.replace('-', ''),
      },
    );
    if (seeded.accountId !== accountId) {
      throw new Error(`cell ${name} landed in account ${seeded.accountId}, not ${accountId}`);
    }
    return {
      draft: {
        name,
        profile: `bench-${name}`,
        region: BENCH_REGION,
        accountId,
        roleStack: `${name}-gitpod-access`,
        instanceStack: `${name}-gitpod-main`,
      },
      credentials,
      seeded,
    };
  } finally {
    cloudFormation.destroy();
    s3.destroy();
  }
}

/**
 * The app's own AWS clients (createAwsClients: its retries, timeouts and adaptive rate
 * limiting), pointed at `endpoint`, with each cell's account credentials standing in for the
 * profile the admin would have in ~/.aws.
 */
export function benchClientFactory(
  endpoint: string,
  cells: readonly BenchCell[],
): (options: AwsClientOptions) => AwsClients {
  const byProfile = new Map(cells.map((cell) => [cell.draft.profile, cell.credentials]));
  return (options) => {
    const credentials = options.profile ? byProfile.get(options.profile) : undefined;
    if (!credentials) throw new Error(`no bench credentials for profile ${options.profile ?? '(none)'}`);
    return createAwsClients({ ...options, endpoint, credentials });
  };
}
