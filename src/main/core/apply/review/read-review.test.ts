import {
  type Change,
  CloudFormationClient,
  DescribeChangeSetCommand,
  type DescribeChangeSetCommandOutput,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, changeSetArn, stackArn } from '../../../../../test/support/update-fixtures';
import {
  type ChangeSetReview,
  changeSetReviewSchema,
  MAX_REVIEW_CHANGES,
} from '../../../../shared/apply/review';
import { AppErrorException } from '../../errors/app-error';
import { readChangeSetReview, reviewToJson, reviewToMarkdown } from './read-review';

/** A reference as cloudformation-diff renders it: "${Logical.Attribute}". */
function cfnRef(reference: string): string {
  return `$\{${reference}}`;
}

/*
 * Scripted DescribeChangeSet pages (aws-sdk-client-mock): pagination, every action and
 * replacement kind, and sizes moto cannot produce. The moto review is in
 * test/integration/apply-checks.test.ts.
 */
const cfn = mockClient(CloudFormationClient);
let client: CloudFormationClient;

const STACK = 'gitpod-instance';
const CHANGE_SET = changeSetArn('gitpod-update-v37');

const DEPLOYED = {
  Resources: {
    AppRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        },
        Policies: [
          {
            PolicyName: 'logs',
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }] },
          },
        ],
      },
    },
    WebGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'web',
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '10.0.0.0/8' }],
      },
    },
    Database: {
      Type: 'AWS::RDS::DBInstance',
      Properties: { DBInstanceClass: 'db.t3.medium', Engine: 'postgres' },
    },
    OldBucket: { Type: 'AWS::S3::Bucket', DeletionPolicy: 'Retain' },
    Cache: {
      Type: 'AWS::ElastiCache::CacheCluster',
      Properties: { Engine: 'redis', CacheNodeType: 'cache.t3.micro' },
    },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } },
  },
  Outputs: { RoleArn: { Value: { 'Fn::GetAtt': ['AppRole', 'Arn'] } } },
};

const PROPOSED = {
  Resources: {
    AppRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [
            { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' },
          ],
        },
        Policies: [
          {
            PolicyName: 'logs',
            PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'logs:*', Resource: '*' }] },
          },
        ],
      },
    },
    WebGroup: {
      Type: 'AWS::EC2::SecurityGroup',
      Properties: {
        GroupDescription: 'web',
        SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }],
      },
    },
    Database: {
      Type: 'AWS::RDS::DBInstance',
      Properties: { DBInstanceClass: 'db.r6g.large', Engine: 'postgres' },
    },
    Cache: {
      Type: 'AWS::ElastiCache::CacheCluster',
      Properties: { Engine: 'redis', CacheNodeType: 'cache.t3.small' },
    },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 90 } },
    Queue: { Type: 'AWS::SQS::Queue' },
  },
  Outputs: { RoleArn: { Value: { 'Fn::GetAtt': ['AppRole', 'Arn'] } } },
};

function resourceChange(resource: NonNullable<Change['ResourceChange']>): Change {
  return { Type: 'Resource', ResourceChange: resource };
}

