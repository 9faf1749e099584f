import {
  CloudFormationClient,
  DescribeChangeSetCommand,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackEventsCommand,
  DescribeStackResourceDriftsCommand,
  DescribeStacksCommand,
  DetectStackDriftCommand,
  GetTemplateCommand,
  GetTemplateSummaryCommand,
  ListChangeSetsCommand,
  type Stack,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadFixture } from '../../../../../test/fixtures/templates/index';
import { ACCOUNT, CELL, changeSetArn, stackArn } from '../../../../../test/support/update-fixtures';
import { type PreflightReport, preflightReportSchema } from '../../../../shared/apply/preflight';
import type { AwsClients } from '../../aws/clients';
import { ManualTimers } from '../../refresh/timers';
import { sha256Hex } from '../../templates/canonical';
import { type PreflightInput, type PreflightOptions, runPreflight } from './run-preflight';

/*
 * Scripted SDK replies (aws-sdk-client-mock) for every outcome of every check, including what
 * moto cannot show: stacks in progress, IAM denied, drift, CloudFormation's capability
 * answers. The moto test is test/integration/apply-checks.test.ts.
 */
const cfn = mockClient(CloudFormationClient);
const iam = mockClient(IAMClient);

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/GitpodSetupAndInitialEKSUserAdmin`;
const ROLE_STACK_ID = stackArn('gitpod-role');
const IDENTITY = { account: ACCOUNT, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/Admin/jane` };
const ROLE_TEMPLATE = loadFixture('role.json');

let clients: AwsClients;

