/**
 * Issue 5's preflight, template delivery and review against moto, through the unmodified SDK:
 * the checks pass on a seeded cell; a role template offered to the instance stack is refused;
 * an instance template over 51,200 bytes is staged in an encrypted, private S3 bucket and a
 * change set created from its TemplateURL reaches CREATE_COMPLETE; that change set's review
 * reads moto's real DescribeChangeSet reply.
 *
 * The tests share one moto and one seeded cell and run in order: the review reads the change
 * set the delivery test created. What moto cannot show (stacks in progress, IAM denied, drift,
 * CloudFormation's capability answers) is covered by the scripted-SDK unit tests next to the code.
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DescribeChangeSetCommand,
  GetTemplateCommand,
  waitUntilChangeSetCreateComplete,
} from '@aws-sdk/client-cloudformation';
import {
  GetBucketEncryptionCommand,
  GetObjectCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreflight } from '../../src/main/core/apply/preflight/run-preflight';
import { readChangeSetReview, reviewToMarkdown } from '../../src/main/core/apply/review/read-review';
import { createAwsClients } from '../../src/main/core/aws/clients';
import { getCallerIdentity } from '../../src/main/core/aws/identity';
import { sha256Hex } from '../../src/main/core/templates/canonical';
import { preflightReportSchema } from '../../src/shared/apply/preflight';
import { changeSetReviewSchema } from '../../src/shared/apply/review';
import type { Cell } from '../../src/shared/cells/cell';
import { loadFixture, TEMPLATE_BODY_LIMIT_BYTES } from '../fixtures/templates/index';
import { DEFAULT_ACCOUNT_ID, type MotoServer, motoClientConfig, startMoto } from '../support/moto-server';
import { type SeededCell, seedCell } from '../support/seed-cell';

const REGION = 'eu-west-2';
const ROLE_STACK = 'acme-gitpod-role';
const INSTANCE_STACK = 'acme-gitpod-instance';
const CELL: Cell = {
  id: '7a6b5c4d-3e2f-4a1b-9c8d-7e6f5a4b3c2d',
  name: 'prod',
  region: REGION,
  accountId: DEFAULT_ACCOUNT_ID,
  roleStack: ROLE_STACK,
  instanceStack: INSTANCE_STACK,
};

let moto: MotoServer;
let seeded: SeededCell;
let vendor: CloudFormationClient;
let s3: S3Client;
let clients: ReturnType<typeof createAwsClients>;
let identity: { account: string; arn: string };
let changeSetId: string;
let instanceBody: string;

beforeAll(async () => {
  moto = await startMoto();
  const config = motoClientConfig(moto.endpoint, REGION);
  vendor = new CloudFormationClient(config);
  s3 = new S3Client({ ...config, forcePathStyle: true });
  seeded = await seedCell(
    { cloudFormation: vendor, s3 },
    { roleStackName: ROLE_STACK, instanceStackName: INSTANCE_STACK },
  );
  // The app's own clients, as createAwsClients makes them, pointed at moto.
  clients = createAwsClients({
    region: REGION,
    endpoint: moto.endpoint,
    credentials: config.credentials,
    maxAttempts: 1,
  });
  identity = await getCallerIdentity(clients.sts);
}, 90_000);

afterAll(async () => {
  clients?.destroy();
  vendor?.destroy();
  s3?.destroy();
  await moto?.stop();
});

/** A template the way the vendor sends the next version: the same one with a changed description. */
function nextVersion(fixture: 'role.json' | 'instance.json', extra: Record<string, unknown> = {}): string {
  const template = JSON.parse(loadFixture(fixture)) as {
    Description?: string;
    Resources: Record<string, unknown>;
  };
  template.Description = `${template.Description ?? ''} (v38)`;
  Object.assign(template.Resources, extra);
  return JSON.stringify(template, null, 2);
}