const CHANGES: Change[] = [
  resourceChange({ Action: 'Add', LogicalResourceId: 'Queue', ResourceType: 'AWS::SQS::Queue', Scope: [] }),
  resourceChange({
    Action: 'Modify',
    LogicalResourceId: 'AppRole',
    PhysicalResourceId: 'gitpod-AppRole-1A2B',
    ResourceType: 'AWS::IAM::Role',
    Replacement: 'False',
    Scope: ['Properties'],
    Details: [
      {
        Target: {
          Attribute: 'Properties',
          Name: 'Policies',
          RequiresRecreation: 'Never',
          BeforeValue: '[{"PolicyName":"logs"}]',
          AfterValue: '[{"PolicyName":"logs","x":"a|b"}]',
        },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification',
      },
    ],
  }),
  resourceChange({
    Action: 'Modify',
    LogicalResourceId: 'Database',
    PhysicalResourceId: 'gitpod-db',
    ResourceType: 'AWS::RDS::DBInstance',
    Replacement: 'True',
    PolicyAction: 'ReplaceAndSnapshot',
    Scope: ['Properties'],
    Details: [
      {
        Target: { Attribute: 'Properties', Name: 'DBInstanceClass', RequiresRecreation: 'Always' },
        Evaluation: 'Static',
        ChangeSource: 'DirectModification',
      },
    ],
  }),
  resourceChange({
    Action: 'Modify',
    LogicalResourceId: 'Cache',
    PhysicalResourceId: 'gitpod-cache',
    ResourceType: 'AWS::ElastiCache::CacheCluster',
    Replacement: 'Conditional',
    Scope: ['Properties'],
    Details: [
      {
        Target: { Attribute: 'Properties', Name: 'CacheNodeType', RequiresRecreation: 'Conditionally' },
        Evaluation: 'Dynamic',
        ChangeSource: 'DirectModification',
      },
    ],
  }),
  resourceChange({
    Action: 'Modify',
    LogicalResourceId: 'WebGroup',
    PhysicalResourceId: 'sg-0123',
    ResourceType: 'AWS::EC2::SecurityGroup',
    Replacement: 'False',
    Scope: ['Properties'],
  }),
  resourceChange({
    Action: 'Remove',
    LogicalResourceId: 'OldBucket',
    PhysicalResourceId: 'gitpod-old-bucket',
    ResourceType: 'AWS::S3::Bucket',
    PolicyAction: 'Retain',
  }),
  resourceChange({ Action: 'Dynamic', LogicalResourceId: 'Logs', ResourceType: 'AWS::Logs::LogGroup' }),
  resourceChange({ Action: 'Import', LogicalResourceId: 'Imported', ResourceType: 'AWS::S3::Bucket' }),
];

function page(changes: Change[], token?: string): DescribeChangeSetCommandOutput {
  return {
    $metadata: {},
    ChangeSetId: CHANGE_SET,
    ChangeSetName: 'gitpod-update-v37',
    StackId: stackArn(STACK),
    StackName: STACK,
    Description: 'Infrastructure Update v37',
    Status: 'CREATE_COMPLETE',
    ExecutionStatus: 'AVAILABLE',
    CreationTime: new Date('2026-03-30T10:00:00Z'),
    Capabilities: ['CAPABILITY_IAM'],
    Parameters: [
      { ParameterKey: 'DomainName', ParameterValue: 'gitpod.example.com' },
      { ParameterKey: 'Secret', ParameterValue: '****' },
    ],
    Changes: changes,
    ...(token ? { NextToken: token } : {}),
  };
}

/** The eight changes over three pages, as DescribeChangeSet pages them. */
function threePages(): void {
  cfn
    .on(DescribeChangeSetCommand)
    .resolvesOnce(page(CHANGES.slice(0, 3), 'token-2'))
    .resolvesOnce(page(CHANGES.slice(3, 6), 'token-3'))
    .resolvesOnce(page(CHANGES.slice(6)));
}

async function review(proposed: string | null = JSON.stringify(PROPOSED)): Promise<ChangeSetReview> {
  const result = await readChangeSetReview(
    client,
    {
      stackName: STACK,
      changeSetId: CHANGE_SET,
      deployedTemplate: JSON.stringify(DEPLOYED),
      proposedTemplate: proposed,
    },
    { now: () => new Date('2026-04-01T09:00:00Z') },
  );
  expect(changeSetReviewSchema.parse(result)).toEqual(result);
  return result;
}

beforeAll(async () => {
  // Loads the AWS service spec once (about half a second), so timings below measure the review.
  cfn.on(DescribeChangeSetCommand).resolves(page(CHANGES));
  const warm = new CloudFormationClient({ region: 'eu-central-1' });
  await readChangeSetReview(warm, {
    stackName: STACK,
    changeSetId: CHANGE_SET,
    deployedTemplate: JSON.stringify(DEPLOYED),
    proposedTemplate: JSON.stringify(PROPOSED),
  });
  warm.destroy();
});

beforeEach(() => {
  cfn.reset();
  client = new CloudFormationClient({ region: 'eu-central-1' });
});

afterEach(() => client.destroy());

