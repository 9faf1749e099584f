import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_ACCOUNT_ID, type MotoServer, motoClientConfig, startMoto } from '../../support/moto-server';
import { seedCell } from '../../support/seed-cell';
import { test as dashboardTest } from './fixtures';

export const CELL_REGION = 'eu-central-1';
export const ROLE_STACK = 'acme-gp-bootstrap';
export const INSTANCE_STACK = 'acme-gp-cell-prod';
export const ACCOUNT_ID = DEFAULT_ACCOUNT_ID;
export const PROFILE = 'acme-admin';

interface WorkerFixtures {
  /** moto with a seeded cell, shared by the tests of a worker: seeding takes a few seconds. */
  moto: MotoServer;
}

interface TestFixtures {
  /** An AWS home with one profile for moto, set in this process's env for the bridge's SDK. */
  awsHome: string;
}

/** Environment the SDK reads; cleared so the developer's own AWS setup never leaks in. */
const AWS_ENV = [
  'AWS_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_ENDPOINT_URL',
  'AWS_EC2_METADATA_DISABLED',
] as const;

/**
 * The dashboard fixtures plus a real CloudFormation emulator: the bridge's unmodified SDK
 * reaches moto through AWS_ENDPOINT_URL, as every AWS tool honours it.
 */
export const test = dashboardTest.extend<TestFixtures, WorkerFixtures>({
  moto: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this destructuring; it needs none.
    async ({}, use) => {
      const moto = await startMoto();
      const config = motoClientConfig(moto.endpoint, CELL_REGION);
      await seedCell(
        {
          cloudFormation: new CloudFormationClient(config),
          s3: new S3Client({ ...config, forcePathStyle: true }),
        },
        { roleStackName: ROLE_STACK, instanceStackName: INSTANCE_STACK },
      );
      await use(moto);
      await moto.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  awsHome: [
    async ({ moto }, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'dedicated-admin-e2e-aws-'));
      writeFileSync(join(dir, 'config'), `[profile ${PROFILE}]\nregion = ${CELL_REGION}\n`);
      writeFileSync(
        join(dir, 'credentials'),
        `[${PROFILE}]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = moto-does-not-check\n`,
      );
      const saved = new Map(AWS_ENV.map((name) => [name, process.env[name]]));
      for (const name of AWS_ENV) delete process.env[name];
      Object.assign(process.env, {
        AWS_CONFIG_FILE: join(dir, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
        AWS_ENDPOINT_URL: moto.endpoint,
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_PROFILE: PROFILE,
      });
      await use(dir);
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      rmSync(dir, { recursive: true, force: true });
    },
    // The bridge must start after the environment points at moto.
    { auto: true },
  ],
});

export { expect } from './fixtures';
