/**
 * The integration-test support itself: moto starts and stops, the fixtures are the templates they claim
 * to be, and seeding leaves a cell in moto that looks like one in a customer's account.
 */
import {
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
  GetTemplateSummaryCommand,
  ListStacksCommand,
  type Stack,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseTemplate } from '../../src/main/core/templates/parse-template';
import {
  CDK_STACK_PATH,
  FIXTURE_NAMES,
  loadFixture,
  ROLE_NAME,
  TEMPLATE_BODY_LIMIT_BYTES,
} from '../fixtures/templates/index.js';
import {
  credentialsForAccount,
  DEFAULT_ACCOUNT_ID,
  type MotoServer,
  motoClientConfig,
  type StaticCredentials,
  startMoto,
} from '../support/moto-server.js';
import { type SeedClients, seedCell, seedUnrelatedStack } from '../support/seed-cell.js';

const HOOK_TIMEOUT = 60_000;
const OTHER_ACCOUNT = '210987654321';

interface TemplateResource {
  readonly Type: string;
  readonly Metadata?: Record<string, unknown>;
  readonly Properties?: Record<string, unknown>;
}
interface Template {
  readonly Description?: string;
  readonly Parameters?: Record<string, { readonly NoEcho?: boolean }>;
  readonly Resources: Record<string, TemplateResource>;
  readonly Outputs?: Record<string, unknown>;
}

let moto: MotoServer;
const clientsToClose: Array<{ destroy(): void }> = [];

function clients(credentials?: StaticCredentials): SeedClients & { sts: STSClient } {
  const cloudFormation = new CloudFormationClient(
    motoClientConfig(moto.endpoint, 'us-east-1', { ...(credentials && { credentials }) }),
  );
  const s3 = new S3Client(
    motoClientConfig(moto.endpoint, 'us-east-1', {
      forcePathStyle: true,
      ...(credentials && { credentials }),
    }),
  );
  const sts = new STSClient(
    motoClientConfig(moto.endpoint, 'us-east-1', { ...(credentials && { credentials }) }),
  );
  clientsToClose.push(cloudFormation, s3, sts);
  return { cloudFormation, s3, sts };
}

async function stackOf(client: CloudFormationClient, name: string): Promise<Stack> {
  const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: name }));
  const stack = Stacks?.[0];
  if (!stack) throw new Error(`no stack ${name}`);
  return stack;
}

beforeAll(async () => {
  moto = await startMoto();
}, HOOK_TIMEOUT);

afterAll(async () => {
  for (const client of clientsToClose) client.destroy();
  await moto?.stop();
}, HOOK_TIMEOUT);

describe('startMoto', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('serves on a free local port', async () => {
    expect(moto.endpoint).toBe(`http://127.0.0.1:${moto.port}`);
    const response = await fetch(`${moto.endpoint}/moto-api/`);
    expect(response.ok).toBe(true);
  });

  it('acts as MOTO_ACCOUNT_ID for every request, and stops', { timeout: 30_000 }, async () => {
    const other = await startMoto({ accountId: OTHER_ACCOUNT });
    const sts = new STSClient(motoClientConfig(other.endpoint));
    const { Account } = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    expect(Account).toBe(OTHER_ACCOUNT);
    await other.stop();
    await expect(fetch(`${other.endpoint}/moto-api/`)).rejects.toThrow();
  });

  it('explains how to install moto when the interpreter lacks it', async () => {
    vi.stubEnv('MOTO_PYTHON', '/nonexistent/python3');
    await expect(startMoto()).rejects.toThrow(/pip install 'moto\[server\]==5\.2\.1'.*MOTO_PYTHON/s);
  });
});

describe('template fixtures', () => {
  const json = (name: 'role' | 'instance'): Template => JSON.parse(loadFixture(`${name}.json`)) as Template;

  it.each(['role', 'instance'] as const)('%s.yaml (short-form tags) says what %s.json says', (name) => {
    const yaml = loadFixture(`${name}.yaml`);
    expect(yaml).toMatch(/!Ref |!Sub |!GetAtt /);
    expect(parseTemplate(yaml)).toEqual(json(name));
  });

  it('role template creates the GitpodSetupAndInitialEKSUserAdmin role and hides the external id', () => {
    const role = json('role');
    expect(role.Description).toMatch(/Gitpod Dedicated infrastructure creation role/);
    const roles = Object.values(role.Resources).filter((resource) => resource.Type === 'AWS::IAM::Role');
    expect(roles.map((resource) => resource.Properties?.RoleName)).toEqual([ROLE_NAME]);
    expect(role.Parameters?.ExternalId?.NoEcho).toBe(true);
    expect(role.Outputs).toHaveProperty('RoleArn');
  });

  it('instance template is CDK output too large to send inline', () => {
    const bytes = Buffer.byteLength(loadFixture('instance.json'));
    expect(bytes).toBeGreaterThan(TEMPLATE_BODY_LIMIT_BYTES);
    expect(bytes).toBeLessThan(1_000_000);
    const resources = Object.entries(json('instance').Resources);
    expect(resources.length).toBeGreaterThan(100);
    for (const [logicalId, resource] of resources) {
      expect(resource.Metadata?.['aws:cdk:path'], logicalId).toMatch(new RegExp(`^${CDK_STACK_PATH}/`));
      if (logicalId !== 'CDKMetadata') expect(logicalId).toMatch(/^[A-Za-z0-9]+[0-9A-F]{8}$/);
    }
    expect(resources.some(([, resource]) => resource.Type === 'AWS::CDK::Metadata')).toBe(true);
  });

  it.each(FIXTURE_NAMES)('moto summarises %s', async (name) => {
    const { cloudFormation } = clients();
    const summary = await cloudFormation.send(
      new GetTemplateSummaryCommand({ TemplateBody: loadFixture(name) }),
    );
    expect(summary.ResourceTypes?.length).toBeGreaterThan(0);
    expect(summary.Parameters?.length).toBeGreaterThan(0);
  });

  // moto's ValidateTemplate runs cfn-lint, which takes ~5 s on the instance template, so only the role here.
  it.each(['role.json', 'role.yaml'] as const)('moto (cfn-lint) validates %s', async (name) => {
    const { cloudFormation } = clients();
    await expect(
      cloudFormation.send(new ValidateTemplateCommand({ TemplateBody: loadFixture(name) })),
    ).resolves.toBeDefined();
  });
});

