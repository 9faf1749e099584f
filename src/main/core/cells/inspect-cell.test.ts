import {
  CloudFormationClient,
  DescribeStacksCommand,
  type DescribeStacksCommandInput,
  GetTemplateCommand,
  type GetTemplateCommandInput,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Cell, cellSchema } from '../../../shared/cells/cell';
import { CellInspector, InspectionCallError } from './inspect-cell';

const ACCOUNT = '123456789012';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/GitpodSetupAndInitialEKSUserAdmin`;

const CELL: Cell = cellSchema.parse({
  id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  name: 'Production',
  region: 'eu-central-1',
  accountId: ACCOUNT,
  roleStack: 'xyz-setup-01',
  instanceStack: 'acme-prod-42',
});

function stackId(name: string): string {
  return `arn:aws:cloudformation:eu-central-1:${ACCOUNT}:stack/${name}/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b`;
}

const ROLE_STACK: Stack = {
  StackName: 'xyz-setup-01',
  StackId: stackId('xyz-setup-01'),
  StackStatus: 'CREATE_COMPLETE',
  CreationTime: new Date('2024-06-01T10:00:00Z'),
  EnableTerminationProtection: true,
  Outputs: [{ OutputKey: 'RoleArn', OutputValue: ROLE_ARN, Description: 'The setup role' }],
};

const INSTANCE_STACK: Stack = {
  StackName: 'acme-prod-42',
  StackId: stackId('acme-prod-42'),
  StackStatus: 'UPDATE_ROLLBACK_FAILED',
  CreationTime: new Date('2024-06-01T11:00:00Z'),
  LastUpdatedTime: new Date('2025-02-01T09:30:00Z'),
  Description: 'Gitpod Dedicated cell',
  RoleARN: ROLE_ARN,
  Parameters: [
    { ParameterKey: 'Domain', ParameterValue: 'gitpod.example.com' },
    // CloudFormation masks NoEcho values itself; the template says so too.
    { ParameterKey: 'LicenseKey', ParameterValue: '****' },
    // Should CloudFormation ever hand one back, the template's NoEcho still hides it.
    { ParameterKey: 'DbPassword', ParameterValue: 'hunter2-in-clear' },
    { ParameterKey: 'Empty' },
  ],
  Outputs: [{ OutputKey: 'Url', OutputValue: 'https://gitpod.example.com' }],
  Tags: [
    { Key: 'gitpod:cell', Value: 'prod' },
    { Key: 'owner', Value: 'platform' },
  ],
};

const ROLE_TEMPLATE = JSON.stringify({
  Resources: {
    SetupRole: { Type: 'AWS::IAM::Role', Properties: { RoleName: 'GitpodSetupAndInitialEKSUserAdmin' } },
  },
});

/** YAML with a boolean NoEcho; the JSON-style string "true" is allowed as well. */
const INSTANCE_TEMPLATE = [
  'Parameters:',
  '  Domain:',
  '    Type: String',
  '  LicenseKey:',
  '    Type: String',
  '    NoEcho: true',
  '  DbPassword:',
  '    Type: String',
  "    NoEcho: 'true'",
  '  Empty:',
  '    Type: String',
  '    NoEcho: false',
  'Resources:',
  '  Cluster:',
  '    Type: AWS::EKS::Cluster',
  '    Metadata:',
  '      aws:cdk:path: gitpod-cell/Cluster/Resource',
  '    Properties:',
  `      Name: !Sub '\${Domain}-cluster'`,
].join('\n');

const cfn = mockClient(CloudFormationClient);
let client: CloudFormationClient;
let stacks: Stack[];
let bodies: Record<string, string>;

beforeEach(() => {
  cfn.reset();
  client = new CloudFormationClient({ region: 'eu-central-1' });
  stacks = [
    ROLE_STACK,
    INSTANCE_STACK,
    { ...ROLE_STACK, StackName: 'unrelated', StackId: stackId('unrelated') },
  ];
  bodies = { 'xyz-setup-01': ROLE_TEMPLATE, 'acme-prod-42': INSTANCE_TEMPLATE };
  // Fakes read the variables at call time, so a test can change the account between inspects.
  cfn.on(DescribeStacksCommand).callsFake((input: DescribeStacksCommandInput) => {
    expect(input.StackName).toBeUndefined();
    return Promise.resolve({ Stacks: stacks });
  });
  cfn
    .on(GetTemplateCommand)
    .callsFake((input: GetTemplateCommandInput) =>
      Promise.resolve({ TemplateBody: bodies[input.StackName ?? ''] }),
    );
});

afterEach(() => {
  client.destroy();
});

function templateReads(): Array<string | undefined> {
  return cfn.commandCalls(GetTemplateCommand).map((call) => call.args[0].input.StackName);
}

describe('main/core/cells/inspect-cell', () => {
  it('covers both stacks with one DescribeStacks call, role stack first', async () => {
    const reports = await new CellInspector(client).inspect(CELL);
    expect(reports.map((report) => [report.kind, report.name, report.found])).toEqual([
      ['role', 'xyz-setup-01', true],
      ['instance', 'acme-prod-42', true],
    ]);
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(1);
  });

  it('reads each template once, and again only after the stack’s LastUpdatedTime changes', async () => {
    const inspector = new CellInspector(client);

    await inspector.inspect(CELL);
    expect(templateReads()).toEqual(['xyz-setup-01', 'acme-prod-42']);

    // Status changes alone do not change the template.
    stacks = [ROLE_STACK, { ...INSTANCE_STACK, StackStatus: 'UPDATE_ROLLBACK_COMPLETE' }];
    await inspector.inspect(CELL);
    expect(templateReads()).toEqual(['xyz-setup-01', 'acme-prod-42']);

    stacks = [ROLE_STACK, { ...INSTANCE_STACK, LastUpdatedTime: new Date('2025-03-01T08:00:00Z') }];
    await inspector.inspect(CELL);
    expect(templateReads()).toEqual(['xyz-setup-01', 'acme-prod-42', 'acme-prod-42']);

    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(3);
    expect(cfn.commandCalls(GetTemplateCommand)).toHaveLength(3);
    expect(cfn.commandCalls(GetTemplateCommand)[0]?.args[0].input.TemplateStage).toBe('Original');
  });

  it('reads the template again when a stack is first updated (CreationTime to LastUpdatedTime)', async () => {
    const inspector = new CellInspector(client);
    await inspector.inspect(CELL);
    stacks = [{ ...ROLE_STACK, LastUpdatedTime: new Date('2025-03-01T08:00:00Z') }, INSTANCE_STACK];
    await inspector.inspect(CELL);
    expect(templateReads()).toEqual(['xyz-setup-01', 'acme-prod-42', 'xyz-setup-01']);
  });

  it('keeps a separate template cache per inspector', async () => {
    await new CellInspector(client).inspect(CELL);
    await new CellInspector(client).inspect(CELL);
    expect(cfn.commandCalls(GetTemplateCommand)).toHaveLength(4);
  });

  it('masks parameters the template marks NoEcho, and only those', async () => {
    const [, instance] = await new CellInspector(client).inspect(CELL);
    expect(instance?.parameters).toEqual([
      { key: 'Domain', value: 'gitpod.example.com', masked: false },
      { key: 'LicenseKey', value: '****', masked: true },
      { key: 'DbPassword', value: '****', masked: true },
      { key: 'Empty', value: '', masked: false },
    ]);
    expect(JSON.stringify(instance)).not.toContain('hunter2');
  });

  it('still masks what CloudFormation masked when the template cannot be read', async () => {
    bodies = { 'xyz-setup-01': ROLE_TEMPLATE, 'acme-prod-42': 'Parameters: [not yaml' };
    const [, instance] = await new CellInspector(client).inspect(CELL);
    expect(instance?.parameters.find((parameter) => parameter.key === 'LicenseKey')).toEqual({
      key: 'LicenseKey',
      value: '****',
      masked: true,
    });
  });

  it('passes outputs, tags, termination protection, role ARN and description through', async () => {
    const [role, instance] = await new CellInspector(client).inspect(CELL);
    expect(role).toMatchObject({
      stackId: stackId('xyz-setup-01'),
      terminationProtection: true,
      lastUpdatedTime: '2024-06-01T10:00:00.000Z',
      outputs: [{ key: 'RoleArn', value: ROLE_ARN, description: 'The setup role' }],
      tags: [],
      parameters: [],
    });
    expect(role?.roleArn).toBeUndefined();
    expect(instance).toMatchObject({
      stackId: stackId('acme-prod-42'),
      description: 'Gitpod Dedicated cell',
      roleArn: ROLE_ARN,
      terminationProtection: false,
      lastUpdatedTime: '2025-02-01T09:30:00.000Z',
      outputs: [{ key: 'Url', value: 'https://gitpod.example.com' }],
      tags: [
        { key: 'gitpod:cell', value: 'prod' },
        { key: 'owner', value: 'platform' },
      ],
    });
    expect(instance?.outputs[0]).not.toHaveProperty('description');
  });

  it('explains each stack’s status', async () => {
    const [role, instance] = await new CellInspector(client).inspect(CELL);
    expect(role?.status).toBe('CREATE_COMPLETE');
    expect(role?.explanation).toMatchObject({ category: 'stable', blocksUpdate: false });
    expect(instance?.status).toBe('UPDATE_ROLLBACK_FAILED');
    expect(instance?.explanation).toMatchObject({ category: 'needs-continue-rollback', blocksUpdate: true });
    expect(instance?.explanation.nextStep).toMatch(/ContinueUpdateRollback/);
  });

  it('reports a stack missing from the account as not found, with a next step, without reading a template', async () => {
    stacks = [ROLE_STACK];
    const [role, instance] = await new CellInspector(client).inspect(CELL);
    expect(role?.found).toBe(true);
    expect(instance).toEqual({
      kind: 'instance',
      name: 'acme-prod-42',
      found: false,
      status: 'NOT_FOUND',
      explanation: {
        category: 'deleted',
        words: 'There is no stack named acme-prod-42 in this account and region.',
        blocksUpdate: true,
        nextStep: expect.stringMatching(/cell settings|discovery/),
      },
      terminationProtection: false,
      parameters: [],
      outputs: [],
      tags: [],
    });
    expect(templateReads()).toEqual(['xyz-setup-01']);
  });

  it('inspects only the stacks the cell has', async () => {
    const instanceOnly = cellSchema.parse({ ...CELL, roleStack: undefined });
    const reports = await new CellInspector(client).inspect(instanceOnly);
    expect(reports.map((report) => report.kind)).toEqual(['instance']);
    expect(templateReads()).toEqual(['acme-prod-42']);
  });

  it('says which call failed when a template cannot be read: GetTemplate, with AWS’s error as the cause', async () => {
    const failure = Object.assign(new Error('We encountered an internal error. Please try again.'), {
      name: 'InternalFailure',
      $metadata: { httpStatusCode: 500 },
    });
    cfn.on(GetTemplateCommand).rejects(failure);
    const error = await new CellInspector(client).inspectCell(CELL).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InspectionCallError);
    expect(error).toMatchObject({ action: 'cloudformation:GetTemplate', cause: failure });
  });

  it('finds stacks on later DescribeStacks pages', async () => {
    cfn
      .on(DescribeStacksCommand)
      .resolvesOnce({ Stacks: [ROLE_STACK], NextToken: 'page-2' })
      .resolvesOnce({ Stacks: [INSTANCE_STACK] });
    const reports = await new CellInspector(client).inspect(CELL);
    expect(reports.map((report) => report.found)).toEqual([true, true]);
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(2);
  });
});