describe('core/apply/review', () => {
  it('reads all three pages of DescribeChangeSet, with property values on each', async () => {
    threePages();
    const result = await review();
    const calls = cfn.commandCalls(DescribeChangeSetCommand).map((call) => call.args[0].input);
    expect(calls).toEqual([
      { ChangeSetName: CHANGE_SET, StackName: STACK, IncludePropertyValues: true },
      { ChangeSetName: CHANGE_SET, StackName: STACK, IncludePropertyValues: true, NextToken: 'token-2' },
      { ChangeSetName: CHANGE_SET, StackName: STACK, IncludePropertyValues: true, NextToken: 'token-3' },
    ]);
    expect(result.summary.total).toBe(8);
  });

  it('groups the changes by action, in CloudFormation order within each group', async () => {
    threePages();
    const { groups, summary } = await review();
    expect(groups.add.map((c) => c.logicalId)).toEqual(['Queue']);
    expect(groups.modify.map((c) => c.logicalId)).toEqual(['AppRole', 'Database', 'Cache', 'WebGroup']);
    expect(groups.remove.map((c) => c.logicalId)).toEqual(['OldBucket']);
    expect(groups.dynamic.map((c) => c.logicalId)).toEqual(['Logs']);
    expect(groups.import.map((c) => c.logicalId)).toEqual(['Imported']);
    expect(groups.sync).toEqual([]);
    expect(summary).toMatchObject({ total: 8, add: 1, modify: 4, remove: 1, import: 1, dynamic: 1, sync: 0 });
    expect(groups.modify[0]?.details[0]).toEqual({
      attribute: 'Properties',
      name: 'Policies',
      requiresRecreation: 'Never',
      evaluation: 'Static',
      changeSource: 'DirectModification',
      beforeValue: '[{"PolicyName":"logs"}]',
      afterValue: '[{"PolicyName":"logs","x":"a|b"}]',
    });
  });

  it('marks replacements, possible replacements and removals as risks, in plain words', async () => {
    threePages();
    const { groups, summary } = await review();
    const risk = (id: string) => [...groups.modify, ...groups.remove].find((c) => c.logicalId === id)?.risk;
    expect(risk('Database')?.kind).toBe('replacement');
    expect(risk('Database')?.explanation).toContain('will be replaced because DBInstanceClass changes');
    expect(risk('Database')?.explanation).toContain('deleted after a snapshot');
    expect(risk('Cache')?.kind).toBe('conditional-replacement');
    expect(risk('Cache')?.explanation).toContain('may be replaced');
    expect(risk('OldBucket')?.kind).toBe('removal');
    expect(risk('OldBucket')?.explanation).toContain('kept in the account');
    expect(risk('AppRole')).toBeUndefined();
    expect(summary).toMatchObject({ replacements: 1, conditionalReplacements: 1, removals: 1, risks: 3 });
  });

  it('puts IAM and security-group changes in their own tables and calls out broadening ones', async () => {
    threePages();
    const { permissions, summary } = await review();
    expect(permissions.source).toBe('cloudformation-diff');
    expect(permissions.iamStatements).toEqual([
      expect.objectContaining({ change: 'added', effect: 'Allow', action: 'logs:*', broadening: true }),
      expect.objectContaining({
        change: 'removed',
        effect: 'Allow',
        action: 'logs:PutLogEvents',
        broadening: false,
      }),
    ]);
    expect(permissions.securityGroupRules).toEqual([
      {
        change: 'added',
        group: cfnRef('WebGroup.GroupId'),
        direction: 'ingress',
        protocol: 'TCP 443',
        peer: 'Everyone (IPv4)',
        broadening: true,
      },
      {
        change: 'removed',
        group: cfnRef('WebGroup.GroupId'),
        direction: 'ingress',
        protocol: 'TCP 443',
        peer: '10.0.0.0/8',
        broadening: false,
      },
    ]);
    expect(permissions.broadened).toBe(true);
    expect(summary).toMatchObject({ iamChanges: 2, securityGroupChanges: 2, broadening: true });
  });

  it('does not call removals of permissions broadening', async () => {
    cfn.on(DescribeChangeSetCommand).resolves(page(CHANGES.slice(1, 2)));
    const narrowed = structuredClone(DEPLOYED);
    narrowed.Resources.AppRole.Properties.Policies = [];
    narrowed.Resources.WebGroup.Properties.SecurityGroupIngress = [];
    const result = await readChangeSetReview(client, {
      stackName: STACK,
      changeSetId: CHANGE_SET,
      deployedTemplate: JSON.stringify(DEPLOYED),
      proposedTemplate: JSON.stringify(narrowed),
    });
    expect(result.permissions.iamStatements.map((row) => [row.change, row.action, row.broadening])).toEqual([
      ['removed', 'logs:PutLogEvents', false],
    ]);
    expect(
      result.permissions.securityGroupRules.map((row) => [row.change, row.peer, row.broadening]),
    ).toEqual([['removed', '10.0.0.0/8', false]]);
    expect(result.permissions.broadened).toBe(false);
  });

  it('builds the side-by-side template diff from canonical JSON lines', async () => {
    threePages();
    const { templateDiff } = await review();
    expect(templateDiff.available).toBe(true);
    const byKey = Object.fromEntries(templateDiff.entries.map((entry) => [entry.key, entry]));
    expect(Object.keys(byKey).sort()).toEqual([
      'AppRole',
      'Cache',
      'Database',
      'Logs',
      'OldBucket',
      'Queue',
      'WebGroup',
    ]);
    expect(byKey.Queue).toMatchObject({ section: 'Resources', status: 'added', before: [] });
    expect(byKey.OldBucket).toMatchObject({ status: 'removed', after: [] });
    expect(byKey.Database?.status).toBe('modified');
    expect(byKey.Database?.before).toContain('    "DBInstanceClass": "db.t3.medium",');
    expect(byKey.Database?.after).toContain('    "DBInstanceClass": "db.r6g.large",');
  });

  it('reads the proposed template from the change set when it is not given', async () => {
    threePages();
    cfn.on(GetTemplateCommand).resolves({ TemplateBody: JSON.stringify(PROPOSED) });
    const result = await review(null);
    expect(cfn.commandCalls(GetTemplateCommand)[0]?.args[0].input).toEqual({
      ChangeSetName: CHANGE_SET,
      StackName: STACK,
      TemplateStage: 'Original',
    });
    expect(result.permissions.broadened).toBe(true);
  });

  it('keeps the changes when the templates cannot be analysed, and says why', async () => {
    threePages();
    const result = await readChangeSetReview(client, {
      stackName: STACK,
      changeSetId: CHANGE_SET,
      deployedTemplate: '{ not json',
      proposedTemplate: JSON.stringify(PROPOSED),
    });
    expect(result.summary.total).toBe(8);
    expect(result.permissions).toMatchObject({ source: 'unavailable', broadened: false });
    expect(result.permissions.note).toContain('deployed template does not parse');
    expect(result.templateDiff).toMatchObject({ available: false, entries: [] });
  });

  it('throws a translated error when the change set cannot be read', async () => {
    cfn.on(DescribeChangeSetCommand).rejects(
      Object.assign(
        new Error(
          `User: arn:aws:iam::${ACCOUNT}:user/jane is not authorized to perform: cloudformation:DescribeChangeSet`,
        ),
        {
          name: 'AccessDenied',
          $metadata: { httpStatusCode: 403 },
        },
      ),
    );
    await expect(review()).rejects.toSatisfy(
      (error: unknown) =>
        error instanceof AppErrorException &&
        error.appError.code === 'access-denied' &&
        error.appError.message.includes('cloudformation:DescribeChangeSet'),
    );
  });

  it('keeps at most 10,000 changes and counts them all', async () => {
    const many = Array.from({ length: MAX_REVIEW_CHANGES + 50 }, (_, i) =>
      resourceChange({ Action: 'Add', LogicalResourceId: `Queue${i}`, ResourceType: 'AWS::SQS::Queue' }),
    );
    cfn.on(DescribeChangeSetCommand).resolves(page(many));
    const result = await review();
    expect(result.groups.add).toHaveLength(MAX_REVIEW_CHANGES);
    expect(result.truncated).toBe(true);
    expect(result.summary.total).toBe(MAX_REVIEW_CHANGES + 50);
    expect(result.summary.add).toBe(MAX_REVIEW_CHANGES + 50);
    expect(reviewToMarkdown(result)).toContain(`Only the first ${MAX_REVIEW_CHANGES} changes are listed`);
  });

  it('stays fast with 5,000 replacements in a 5,000-resource template (no quadratic work)', async () => {
    const count = 5_000;
    const before: Record<string, unknown> = { ...DEPLOYED.Resources };
    const after: Record<string, unknown> = { ...PROPOSED.Resources };
    const changes: Change[] = [...CHANGES];
    for (let i = 0; i < count; i++) {
      before[`Queue${i}`] = { Type: 'AWS::SQS::Queue', Properties: { QueueName: `q${i}` } };
      // Each queue is renamed (a replacement) and referenced by the next one.
      after[`Queue${i}`] = {
        Type: 'AWS::SQS::Queue',
        Properties: {
          QueueName: `q${i}-v2`,
          Tags: i > 0 ? [{ Key: 'prev', Value: { Ref: `Queue${i - 1}` } }] : [],
        },
      };
      changes.push(
        resourceChange({
          Action: 'Modify',
          LogicalResourceId: `Queue${i}`,
          PhysicalResourceId: `https://sqs/q${i}`,
          ResourceType: 'AWS::SQS::Queue',
          Replacement: 'True',
          Scope: ['Properties'],
          Details: [
            {
              Target: { Attribute: 'Properties', Name: 'QueueName', RequiresRecreation: 'Always' },
              Evaluation: 'Static',
            },
          ],
        }),
      );
    }
    cfn.on(DescribeChangeSetCommand).resolves(page(changes));
    const started = performance.now();
    const result = await readChangeSetReview(client, {
      stackName: STACK,
      changeSetId: CHANGE_SET,
      deployedTemplate: JSON.stringify({ ...DEPLOYED, Resources: before }),
      proposedTemplate: JSON.stringify({ ...PROPOSED, Resources: after }),
    });
    const markdown = reviewToMarkdown(result);
    const elapsed = performance.now() - started;
    expect(result.summary.replacements).toBe(count + 1);
    expect(result.permissions.broadened).toBe(true);
    expect(markdown.length).toBeGreaterThan(count * 50);
    // fullDiff on the whole templates takes minutes here; linear work takes well under a second.
    expect(elapsed).toBeLessThan(3_000);
  });

  it('exports Markdown with the summary, risks, permission tables and every change', async () => {
    threePages();
    const markdown = reviewToMarkdown(await review());
    expect(markdown).toContain('# Change set review: gitpod-update-v37');
    expect(markdown).toContain('| 8 | 1 | 4 | 1 | 1 | 1 | 1 | 1 | 3 |');
    expect(markdown).toContain('**⚠ This change set broadens permissions');
    expect(markdown).toContain('## Risks (3)');
    expect(markdown).toContain(
      '- **replacement** `Database`: Database (AWS::RDS::DBInstance, now gitpod-db) will be replaced',
    );
    expect(markdown).toMatch(/\| \+ \| \* \| Allow \| logs:\* \| .* \| ⚠ yes \|/);
    expect(markdown).toContain(
      `| + | ${cfnRef('WebGroup.GroupId')} | ingress | TCP 443 | Everyone (IPv4) | ⚠ yes |`,
    );
    expect(markdown).toContain('### Modify (4)');
    expect(markdown).toContain('| `OldBucket` | AWS::S3::Bucket | gitpod-old-bucket |  |  | ⚠ removal |');
  });

  it('escapes table cells so a value cannot break the Markdown table', async () => {
    cfn
      .on(DescribeChangeSetCommand)
      .resolves(
        page([resourceChange({ Action: 'Add', LogicalResourceId: 'Odd', ResourceType: 'Custom::A|B\nC' })]),
      );
    const markdown = reviewToMarkdown(await review());
    expect(markdown).toContain('| `Odd` | Custom::A\\|B C |');
  });

  it('exports JSON that reads back into the same review', async () => {
    threePages();
    const result = await review();
    const json = reviewToJson(result);
    expect(changeSetReviewSchema.parse(JSON.parse(json))).toEqual(result);
  });
});