describe('seedCell', () => {
  it('creates the role stack, then the instance stack running as its role', { timeout: 30_000 }, async () => {
    await moto.reset();
    const { cloudFormation, s3 } = clients();
    const cell = await seedCell(
      { cloudFormation, s3 },
      { roleStackName: 'acme-gp-bootstrap-role', instanceStackName: 'acme-gp-cell' },
    );
    await seedUnrelatedStack({ cloudFormation }, 'data-platform-notifications');

    const expectedRoleArn = `arn:aws:iam::${DEFAULT_ACCOUNT_ID}:role/${ROLE_NAME}`;
    expect(cell.roleArn).toBe(expectedRoleArn);
    expect(cell.instanceTemplateUrl).toMatch(new RegExp(`^http://localhost:${moto.port}/`));
    const role = await stackOf(cloudFormation, 'acme-gp-bootstrap-role');
    const instance = await stackOf(cloudFormation, 'acme-gp-cell');
    expect([role.StackId, role.StackStatus]).toEqual([cell.roleStackId, 'CREATE_COMPLETE']);
    expect([instance.StackId, instance.StackStatus]).toEqual([cell.instanceStackId, 'CREATE_COMPLETE']);
    expect(instance.RoleARN).toBe(expectedRoleArn);
    expect(role.RoleARN).toBeUndefined();
    expect(instance.Outputs?.find((output) => output.OutputKey === 'GitpodDomain')?.OutputValue).toBe(
      'gitpod.acme-corp.example.com',
    );

    const { TemplateBody } = await cloudFormation.send(new GetTemplateCommand({ StackName: 'acme-gp-cell' }));
    const deployed = JSON.parse(TemplateBody ?? '{}') as Template;
    const paths = Object.values(deployed.Resources).map((resource) => resource.Metadata?.['aws:cdk:path']);
    expect(paths.length).toBeGreaterThan(100);
    expect(paths.every((path) => typeof path === 'string' && path.startsWith(`${CDK_STACK_PATH}/`))).toBe(
      true,
    );

    const { StackSummaries } = await cloudFormation.send(new ListStacksCommand({}));
    expect(StackSummaries?.map((stack) => stack.StackName).sort()).toEqual([
      'acme-gp-bootstrap-role',
      'acme-gp-cell',
      'data-platform-notifications',
    ]);
  });

  it('seeds from the YAML templates', { timeout: 30_000 }, async () => {
    await moto.reset();
    const { cloudFormation, s3 } = clients();
    const cell = await seedCell(
      { cloudFormation, s3 },
      { roleStackName: 'gitpod-role', instanceStackName: 'gitpod-instance', format: 'yaml' },
    );
    expect((await stackOf(cloudFormation, cell.instanceStackId)).StackStatus).toBe('CREATE_COMPLETE');
    const { TemplateBody } = await cloudFormation.send(
      new GetTemplateCommand({ StackName: 'gitpod-instance' }),
    );
    expect(TemplateBody).toContain('!GetAtt ');
  });

  it('seeds a second account with credentials from credentialsForAccount', { timeout: 30_000 }, async () => {
    await moto.reset();
    const mine = clients();
    await seedCell(mine, { roleStackName: 'gitpod-role', instanceStackName: 'gitpod-instance' });

    const theirs = clients(await credentialsForAccount(moto.endpoint, OTHER_ACCOUNT));
    const { Account } = await theirs.sts.send(new GetCallerIdentityCommand({}));
    expect(Account).toBe(OTHER_ACCOUNT);
    // The same names and the same role name do not collide: it is another account.
    const cell = await seedCell(theirs, {
      roleStackName: 'gitpod-role',
      instanceStackName: 'gitpod-instance',
    });
    expect(cell.accountId).toBe(OTHER_ACCOUNT);
    expect(cell.instanceStackId).toContain(`:${OTHER_ACCOUNT}:stack/gitpod-instance/`);
    expect((await stackOf(theirs.cloudFormation, 'gitpod-instance')).RoleARN).toBe(
      `arn:aws:iam::${OTHER_ACCOUNT}:role/${ROLE_NAME}`,
    );
    expect((await stackOf(mine.cloudFormation, 'gitpod-instance')).StackId).toContain(
      `:${DEFAULT_ACCOUNT_ID}:`,
    );
  });
});
