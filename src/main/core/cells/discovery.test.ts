import {
  CloudFormationClient,
  DescribeStacksCommand,
  type DescribeStacksCommandInput,
  type DescribeStacksCommandOutput,
  GetTemplateCommand,
  type GetTemplateCommandInput,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { discoverCellStacks } from './discovery';

const ACCOUNT = '123456789012';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/GitpodSetupAndInitialEKSUserAdmin`;

function stack(name: string, extra: Partial<Stack> = {}): Stack {
  return {
    StackName: name,
    StackId: `arn:aws:cloudformation:eu-central-1:${ACCOUNT}:stack/${name}/0f1e2d3c-4b5a-6978-8a9b-${name.length.toString().padStart(12, '0')}`,
    StackStatus: 'CREATE_COMPLETE',
    CreationTime: new Date('2025-01-01T00:00:00Z'),
    ...extra,
  };
}

/** The role stack's template, in JSON, as the Gitpod setup guide ships it. */
const ROLE_TEMPLATE_JSON = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: {
    SetupRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: 'GitpodSetupAndInitialEKSUserAdmin',
        AssumeRolePolicyDocument: {
          Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' } }],
        },
        ManagedPolicyArns: [{ 'Fn::Sub': `arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess` }],
      },
    },
  },
});

/** The instance stack's template, in YAML with short-form tags, as CDK synthesizes it. */
const INSTANCE_TEMPLATE_YAML = [
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Parameters:',
  '  Domain:',
  '    Type: String',
  '  LicenseKey:',
  '    Type: String',
  '    NoEcho: true',
  'Resources:',
  '  Cluster:',
  '    Type: AWS::EKS::Cluster',
  '    Metadata:',
  '      aws:cdk:path: gitpod-cell/Cluster/Resource',
  '    Properties:',
  `      Name: !Sub '\${Domain}-cluster'`,
  '      RoleArn: !GetAtt ClusterRole.Arn',
  '      Tags:',
  '        - Key: domain',
  '          Value: !Ref Domain',
  '  ClusterRole:',
  '    Type: AWS::IAM::Role',
  '    Metadata:',
  '      aws:cdk:path: gitpod-cell/ClusterRole/Resource',
  '    Properties:',
  '      AssumeRolePolicyDocument: !If [IsProd, !Ref AWS::NoValue, !Ref AWS::NoValue]',
].join('\n');

const BUCKET_TEMPLATE = JSON.stringify({
  Resources: { Logs: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'acme-logs' } } },
});

/** CDK metadata, but of another app. */
const OTHER_CDK_TEMPLATE = [
  'Resources:',
  '  Queue:',
  '    Type: AWS::SQS::Queue',
  '    Metadata:',
  '      aws:cdk:path: billing-service/Queue/Resource',
  '  Role:',
  '    Type: AWS::IAM::Role',
  '    Metadata:',
  '      aws:cdk:path: billing-service/Role/Resource',
  '    Properties:',
  '      RoleName: BillingServiceRole',
].join('\n');

const cfn = mockClient(CloudFormationClient);
let client: CloudFormationClient;

/** Answers GetTemplate from a map of stack name to template body. */
function templates(bodies: Record<string, string | undefined>): void {
  cfn.on(GetTemplateCommand).callsFake((input: GetTemplateCommandInput) => {
    const name = input.StackName ?? '';
    if (!(name in bodies))
      throw Object.assign(new Error(`Stack with id ${name} does not exist`), { name: 'ValidationError' });
    return Promise.resolve({ TemplateBody: bodies[name] });
  });
}

beforeEach(() => {
  cfn.reset();
  client = new CloudFormationClient({ region: 'eu-central-1' });
});

afterEach(() => {
  client.destroy();
});

describe('main/core/cells/discovery', () => {
  it('finds stacks with odd names by what they contain, and ignores unrelated ones', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        stack('xyz-setup-01'),
        stack('acme-prod-42', { RoleARN: ROLE_ARN }),
        stack('logs-bucket'),
        stack('billing-service'),
        stack('gitpod-role'),
      ],
    });
    templates({
      'xyz-setup-01': ROLE_TEMPLATE_JSON,
      'acme-prod-42': INSTANCE_TEMPLATE_YAML,
      'logs-bucket': BUCKET_TEMPLATE,
      'billing-service': OTHER_CDK_TEMPLATE,
      'gitpod-role': BUCKET_TEMPLATE,
    });

    const result = await discoverCellStacks(client);

    expect(result.suggested).toEqual({ role: 'xyz-setup-01', instance: 'acme-prod-42' });
    expect(result.stacksExamined).toBe(5);
    expect(result.candidates).toEqual([
      {
        kind: 'instance',
        stackName: 'acme-prod-42',
        stackId: stack('acme-prod-42').StackId,
        status: 'CREATE_COMPLETE',
        evidence: [
          'is deployed with the role GitpodSetupAndInitialEKSUserAdmin',
          'its resources carry CDK metadata under gitpod-cell/',
        ],
        score: 18,
      },
      {
        kind: 'role',
        stackName: 'xyz-setup-01',
        stackId: stack('xyz-setup-01').StackId,
        status: 'CREATE_COMPLETE',
        evidence: ['creates the IAM role GitpodSetupAndInitialEKSUserAdmin'],
        score: 10,
      },
    ]);
  });

  it('reads each template once, in its original form', async () => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [stack('one'), stack('two')] });
    templates({ one: ROLE_TEMPLATE_JSON, two: BUCKET_TEMPLATE });
    await discoverCellStacks(client);
    const calls = cfn.commandCalls(GetTemplateCommand).map((call) => call.args[0].input);
    expect(calls).toEqual([
      { StackName: 'one', TemplateStage: 'Original' },
      { StackName: 'two', TemplateStage: 'Original' },
    ]);
  });

  it('recognises the instance stack by its RoleARN alone', async () => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [stack('prod', { RoleARN: ROLE_ARN })] });
    templates({ prod: BUCKET_TEMPLATE });
    const result = await discoverCellStacks(client);
    expect(result.suggested).toEqual({ instance: 'prod' });
    expect(result.candidates).toMatchObject([{ kind: 'instance', score: 10 }]);
  });

  it('recognises the instance stack by its gitpod-cell CDK metadata alone, in a YAML template', async () => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [stack('eks-main')] });
    templates({ 'eks-main': INSTANCE_TEMPLATE_YAML });
    const result = await discoverCellStacks(client);
    expect(result.suggested).toEqual({ instance: 'eks-main' });
    expect(result.candidates).toMatchObject([
      { kind: 'instance', evidence: ['its resources carry CDK metadata under gitpod-cell/'], score: 8 },
    ]);
  });

  it('does not take a role of another name, or a role ARN of another role, as evidence', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        stack('other-role-stack'),
        stack('deployed-by-other-role', { RoleARN: `arn:aws:iam::${ACCOUNT}:role/SomeOtherAdmin` }),
        stack('suffix-trap', {
          RoleARN: `arn:aws:iam::${ACCOUNT}:role/NotGitpodSetupAndInitialEKSUserAdminX`,
        }),
      ],
    });
    templates({
      'other-role-stack': ROLE_TEMPLATE_JSON.replace('GitpodSetupAndInitialEKSUserAdmin', 'GitpodReadOnly'),
      'deployed-by-other-role': BUCKET_TEMPLATE,
      'suffix-trap': BUCKET_TEMPLATE,
    });
    const result = await discoverCellStacks(client);
    expect(result.candidates).toEqual([]);
    expect(result.suggested).toEqual({});
  });

  it('does not take a name alone as evidence', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [stack('gitpod-role'), stack('gitpod-instance'), stack('gitpod-cell')],
    });
    templates({
      'gitpod-role': BUCKET_TEMPLATE,
      'gitpod-instance': BUCKET_TEMPLATE,
      'gitpod-cell': OTHER_CDK_TEMPLATE,
    });
    const result = await discoverCellStacks(client);
    expect(result).toEqual({ candidates: [], suggested: {}, stacksExamined: 3 });
  });

  it('uses a name only to break a tie between stacks with the same evidence', async () => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [stack('aaa-setup'), stack('zzz-gitpod-role')] });
    templates({ 'aaa-setup': ROLE_TEMPLATE_JSON, 'zzz-gitpod-role': ROLE_TEMPLATE_JSON });
    const result = await discoverCellStacks(client);
    expect(result.suggested).toEqual({ role: 'zzz-gitpod-role' });
    expect(result.candidates.map((candidate) => [candidate.stackName, candidate.score])).toEqual([
      ['zzz-gitpod-role', 11],
      ['aaa-setup', 10],
    ]);
  });

  it('follows DescribeStacks pages (NextToken) to the end', async () => {
    const pages: Record<string, DescribeStacksCommandOutput> = {
      first: { Stacks: [stack('logs-bucket')], NextToken: 'page-2', $metadata: {} },
      'page-2': { Stacks: [stack('xyz-setup-01')], NextToken: 'page-3', $metadata: {} },
      'page-3': { Stacks: [stack('acme-prod-42', { RoleARN: ROLE_ARN })], $metadata: {} },
    };
    // The paginator reuses one input object, so the tokens are recorded as they arrive.
    const tokens: Array<string | undefined> = [];
    cfn.on(DescribeStacksCommand).callsFake((input: DescribeStacksCommandInput) => {
      tokens.push(input.NextToken);
      return Promise.resolve(pages[input.NextToken ?? 'first']);
    });
    templates({
      'logs-bucket': BUCKET_TEMPLATE,
      'xyz-setup-01': ROLE_TEMPLATE_JSON,
      'acme-prod-42': INSTANCE_TEMPLATE_YAML,
    });

    const result = await discoverCellStacks(client);

    expect(result.suggested).toEqual({ role: 'xyz-setup-01', instance: 'acme-prod-42' });
    expect(result.stacksExamined).toBe(3);
    expect(tokens).toEqual([undefined, 'page-2', 'page-3']);
  });

  it('suggests only the role stack when the account has no instance stack', async () => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [stack('setup'), stack('logs-bucket')] });
    templates({ setup: ROLE_TEMPLATE_JSON, 'logs-bucket': BUCKET_TEMPLATE });
    const result = await discoverCellStacks(client);
    expect(result.suggested).toEqual({ role: 'setup' });
    expect(result.candidates.map((candidate) => candidate.kind)).toEqual(['role']);
  });

  it('suggests only the instance stack when the account has no role stack', async () => {
    cfn
      .on(DescribeStacksCommand)
      .resolves({ Stacks: [stack('logs-bucket'), stack('cell', { RoleARN: ROLE_ARN })] });
    templates({ 'logs-bucket': BUCKET_TEMPLATE, cell: INSTANCE_TEMPLATE_YAML });
    const result = await discoverCellStacks(client);
    expect(result.suggested).toEqual({ instance: 'cell' });
    expect(result.candidates.map((candidate) => candidate.kind)).toEqual(['instance']);
  });

  it('suggests nothing in an empty account', async () => {
    cfn.on(DescribeStacksCommand).resolves({});
    const result = await discoverCellStacks(client);
    expect(result).toEqual({ candidates: [], suggested: {}, stacksExamined: 0 });
    expect(cfn.commandCalls(GetTemplateCommand)).toHaveLength(0);
  });

  it('carries on past templates it cannot parse, still using the RoleARN', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        stack('broken-json'),
        stack('broken-yaml', { RoleARN: ROLE_ARN }),
        stack('no-resources'),
        stack('no-body'),
        stack('setup'),
      ],
    });
    templates({
      'broken-json': '{"Resources": {"SetupRole": ',
      'broken-yaml': 'Resources:\n  Cluster: [unclosed\n    Type: !GetAtt',
      'no-resources': 'just a string',
      'no-body': undefined,
      setup: ROLE_TEMPLATE_JSON,
    });

    const result = await discoverCellStacks(client);

    expect(result.suggested).toEqual({ role: 'setup', instance: 'broken-yaml' });
    expect(result.stacksExamined).toBe(5);
    expect(result.candidates.map((candidate) => candidate.stackName).sort()).toEqual([
      'broken-yaml',
      'setup',
    ]);
  });

  it('carries on when a stack is deleted between the listing and reading its template', async () => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [stack('just-deleted'), stack('setup')] });
    templates({ setup: ROLE_TEMPLATE_JSON });
    const result = await discoverCellStacks(client);
    expect(result.suggested).toEqual({ role: 'setup' });
  });

  it('does not hide other errors reading a template, such as a missing permission', async () => {
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [stack('setup')] });
    cfn.on(GetTemplateCommand).rejects(
      Object.assign(new Error('not authorized to perform: cloudformation:GetTemplate'), {
        name: 'AccessDenied',
      }),
    );
    await expect(discoverCellStacks(client)).rejects.toThrow(/GetTemplate/);
  });

  it('skips deleted stacks and stacks without a name or id, without reading their templates', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        stack('gone', { StackStatus: 'DELETE_COMPLETE', RoleARN: ROLE_ARN }),
        { ...stack('nameless', { RoleARN: ROLE_ARN }), StackName: undefined },
        { ...stack('idless', { RoleARN: ROLE_ARN }), StackId: undefined },
      ],
    });
    templates({});
    const result = await discoverCellStacks(client);
    expect(result.candidates).toEqual([]);
    expect(cfn.commandCalls(GetTemplateCommand)).toHaveLength(0);
  });

  it('reports a stack that is both kinds as the role stack, and does not suggest it twice', async () => {
    const both = JSON.stringify({
      Resources: {
        SetupRole: {
          Type: 'AWS::IAM::Role',
          Metadata: { 'aws:cdk:path': 'gitpod-cell/SetupRole/Resource' },
          Properties: { RoleName: 'GitpodSetupAndInitialEKSUserAdmin' },
        },
      },
    });
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [stack('everything')] });
    templates({ everything: both });
    const result = await discoverCellStacks(client);
    expect(result.candidates.map((candidate) => candidate.kind).sort()).toEqual(['instance', 'role']);
    expect(result.suggested).toEqual({ role: 'everything' });
  });

  it('keeps the status of a candidate stack, so a stuck one can be flagged', async () => {
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [stack('setup', { StackStatus: 'UPDATE_ROLLBACK_FAILED' })],
    });
    templates({ setup: ROLE_TEMPLATE_JSON });
    const result = await discoverCellStacks(client);
    expect(result.candidates[0]?.status).toBe('UPDATE_ROLLBACK_FAILED');
  });
});