describe('apply checks, template delivery and review against moto', () => {
  it('passes the checks for the role stack of a seeded cell', async () => {
    const body = nextVersion('role.json');
    const report = await runPreflight(clients, {
      cell: CELL,
      identity,
      stack: { kind: 'role', stackName: ROLE_STACK },
      source: { kind: 'template', body, sha256: sha256Hex(body) },
    });
    expect(preflightReportSchema.parse(report)).toEqual(report);
    expect(report.checks.map((check) => [check.id, check.outcome])).toEqual([
      ['credentials', 'passed'],
      ['stack-state', 'passed'],
      ['execution-role', 'passed'],
      ['template-valid', 'passed'],
      ['template-kind', 'passed'],
      ['parameters', 'passed'],
      ['capabilities', 'warning'],
      ['template-size', 'passed'],
      ['other-change-sets', 'passed'],
    ]);
    expect(report.canProceed).toBe(true);
    expect(report.executionRoleArn).toBe(seeded.roleArn);
    expect(report.stackId).toBe(seeded.roleStackId);
    expect(report.delivery).toBe('inline');
    expect(report.parameters).toContainEqual({ ParameterKey: 'ExternalId', UsePreviousValue: true });
    expect(report.secretParameterKeys).toEqual(['ExternalId']);
    expect(report.capabilities).toContain('CAPABILITY_NAMED_IAM');
    expect(report.capabilityResources).toContainEqual({
      logicalId: 'GitpodSetupAndInitialEKSUserAdmin',
      type: 'AWS::IAM::Role',
      named: true,
    });
  }, 30_000);

  it('refuses the role template for the instance stack, and stages nothing', async () => {
    const body = nextVersion('role.json');
    const report = await runPreflight(clients, {
      cell: CELL,
      identity,
      stack: { kind: 'instance', stackName: INSTANCE_STACK },
      source: { kind: 'template', body, sha256: sha256Hex(body) },
    });
    const kind = report.checks.find((check) => check.id === 'template-kind');
    expect(kind?.outcome).toBe('blocking');
    expect(kind?.reason).toContain('is the role template');
    expect(report.canProceed).toBe(false);
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect((Buckets ?? []).map((bucket) => bucket.Name)).not.toContain(
      `dedicated-admin-templates-${DEFAULT_ACCOUNT_ID}-${REGION}`,
    );
  }, 30_000);

  it('stages a template over 51,200 bytes in a private, encrypted bucket; a change set from its URL completes', async () => {
    instanceBody = nextVersion('instance.json', {
      ReleaseNotesTopic: {
        Type: 'AWS::SNS::Topic',
        Properties: { DisplayName: 'gitpod-release-notes' },
        Metadata: { 'aws:cdk:path': 'gitpod-cell/ReleaseNotesTopic/Resource' },
      },
    });
    expect(Buffer.byteLength(instanceBody)).toBeGreaterThan(TEMPLATE_BODY_LIMIT_BYTES);
    const report = await runPreflight(clients, {
      cell: CELL,
      identity,
      stack: { kind: 'instance', stackName: INSTANCE_STACK },
      source: { kind: 'template', body: instanceBody, sha256: sha256Hex(instanceBody) },
    });
    expect(report.checks.filter((check) => check.outcome === 'blocking')).toEqual([]);
    expect(report.delivery).toBe('s3');
    const bucket = `dedicated-admin-templates-${DEFAULT_ACCOUNT_ID}-${REGION}`;
    const key = `templates/${sha256Hex(instanceBody)}.json`;
    // The AWS form of the URL: moto reads the bucket from the host and the key from the path.
    expect(report.templateUrl).toBe(`https://${bucket}.s3.${REGION}.amazonaws.com/${key}`);

    const encryption = await s3.send(new GetBucketEncryptionCommand({ Bucket: bucket }));
    expect(
      encryption.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault,
    ).toEqual({
      SSEAlgorithm: 'AES256',
    });
    const block = await s3.send(new GetPublicAccessBlockCommand({ Bucket: bucket }));
    expect(block.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(await object.Body?.transformToString()).toBe(instanceBody);

    const created = await clients.cloudFormation.send(
      new CreateChangeSetCommand({
        // By name: moto's CreateChangeSet (UPDATE) looks stacks up by name only, not by ARN.
        StackName: INSTANCE_STACK,
        ChangeSetName: 'dedicated-admin-v38',
        ChangeSetType: 'UPDATE',
        TemplateURL: report.templateUrl,
        Parameters: report.parameters,
        Capabilities: report.capabilities,
        RoleARN: report.executionRoleArn ?? undefined,
        Tags: report.stackTags,
      }),
    );
    changeSetId = created.Id ?? '';
    await waitUntilChangeSetCreateComplete(
      { client: clients.cloudFormation, maxWaitTime: 30, minDelay: 1, maxDelay: 2 },
      { ChangeSetName: changeSetId },
    );
    const described = await clients.cloudFormation.send(
      new DescribeChangeSetCommand({ ChangeSetName: changeSetId }),
    );
    expect([described.Status, described.ExecutionStatus]).toEqual(['CREATE_COMPLETE', 'AVAILABLE']);
  }, 60_000);

  // moto's GetTemplate ignores ChangeSetName and returns the stack's template, so the kind
  // check reads the deployed instance template here; the unit tests cover the real reply.
  it("passes the checks for that change set as a vendor's pre-created one", async () => {
    const report = await runPreflight(clients, {
      cell: CELL,
      identity,
      stack: { kind: 'instance', stackName: INSTANCE_STACK },
      source: { kind: 'change-set', changeSetId },
    });
    expect(report.checks.find((check) => check.id === 'change-set')?.outcome).toBe('passed');
    expect(report.checks.find((check) => check.id === 'template-kind')?.outcome).toBe('passed');
    expect(report.canProceed).toBe(true);
    expect(report.otherChangeSets).toEqual([]);
  }, 30_000);

  it('reviews the change set moto created', async () => {
    const deployed = await clients.cloudFormation.send(new GetTemplateCommand({ StackName: INSTANCE_STACK }));
    const review = await readChangeSetReview(clients.cloudFormation, {
      stackName: INSTANCE_STACK,
      changeSetId,
      deployedTemplate: deployed.TemplateBody ?? '',
      proposedTemplate: instanceBody,
    });
    expect(changeSetReviewSchema.parse(review)).toEqual(review);
    expect(review.changeSetId).toBe(changeSetId);
    expect(review.changeSetName).toBe('dedicated-admin-v38');
    expect(review.groups.add.map((change) => [change.logicalId, change.resourceType])).toContainEqual([
      'ReleaseNotesTopic',
      'AWS::SNS::Topic',
    ]);
    expect(review.summary.total).toBe(
      Object.values(review.groups).reduce((sum, group) => sum + group.length, 0),
    );
    expect(review.permissions.source).toBe('cloudformation-diff');
    expect(review.templateDiff.entries).toContainEqual(
      expect.objectContaining({ section: 'Resources', key: 'ReleaseNotesTopic', status: 'added' }),
    );
    expect(review.templateDiff.entries).toContainEqual(
      expect.objectContaining({ section: 'Description', status: 'modified' }),
    );
    const markdown = reviewToMarkdown(review);
    expect(markdown).toContain('# Change set review: dedicated-admin-v38');
    expect(markdown).toContain('`ReleaseNotesTopic`');
  }, 30_000);
});