function error(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

function roleStack(overrides: Partial<Stack> = {}): Stack {
  return {
    StackName: 'gitpod-role',
    StackId: ROLE_STACK_ID,
    StackStatus: 'UPDATE_COMPLETE',
    CreationTime: new Date('2026-01-01T00:00:00Z'),
    Parameters: [
      { ParameterKey: 'GitpodAccountId', ParameterValue: '210987654321' },
      { ParameterKey: 'ExternalId', ParameterValue: '****' },
    ],
    Tags: [
      { Key: 'owner', Value: 'platform' },
      { Key: 'aws:cloudformation:stack-name', Value: 'gitpod-role' },
    ],
    ...overrides,
  };
}

function input(overrides: Partial<PreflightInput> = {}): PreflightInput {
  return {
    cell: CELL,
    identity: IDENTITY,
    stack: { kind: 'role', stackName: 'gitpod-role' },
    source: { kind: 'template', body: ROLE_TEMPLATE, sha256: sha256Hex(ROLE_TEMPLATE) },
    ...overrides,
  };
}

/** A healthy role stack: every call answers as AWS would for a normal update. */
function healthy(): void {
  cfn.on(DescribeStacksCommand).resolves({ Stacks: [roleStack()] });
  cfn.on(ValidateTemplateCommand).resolves({});
  cfn.on(GetTemplateSummaryCommand).resolves({
    Parameters: [
      { ParameterKey: 'GitpodAccountId', DefaultValue: '210987654321', NoEcho: false },
      { ParameterKey: 'ExternalId', NoEcho: true },
    ],
    Capabilities: ['CAPABILITY_NAMED_IAM'],
    CapabilitiesReason:
      'The following resource(s) require capabilities: [AWS::IAM::Role, AWS::IAM::ManagedPolicy]',
  });
  cfn.on(ListChangeSetsCommand).resolves({ Summaries: [] });
  iam.on(GetRoleCommand).resolves({
    Role: {
      RoleName: 'GitpodSetupAndInitialEKSUserAdmin',
      Arn: ROLE_ARN,
      Path: '/',
      RoleId: 'AROA',
      CreateDate: new Date(),
    },
  });
}

async function preflight(
  overrides: Partial<PreflightInput> = {},
  options: PreflightOptions = {},
): Promise<PreflightReport> {
  const report = await runPreflight(clients, input(overrides), {
    now: () => new Date('2026-04-01T09:00:00Z'),
    ...options,
  });
  // Whatever the outcome, the report must cross IPC and land in the journal as it is.
  expect(preflightReportSchema.parse(report)).toEqual(report);
  return report;
}

function check(report: PreflightReport, id: PreflightReport['checks'][number]['id']) {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check in ${report.checks.map((c) => c.id).join(', ')}`);
  return found;
}

beforeEach(() => {
  cfn.reset();
  iam.reset();
  const region = CELL.region;
  clients = {
    cloudFormation: new CloudFormationClient({ region }),
    sts: new STSClient({ region }),
    s3: new S3Client({ region }),
    iam: new IAMClient({ region }),
    destroy: () => undefined,
  };
});

afterEach(() => {
  clients.cloudFormation.destroy();
  clients.iam?.destroy();
});

describe('core/apply/preflight', () => {
  it('passes a healthy stack: parameters keep their values, capabilities named, inline delivery', async () => {
    healthy();
    const report = await preflight();
    expect(report.canProceed).toBe(true);
    expect(report.needsRecovery).toBe(false);
    expect(report.checks.map((c) => [c.id, c.outcome])).toEqual([
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
    expect(report.parameters).toEqual([
      { ParameterKey: 'GitpodAccountId', UsePreviousValue: true },
      { ParameterKey: 'ExternalId', UsePreviousValue: true },
    ]);
    expect(report.secretParameterKeys).toEqual(['ExternalId']);
    expect(report.missingParameters).toEqual([]);
    expect(report.capabilities).toEqual(['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM']);
    expect(report.capabilityResources).toEqual([
      { logicalId: 'GitpodSetupAndInitialEKSUserAdmin', type: 'AWS::IAM::Role', named: true },
      { logicalId: 'GitpodInfrastructureCreationPolicy', type: 'AWS::IAM::ManagedPolicy', named: true },
    ]);
    expect(check(report, 'capabilities').reason).toContain(
      'GitpodSetupAndInitialEKSUserAdmin (AWS::IAM::Role, custom name)',
    );
    expect(report.delivery).toBe('inline');
    expect(report.templateBytes).toBe(Buffer.byteLength(ROLE_TEMPLATE));
    expect(report.executionRoleArn).toBe(ROLE_ARN);
    // aws: tags belong to CloudFormation and cannot be passed back.
    expect(report.stackTags).toEqual([{ Key: 'owner', Value: 'platform' }]);
    expect(report.stackId).toBe(ROLE_STACK_ID);
    expect(cfn.commandCalls(ValidateTemplateCommand)[0]?.args[0].input).toEqual({
      TemplateBody: ROLE_TEMPLATE,
    });
  });

  it('stops at the credentials when they act on another account, without calling AWS', async () => {
    healthy();
    const report = await preflight({
      identity: { account: '999999999999', arn: 'arn:aws:iam::999999999999:user/x' },
    });
    expect(report.checks).toHaveLength(1);
    expect(report.checks[0]).toMatchObject({ id: 'credentials', outcome: 'blocking' });
    expect(report.checks[0]?.reason).toContain('999999999999');
    expect(report.checks[0]?.fix).toContain(ACCOUNT);
    expect(report.canProceed).toBe(false);
    expect(cfn.calls()).toHaveLength(0);
    expect(iam.calls()).toHaveLength(0);
  });

  it('blocks while another update runs, and says when it started and how', async () => {
    healthy();
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [roleStack({ StackStatus: 'UPDATE_IN_PROGRESS', ChangeSetId: changeSetArn('colleague') })],
    });
    cfn.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        {
          StackId: ROLE_STACK_ID,
          StackName: 'gitpod-role',
          EventId: 'e1',
          LogicalResourceId: 'gitpod-role',
          PhysicalResourceId: ROLE_STACK_ID,
          ResourceType: 'AWS::CloudFormation::Stack',
          ResourceStatus: 'UPDATE_IN_PROGRESS',
          ResourceStatusReason: 'User Initiated',
          ClientRequestToken: 'Console-ExecuteChangeSet-0f1e',
          Timestamp: new Date('2026-04-01T08:55:00Z'),
        },
      ],
    });
    const report = await preflight();
    const state = check(report, 'stack-state');
    expect(state.outcome).toBe('blocking');
    expect(state.reason).toContain('another update is running');
    expect(state.reason).toContain('2026-04-01T08:55:00.000Z (User Initiated)');
    expect(state.reason).toContain('Console-ExecuteChangeSet-0f1e');
    expect(state.reason).toContain(changeSetArn('colleague'));
    expect(state.fix).toMatch(/^Wait for it to finish/);
    expect(report.canProceed).toBe(false);
    expect(report.needsRecovery).toBe(false);
  });

  it('sends UPDATE_ROLLBACK_FAILED to recovery', async () => {
    healthy();
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        roleStack({ StackStatus: 'UPDATE_ROLLBACK_FAILED', StackStatusReason: 'Role could not be deleted' }),
      ],
    });
    const report = await preflight();
    expect(check(report, 'stack-state')).toMatchObject({ outcome: 'blocking' });
    expect(check(report, 'stack-state').fix).toContain('ContinueUpdateRollback');
    expect(check(report, 'stack-state').reason).toContain('Role could not be deleted');
    expect(report.needsRecovery).toBe(true);
    expect(report.canProceed).toBe(false);
  });

  it('explains ROLLBACK_COMPLETE: the stack never got created and cannot be updated', async () => {
    healthy();
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [roleStack({ StackStatus: 'ROLLBACK_COMPLETE' })] });
    const report = await preflight();
    expect(check(report, 'stack-state')).toMatchObject({ outcome: 'blocking' });
    expect(check(report, 'stack-state').reason).toContain('failed to create');
    expect(check(report, 'stack-state').fix).toContain('Delete the stack');
  });

  it('does not call a stack that was never created "another update"', async () => {
    healthy();
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [roleStack({ StackStatus: 'REVIEW_IN_PROGRESS' })] });
    const report = await preflight();
    expect(check(report, 'stack-state')).toMatchObject({ outcome: 'blocking' });
    expect(check(report, 'stack-state').reason).not.toContain('another update');
    expect(check(report, 'stack-state').reason).toContain('waiting for its first change set');
  });

  it('lets an update follow a rolled-back one, saying what happened', async () => {
    healthy();
    cfn
      .on(DescribeStacksCommand)
      .resolves({ Stacks: [roleStack({ StackStatus: 'UPDATE_ROLLBACK_COMPLETE' })] });
    const report = await preflight();
    expect(check(report, 'stack-state')).toMatchObject({ outcome: 'passed' });
    expect(check(report, 'stack-state').reason).toContain('rolled back');
  });

  it('blocks when the stack does not exist', async () => {
    healthy();
    cfn
      .on(DescribeStacksCommand)
      .rejects(error('ValidationError', 'Stack with id gitpod-role does not exist'));
    const report = await preflight();
    expect(check(report, 'stack-state')).toMatchObject({ outcome: 'blocking' });
    expect(check(report, 'stack-state').reason).toContain('does not exist');
    expect(report.checks.some((c) => c.id === 'other-change-sets')).toBe(false);
  });

  it('says which CloudFormation action was denied', async () => {
    healthy();
    cfn
      .on(DescribeStacksCommand)
      .rejects(
        error(
          'AccessDenied',
          `User: arn:aws:iam::${ACCOUNT}:user/jane is not authorized to perform: cloudformation:DescribeStacks`,
          403,
        ),
      );
    const report = await preflight();
    expect(check(report, 'stack-state')).toMatchObject({ outcome: 'blocking' });
    expect(check(report, 'stack-state').reason).toContain('cloudformation:DescribeStacks');
    expect(check(report, 'stack-state').fix).toContain(
      'Ask an AWS administrator to allow cloudformation:DescribeStacks',
    );
  });

  it('blocks when the execution role does not exist', async () => {
    healthy();
    iam
      .on(GetRoleCommand)
      .rejects(
        error('NoSuchEntity', 'The role with name GitpodSetupAndInitialEKSUserAdmin cannot be found.', 404),
      );
    const report = await preflight();
    expect(check(report, 'execution-role')).toMatchObject({ outcome: 'blocking' });
    expect(check(report, 'execution-role').fix).toContain('role stack');
    expect(report.executionRoleArn).toBeNull();
    expect(report.canProceed).toBe(false);
  });

  it('only warns when IAM cannot be read, and falls back to the role the stack runs with', async () => {
    healthy();
    const stackRole = `arn:aws:iam::${ACCOUNT}:role/custom/GitpodSetupAndInitialEKSUserAdmin`;
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [roleStack({ RoleARN: stackRole })] });
    iam
      .on(GetRoleCommand)
      .rejects(
        error(
          'AccessDenied',
          `User: arn:aws:iam::${ACCOUNT}:user/jane is not authorized to perform: iam:GetRole`,
          403,
        ),
      );
    const report = await preflight();
    const role = check(report, 'execution-role');
    expect(role.outcome).toBe('warning');
    expect(role.reason).toMatch(/^Could not verify/);
    expect(role.reason).toContain('iam:GetRole');
    expect(report.executionRoleArn).toBe(stackRole);
    expect(report.stackRoleArn).toBe(stackRole);
    expect(report.canProceed).toBe(true);
  });

  it('lists new parameters without a default as missing (blocking), flagging secret ones', async () => {
    healthy();
    cfn.on(GetTemplateSummaryCommand).resolves({
      Parameters: [
        { ParameterKey: 'GitpodAccountId', DefaultValue: '210987654321' },
        { ParameterKey: 'ExternalId', NoEcho: true },
        { ParameterKey: 'SupportContact', Description: 'Who Gitpod calls', ParameterType: 'String' },
        { ParameterKey: 'BreakGlassToken', NoEcho: true, ParameterType: 'String' },
        { ParameterKey: 'LogRetentionDays', DefaultValue: '30', ParameterType: 'Number' },
      ],
    });
    const report = await preflight();
    expect(report.missingParameters).toEqual([
      { key: 'SupportContact', description: 'Who Gitpod calls', type: 'String', noEcho: false },
      { key: 'BreakGlassToken', type: 'String', noEcho: true },
    ]);
    expect(check(report, 'parameters')).toMatchObject({ outcome: 'blocking' });
    expect(check(report, 'parameters').reason).toContain('SupportContact and BreakGlassToken (secret)');
    expect(report.secretParameterKeys).toEqual(['ExternalId', 'BreakGlassToken']);
    expect(report.canProceed).toBe(false);
  });

  it('uses the values given for new parameters, and leaves defaults to the template', async () => {
    healthy();
    cfn.on(GetTemplateSummaryCommand).resolves({
      Parameters: [
        { ParameterKey: 'ExternalId', NoEcho: true },
        { ParameterKey: 'SupportContact' },
        { ParameterKey: 'LogRetentionDays', DefaultValue: '30' },
      ],
    });
    const report = await preflight({
      parameterValues: { SupportContact: 'ops@example.com', ExternalId: 'ignored' },
    });
    expect(report.parameters).toEqual([
      { ParameterKey: 'ExternalId', UsePreviousValue: true },
      { ParameterKey: 'SupportContact', ParameterValue: 'ops@example.com' },
    ]);
    expect(report.missingParameters).toEqual([]);
    const parameters = check(report, 'parameters');
    expect(parameters.outcome).toBe('passed');
    expect(parameters.reason).toContain('new LogRetentionDays take the template');
    // The stack's GitpodAccountId is not in this template: sending it would be refused.
    expect(parameters.reason).toContain('GitpodAccountId are no longer in the template');
  });

  it('needs no acknowledgement for a template without IAM resources', async () => {
    healthy();
    const body = JSON.stringify({
      Resources: {
        Topic: { Type: 'AWS::SNS::Topic', Metadata: { 'aws:cdk:path': 'gitpod-cell/Topic/Resource' } },
      },
    });
    cfn.on(GetTemplateSummaryCommand).resolves({ Parameters: [] });
    const report = await preflight({
      stack: { kind: 'instance', stackName: 'gitpod-instance' },
      source: { kind: 'template', body, sha256: sha256Hex(body) },
    });
    expect(check(report, 'template-kind')).toMatchObject({ outcome: 'passed' });
    expect(check(report, 'capabilities')).toMatchObject({ outcome: 'passed' });
    expect(report.capabilities).toEqual([]);
    expect(report.capabilityResources).toEqual([]);
  });

  it('derives the capabilities from the template when CloudFormation does not list them', async () => {
    healthy();
    cfn.on(GetTemplateSummaryCommand).resolves({ Parameters: [] });
    const report = await preflight();
    expect(report.capabilities).toEqual(['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM']);
    expect(report.capabilitiesReason).toBeUndefined();
  });

  it('refuses the instance template for the role stack before uploading or validating it', async () => {
    healthy();
    const body = loadFixture('instance.json');
    const upload = vi.fn();
    const report = await preflight(
      { source: { kind: 'template', body, sha256: sha256Hex(body) } },
      { uploadTemplate: upload },
    );
    const kind = check(report, 'template-kind');
    expect(kind.outcome).toBe('blocking');
    expect(kind.reason).toContain('is the instance template');
    expect(kind.fix).toContain('Offer it as the instance template');
    expect(upload).not.toHaveBeenCalled();
    expect(cfn.commandCalls(ValidateTemplateCommand)).toHaveLength(0);
    expect(report.canProceed).toBe(false);
  });

  it('blocks a template CloudFormation rejects, with its message', async () => {
    healthy();
    cfn
      .on(ValidateTemplateCommand)
      .rejects(
        error(
          'ValidationError',
          'Template format error: Unresolved resource dependencies [Missing] in the Resources block',
        ),
      );
    const report = await preflight();
    const valid = check(report, 'template-valid');
    expect(valid.outcome).toBe('blocking');
    expect(valid.reason).toContain(
      'CloudFormation rejects the template: Template format error: Unresolved resource dependencies',
    );
    expect(cfn.commandCalls(GetTemplateSummaryCommand)).toHaveLength(0);
  });

  it('blocks a template that does not parse, and one whose text changed since import', async () => {
    healthy();
    const broken = '{ "Resources": ';
    const report = await preflight({ source: { kind: 'template', body: broken, sha256: sha256Hex(broken) } });
    expect(check(report, 'template-valid').reason).toContain('does not parse');
    const changed = await preflight({
      source: { kind: 'template', body: ROLE_TEMPLATE, sha256: sha256Hex('other') },
    });
    expect(check(changed, 'template-valid').reason).toContain('changed since');
  });

  it('uploads a template over 51,200 bytes to S3 and validates it by its TemplateURL', async () => {
    healthy();
    const role = JSON.parse(ROLE_TEMPLATE) as Record<string, unknown>;
    const body = JSON.stringify({ ...role, Metadata: { Padding: 'x'.repeat(60_000) } });
    const url = `https://dedicated-admin-templates-${ACCOUNT}-eu-central-1.s3.eu-central-1.amazonaws.com/templates/${sha256Hex(body)}.json`;
    const upload = vi.fn().mockResolvedValue({ templateUrl: url, bucket: 'b', key: 'k' });
    const report = await preflight(
      { source: { kind: 'template', body, sha256: sha256Hex(body) } },
      { uploadTemplate: upload },
    );
    expect(upload).toHaveBeenCalledWith(clients.s3, {
      accountId: ACCOUNT,
      region: 'eu-central-1',
      body,
      sha256: sha256Hex(body),
    });
    expect(report.delivery).toBe('s3');
    expect(report.templateUrl).toBe(url);
    expect(check(report, 'template-size')).toMatchObject({ outcome: 'passed' });
    expect(check(report, 'template-size').reason).toContain('uploaded to s3://b/k');
    expect(cfn.commandCalls(ValidateTemplateCommand)[0]?.args[0].input).toEqual({ TemplateURL: url });
    expect(cfn.commandCalls(GetTemplateSummaryCommand)[0]?.args[0].input).toEqual({ TemplateURL: url });
  });

  it('blocks on a failed upload with the translated S3 error', async () => {
    healthy();
    const body = JSON.stringify({
      ...(JSON.parse(ROLE_TEMPLATE) as object),
      Metadata: { Padding: 'x'.repeat(60_000) },
    });
    const upload = vi
      .fn()
      .mockRejectedValue(
        error(
          'AccessDenied',
          `User: arn:aws:iam::${ACCOUNT}:user/jane is not authorized to perform: s3:CreateBucket`,
          403,
        ),
      );
    const report = await preflight(
      { source: { kind: 'template', body, sha256: sha256Hex(body) } },
      { uploadTemplate: upload },
    );
    const size = check(report, 'template-size');
    expect(size.outcome).toBe('blocking');
    expect(size.reason).toContain('The upload failed');
    expect(size.reason).toContain('s3:CreateBucket');
    expect(cfn.commandCalls(ValidateTemplateCommand)).toHaveLength(0);
  });

  it('refuses a template over 1 MB without uploading it', async () => {
    healthy();
    const body = JSON.stringify({
      ...(JSON.parse(ROLE_TEMPLATE) as object),
      Metadata: { Padding: 'x'.repeat(1_100_000) },
    });
    const upload = vi.fn();
    const report = await preflight(
      { source: { kind: 'template', body, sha256: sha256Hex(body) } },
      { uploadTemplate: upload },
    );
    const size = check(report, 'template-size');
    expect(size.outcome).toBe('blocking');
    expect(size.reason).toContain("over CloudFormation's limit of 1.00 MB");
    expect(upload).not.toHaveBeenCalled();
    expect(cfn.commandCalls(ValidateTemplateCommand)).toHaveLength(0);
    expect(report.canProceed).toBe(false);
  });

  it("warns about this stack's other pending change sets, ignoring other stacks' and finished ones", async () => {
    healthy();
    const summary = (name: string, stack: string, status: string, execution: string) => ({
      StackId: stackArn(stack),
      StackName: stack,
      ChangeSetId: changeSetArn(name),
      ChangeSetName: name,
      Status: status,
      ExecutionStatus: execution,
      CreationTime: new Date('2026-03-30T12:00:00Z'),
    });
    cfn.on(ListChangeSetsCommand).resolves({
      Summaries: [
        summary('colleague-draft', 'gitpod-role', 'CREATE_COMPLETE', 'AVAILABLE'),
        summary('old-and-done', 'gitpod-role', 'CREATE_COMPLETE', 'OBSOLETE'),
        summary('empty', 'gitpod-role', 'FAILED', 'UNAVAILABLE'),
        // moto lists every stack's change sets, whatever StackName says.
        summary('instance-update', 'gitpod-instance', 'CREATE_COMPLETE', 'AVAILABLE'),
      ] as never,
    });
    const report = await preflight();
    expect(cfn.commandCalls(ListChangeSetsCommand)[0]?.args[0].input).toEqual({ StackName: ROLE_STACK_ID });
    expect(report.otherChangeSets).toEqual([
      {
        name: 'colleague-draft',
        id: changeSetArn('colleague-draft'),
        status: 'CREATE_COMPLETE',
        executionStatus: 'AVAILABLE',
        createdAt: '2026-03-30T12:00:00.000Z',
      },
    ]);
    const others = check(report, 'other-change-sets');
    expect(others.outcome).toBe('warning');
    expect(others.reason).toContain('Another change set is pending on the stack: colleague-draft');
    expect(others.reason).toContain('obsolete');
    expect(report.canProceed).toBe(true);
  });

  it('detects drift on fake time and lists what the update will overwrite', async () => {
    healthy();
    cfn.on(DetectStackDriftCommand).resolves({ StackDriftDetectionId: 'drift-1' });
    cfn
      .on(DescribeStackDriftDetectionStatusCommand)
      .resolvesOnce({
        StackId: ROLE_STACK_ID,
        StackDriftDetectionId: 'drift-1',
        DetectionStatus: 'DETECTION_IN_PROGRESS',
        Timestamp: new Date(),
      })
      .resolves({
        StackId: ROLE_STACK_ID,
        StackDriftDetectionId: 'drift-1',
        DetectionStatus: 'DETECTION_COMPLETE',
        StackDriftStatus: 'DRIFTED',
        Timestamp: new Date(),
      });
    cfn.on(DescribeStackResourceDriftsCommand).resolves({
      StackResourceDrifts: [
        {
          StackId: ROLE_STACK_ID,
          LogicalResourceId: 'GitpodSetupAndInitialEKSUserAdmin',
          PhysicalResourceId: 'GitpodSetupAndInitialEKSUserAdmin',
          ResourceType: 'AWS::IAM::Role',
          StackResourceDriftStatus: 'MODIFIED',
          PropertyDifferences: [
            {
              PropertyPath: '/MaxSessionDuration',
              ExpectedValue: '43200',
              ActualValue: '3600',
              DifferenceType: 'NOT_EQUAL',
            },
          ],
          Timestamp: new Date(),
        },
        {
          StackId: ROLE_STACK_ID,
          LogicalResourceId: 'GitpodInfrastructureCreationPolicy',
          ResourceType: 'AWS::IAM::ManagedPolicy',
          StackResourceDriftStatus: 'DELETED',
          Timestamp: new Date(),
        },
      ],
    });
    const timers = new ManualTimers(0);
    const running = preflight({ detectDrift: true }, { timers, driftPollIntervalMs: 3_000 });
    // Each poll waits on the injected timers: nothing moves until time does.
    await vi.waitFor(() => expect(timers.pendingCount).toBe(1));
    expect(cfn.commandCalls(DescribeStackDriftDetectionStatusCommand)).toHaveLength(0);
    await timers.advance(3_000);
    await vi.waitFor(() =>
      expect(cfn.commandCalls(DescribeStackDriftDetectionStatusCommand)).toHaveLength(1),
    );
    await vi.waitFor(() => expect(timers.pendingCount).toBe(1));
    await timers.advance(3_000);
    const report = await running;
    expect(cfn.commandCalls(DescribeStackDriftDetectionStatusCommand)).toHaveLength(2);
    expect(cfn.commandCalls(DescribeStackResourceDriftsCommand)[0]?.args[0].input).toMatchObject({
      StackResourceDriftStatusFilters: ['MODIFIED', 'DELETED'],
    });
    expect(report.driftedResources).toEqual([
      {
        logicalId: 'GitpodSetupAndInitialEKSUserAdmin',
        physicalId: 'GitpodSetupAndInitialEKSUserAdmin',
        type: 'AWS::IAM::Role',
        status: 'MODIFIED',
        differences: ['/MaxSessionDuration (NOT_EQUAL)'],
      },
      {
        logicalId: 'GitpodInfrastructureCreationPolicy',
        type: 'AWS::IAM::ManagedPolicy',
        status: 'DELETED',
        differences: [],
      },
    ]);
    const drift = check(report, 'drift');
    expect(drift.outcome).toBe('warning');
    expect(drift.reason).toContain('will overwrite');
    expect(drift.reason).toContain('GitpodInfrastructureCreationPolicy (deleted)');
  });

  it('reports drift detection it could not run as a warning, and skips it unless asked', async () => {
    healthy();
    cfn
      .on(DetectStackDriftCommand)
      .rejects(
        error('AccessDenied', 'User: x is not authorized to perform: cloudformation:DetectStackDrift', 403),
      );
    const report = await preflight({ detectDrift: true });
    expect(check(report, 'drift')).toMatchObject({ outcome: 'warning' });
    expect(check(report, 'drift').reason).toContain('cloudformation:DetectStackDrift');
    expect(report.driftedResources).toBeUndefined();
    const without = await preflight();
    expect(without.checks.some((c) => c.id === 'drift')).toBe(false);
  });

  describe("a vendor's change set", () => {
    const CHANGE_SET = changeSetArn('gitpod-update-v37');

    function vendorChangeSet(overrides: Record<string, unknown> = {}): void {
      healthy();
      cfn.on(DescribeChangeSetCommand).resolves({
        ChangeSetId: CHANGE_SET,
        ChangeSetName: 'gitpod-update-v37',
        StackId: ROLE_STACK_ID,
        StackName: 'gitpod-role',
        Status: 'CREATE_COMPLETE',
        ExecutionStatus: 'AVAILABLE',
        Capabilities: ['CAPABILITY_NAMED_IAM'],
        Parameters: [
          { ParameterKey: 'GitpodAccountId', ParameterValue: '210987654321' },
          { ParameterKey: 'ExternalId', ParameterValue: '****' },
        ],
        ...overrides,
      });
      cfn.on(GetTemplateCommand).resolves({ TemplateBody: ROLE_TEMPLATE });
      cfn.on(ListChangeSetsCommand).resolves({
        Summaries: [
          {
            StackId: ROLE_STACK_ID,
            ChangeSetId: CHANGE_SET,
            ChangeSetName: 'gitpod-update-v37',
            Status: 'CREATE_COMPLETE',
            ExecutionStatus: 'AVAILABLE',
          },
        ],
      });
    }

    it('reads its template, parameters and capabilities from the change set', async () => {
      vendorChangeSet();
      const report = await preflight({ source: { kind: 'change-set', changeSetId: CHANGE_SET } });
      expect(report.canProceed).toBe(true);
      expect(check(report, 'change-set')).toMatchObject({ outcome: 'passed' });
      expect(check(report, 'template-kind')).toMatchObject({ outcome: 'passed' });
      expect(cfn.commandCalls(GetTemplateCommand)[0]?.args[0].input).toMatchObject({
        ChangeSetName: CHANGE_SET,
        TemplateStage: 'Original',
      });
      expect(report.parameters).toEqual([
        { ParameterKey: 'GitpodAccountId', ParameterValue: '210987654321' },
        { ParameterKey: 'ExternalId', ParameterValue: '****' },
      ]);
      expect(report.secretParameterKeys).toEqual(['ExternalId']);
      expect(report.capabilities).toEqual(['CAPABILITY_NAMED_IAM']);
      expect(report.capabilityResources.map((r) => r.logicalId)).toContain(
        'GitpodSetupAndInitialEKSUserAdmin',
      );
      // The change set itself is not "another" change set.
      expect(report.otherChangeSets).toEqual([]);
      expect(cfn.commandCalls(ValidateTemplateCommand)).toHaveLength(0);
    });

    it('recognises an empty change set as "already up to date"', async () => {
      vendorChangeSet({
        Status: 'FAILED',
        ExecutionStatus: 'UNAVAILABLE',
        StatusReason:
          "The submitted information didn't contain changes. Submit different information to create a change set.",
      });
      const report = await preflight({ source: { kind: 'change-set', changeSetId: CHANGE_SET } });
      expect(check(report, 'change-set')).toMatchObject({ outcome: 'blocking' });
      expect(check(report, 'change-set').reason).toContain('already runs this version');
    });

    it('refuses a change set of another stack', async () => {
      vendorChangeSet({ StackId: stackArn('gitpod-instance'), StackName: 'gitpod-instance' });
      const report = await preflight({ source: { kind: 'change-set', changeSetId: CHANGE_SET } });
      expect(check(report, 'change-set')).toMatchObject({ outcome: 'blocking' });
      expect(check(report, 'change-set').reason).toContain('belongs to stack gitpod-instance');
    });

    it('refuses an obsolete or missing change set', async () => {
      vendorChangeSet({ ExecutionStatus: 'OBSOLETE' });
      const obsolete = await preflight({ source: { kind: 'change-set', changeSetId: CHANGE_SET } });
      expect(check(obsolete, 'change-set').reason).toContain('obsolete');
      cfn
        .on(DescribeChangeSetCommand)
        .rejects(error('ChangeSetNotFound', `ChangeSet [${CHANGE_SET}] does not exist`, 404));
      const missing = await preflight({ source: { kind: 'change-set', changeSetId: CHANGE_SET } });
      expect(check(missing, 'change-set')).toMatchObject({ outcome: 'blocking' });
      expect(check(missing, 'change-set').reason).toContain('does not exist');
    });
  });
});
