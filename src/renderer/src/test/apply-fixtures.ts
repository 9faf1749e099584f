import type { PreflightCheck, PreflightReport } from '../../../shared/apply/preflight';
import type {
  ChangeSetReview,
  ReviewAction,
  ReviewChange,
  ReviewSummary,
  TemplateDiffEntry,
} from '../../../shared/apply/review';
import {
  APPLY_STEPS,
  type ApplyRunSummary,
  type ApplyRunView,
  type ApplyStackView,
  type ApplyStep,
  type StackStepState,
  type StepState,
} from '../../../shared/apply/run';
import { ACCOUNT, CALLER_ARN, CELL_ID } from './cell-fixtures';
import { INSTANCE_SHA, ROLE_SHA } from './update-fixtures';

/*
 * Builders for the guided apply as main sends it. Each one is valid against its zod schema
 * (apply-fixtures.test.ts parses them), so a test never shows the UI something main could not send.
 */

export const RUN_ID = 'run-20260301T101500Z-a1b2c3';
export const OTHER_RUN_ID = 'run-20260201T090000Z-d4e5f6';
export const UPDATE_ID = 'imp-0123456789abcdef01234567';
export const STARTED_AT = '2026-03-01T10:15:00.000Z';

/** One entry per wizard screen (recover only when asked), earlier ones done, later ones pending. */
export function stepsAt(
  current: ApplyStep | 'all-done' | 'none',
  state: StepState = 'active',
  withRecover = false,
): StackStepState[] {
  const steps = APPLY_STEPS.filter((step) => withRecover || step !== 'recover');
  const at = current === 'all-done' ? steps.length : current === 'none' ? -1 : steps.indexOf(current);
  return steps.map((step, index) => ({
    step,
    state: current === 'none' ? 'pending' : index < at ? 'done' : index === at ? state : 'pending',
  }));
}

export function preflightCheck(overrides: Partial<PreflightCheck> = {}): PreflightCheck {
  return {
    id: 'credentials',
    outcome: 'passed',
    title: 'Credentials',
    reason: 'Signed in to account 123456789012 in eu-central-1.',
    ...overrides,
  };
}

export function preflightReport(overrides: Partial<PreflightReport> = {}): PreflightReport {
  return {
    stackName: 'gitpod-role',
    stackKind: 'role',
    stackId: 'arn:aws:cloudformation:eu-central-1:123456789012:stack/gitpod-role/1',
    stackStatus: 'UPDATE_COMPLETE',
    checkedAt: '2026-03-01T10:15:05.000Z',
    checks: [
      preflightCheck(),
      preflightCheck({
        id: 'stack-state',
        title: 'Stack state',
        reason: 'The stack is UPDATE_COMPLETE: it can be updated.',
      }),
      preflightCheck({
        id: 'other-change-sets',
        outcome: 'warning',
        title: 'Other change sets',
        reason: 'The stack has 1 other change set; executing this one makes it obsolete.',
        fix: 'Nothing to do, unless you still need that change set.',
      }),
    ],
    canProceed: true,
    needsRecovery: false,
    parameters: [{ ParameterKey: 'DomainName', UsePreviousValue: true }],
    secretParameterKeys: [],
    missingParameters: [],
    capabilities: [],
    capabilityResources: [],
    delivery: 'inline',
    templateBytes: 12_345,
    executionRoleArn: 'arn:aws:iam::123456789012:role/GitpodSetupAndInitialEKSUserAdmin',
    stackTags: [],
    otherChangeSets: [],
    ...overrides,
  };
}

export function stackView(overrides: Partial<ApplyStackView> = {}): ApplyStackView {
  return {
    kind: 'role',
    stackName: 'gitpod-role',
    updateId: UPDATE_ID,
    source: 'import',
    templateSha256: ROLE_SHA,
    templateName: 'role.json',
    phase: 'pending',
    steps: stepsAt('none'),
    timeline: [],
    recentEvents: [],
    rootCause: [],
    ...overrides,
  };
}

/** A run of an imported update over both stacks, just started (preflight under way on the role stack). */
export function applyRun(overrides: Partial<ApplyRunView> = {}): ApplyRunView {
  return {
    id: RUN_ID,
    cellId: CELL_ID,
    cellName: 'production',
    accountId: ACCOUNT,
    region: 'eu-central-1',
    callerArn: CALLER_ARN,
    label: 'Infrastructure Update v38',
    covers: [UPDATE_ID],
    createdAt: STARTED_AT,
    updatedAt: STARTED_AT,
    status: 'active',
    currentStack: 0,
    currentStep: 'preflight',
    stacks: [
      stackView({ phase: 'preflight', steps: stepsAt('preflight'), startedAt: STARTED_AT }),
      stackView({
        kind: 'instance',
        stackName: 'gitpod-instance',
        templateSha256: INSTANCE_SHA,
        templateName: 'instance.yaml',
      }),
    ],
    message: 'Running the preflight checks on gitpod-role…',
    ...overrides,
  };
}

/** `run` with its current stack changed by `overrides`. */
export function withCurrentStack(run: ApplyRunView, overrides: Partial<ApplyStackView>): ApplyRunView {
  return {
    ...run,
    stacks: run.stacks.map((stack, index) =>
      index === run.currentStack ? { ...stack, ...overrides } : stack,
    ),
  };
}

export function runAwaitingInput(
  awaiting: Partial<Extract<ApplyRunView['awaiting'], { kind: 'input' }>> = {},
  preflight: Partial<PreflightReport> = {},
): ApplyRunView {
  const run = applyRun({
    status: 'waiting',
    currentStep: 'input',
    updatedAt: '2026-03-01T10:15:06.000Z',
    awaiting: {
      kind: 'input',
      stackName: 'gitpod-role',
      missingParameters: [],
      capabilities: [],
      capabilityResources: [],
      ...awaiting,
    },
    message: 'Preflight passed with 1 warning: give what the update needs.',
  });
  return withCurrentStack(run, {
    phase: 'awaiting-input',
    steps: stepsAt('input', 'waiting'),
    preflight: preflightReport(preflight),
  });
}

export const SUMMARY: ReviewSummary = {
  total: 3,
  add: 1,
  modify: 1,
  remove: 1,
  import: 0,
  dynamic: 0,
  sync: 0,
  replacements: 1,
  conditionalReplacements: 0,
  removals: 1,
  risks: 2,
  iamChanges: 1,
  securityGroupChanges: 1,
  broadening: true,
};

export function runAwaitingConfirmation(overrides: Partial<ApplyRunView> = {}): ApplyRunView {
  const run = applyRun({
    status: 'waiting',
    currentStep: 'review',
    updatedAt: '2026-03-01T10:16:30.000Z',
    awaiting: {
      kind: 'confirmation',
      stackName: 'gitpod-role',
      accountId: ACCOUNT,
      changeSetName: 'dedicated-admin-v38-role',
    },
    message: 'The change set is ready: review it, then confirm.',
    ...overrides,
  });
  return withCurrentStack(run, {
    phase: 'awaiting-confirmation',
    steps: stepsAt('review', 'waiting'),
    preflight: preflightReport(),
    changeSet: {
      name: 'dedicated-admin-v38-role',
      id: 'arn:aws:cloudformation:eu-central-1:123456789012:changeSet/dedicated-admin-v38-role/1',
      createdByRun: true,
      status: 'CREATE_COMPLETE',
    },
    review: SUMMARY,
  });
}

/** The role stack being updated: 12 of 40 resources done, 3 events. */
export function runMonitoring(overrides: Partial<ApplyStackView> = {}): ApplyRunView {
  const run = applyRun({
    currentStep: 'monitor',
    updatedAt: '2026-03-01T10:18:00.000Z',
    message: 'Updating gitpod-role: 12 of 40 resources done.',
  });
  return withCurrentStack(run, {
    phase: 'monitoring',
    steps: stepsAt('monitor'),
    preflight: preflightReport(),
    review: SUMMARY,
    progress: {
      resourcesDone: 12,
      resourcesTotal: 40,
      percent: 30,
      startedAt: '2026-03-01T10:17:00.000Z',
      elapsedMs: 60_000,
      stackStatus: 'UPDATE_IN_PROGRESS',
      reconnecting: false,
      message: 'Updating gitpod-role: 12 of 40 resources done.',
    },
    timeline: [
      {
        logicalId: 'SetupRole',
        resourceType: 'AWS::IAM::Role',
        startedAt: '2026-03-01T10:17:02.000Z',
        endedAt: '2026-03-01T10:17:20.000Z',
        status: 'UPDATE_COMPLETE',
      },
      {
        logicalId: 'SetupPolicy',
        resourceType: 'AWS::IAM::Policy',
        startedAt: '2026-03-01T10:17:21.000Z',
        status: 'UPDATE_IN_PROGRESS',
      },
    ],
    recentEvents: [
      {
        id: 'ev-1',
        timestamp: '2026-03-01T10:17:00.000Z',
        logicalId: 'gitpod-role',
        resourceType: 'AWS::CloudFormation::Stack',
        status: 'UPDATE_IN_PROGRESS',
        reason: 'User Initiated',
      },
      {
        id: 'ev-2',
        timestamp: '2026-03-01T10:17:20.000Z',
        logicalId: 'SetupRole',
        resourceType: 'AWS::IAM::Role',
        status: 'UPDATE_COMPLETE',
      },
      {
        id: 'ev-3',
        timestamp: '2026-03-01T10:17:21.000Z',
        logicalId: 'SetupPolicy',
        resourceType: 'AWS::IAM::Policy',
        status: 'UPDATE_IN_PROGRESS',
      },
    ],
    ...overrides,
  });
}

export const ROOT_CAUSE_REASON = 'Resource handler returned message: "Access denied for iam:PutRolePolicy"';

/** A finished run whose role stack rolled back: the instance stack never started. */
export function runRolledBack(): ApplyRunView {
  const monitoring = runMonitoring();
  const run: ApplyRunView = {
    ...monitoring,
    status: 'finished',
    outcome: 'rolled-back',
    finishedAt: '2026-03-01T10:21:00.000Z',
    updatedAt: '2026-03-01T10:21:00.000Z',
    message: 'gitpod-role rolled back: the update failed and every resource is as it was.',
    stacks: [
      monitoring.stacks[0] as ApplyStackView,
      { ...(monitoring.stacks[1] as ApplyStackView), phase: 'not-started' },
    ],
  };
  return withCurrentStack(run, {
    phase: 'rolled-back',
    finalStatus: 'UPDATE_ROLLBACK_COMPLETE',
    endedAt: '2026-03-01T10:21:00.000Z',
    steps: stepsAt('monitor', 'failed'),
    rootCause: [
      {
        logicalId: 'SetupPolicy',
        resourceType: 'AWS::IAM::Policy',
        status: 'UPDATE_FAILED',
        reason: ROOT_CAUSE_REASON,
        timestamp: '2026-03-01T10:18:40.000Z',
      },
    ],
    error: {
      code: 'stack-rolled-back',
      message: 'The update of gitpod-role failed and was rolled back.',
      nextStep: 'Give the execution role iam:PutRolePolicy, then start the apply again.',
    },
  });
}

export function runAwaitingRecovery(): ApplyRunView {
  const run = applyRun({
    status: 'waiting',
    currentStep: 'recover',
    updatedAt: '2026-03-01T10:25:00.000Z',
    awaiting: {
      kind: 'recovery',
      stackName: 'gitpod-role',
      failedResources: [
        {
          logicalId: 'SetupPolicy',
          resourceType: 'AWS::IAM::Policy',
          reason: 'Policy could not be restored',
        },
        { logicalId: 'SetupBucket', resourceType: 'AWS::S3::Bucket', reason: 'Bucket not empty' },
      ],
      consequence:
        'Skipped resources are left as they are now, and CloudFormation no longer matches them: fix them by hand.',
    },
    message: 'The rollback of gitpod-role failed: choose the resources to skip.',
  });
  return withCurrentStack(run, {
    phase: 'awaiting-recovery',
    steps: stepsAt('recover', 'waiting', true),
    preflight: preflightReport(),
  });
}

export function runPaused(): ApplyRunView {
  const reason = {
    code: 'credentials-expired',
    message: 'The AWS credentials of profile prod expired.',
    nextStep: 'Run "aws sso login --profile prod", then resume.',
  };
  const run = applyRun({
    status: 'paused',
    currentStep: 'monitor',
    updatedAt: '2026-03-01T10:19:00.000Z',
    awaiting: { kind: 'resume', reason },
    error: reason,
    message: 'Paused: the AWS credentials expired.',
  });
  return withCurrentStack(run, { phase: 'monitoring', steps: stepsAt('monitor') });
}

/** Both stacks updated. */
export function runFinished(overrides: Partial<ApplyRunView> = {}): ApplyRunView {
  const done = {
    phase: 'updated' as const,
    steps: stepsAt('all-done'),
    finalStatus: 'UPDATE_COMPLETE',
    timeline: [],
    recentEvents: [],
    rootCause: [],
  };
  return applyRun({
    status: 'finished',
    outcome: 'updated',
    currentStack: 1,
    currentStep: 'monitor',
    finishedAt: '2026-03-01T10:40:00.000Z',
    updatedAt: '2026-03-01T10:40:00.000Z',
    message: 'Both stacks are updated.',
    stacks: [
      stackView({ ...done, startedAt: STARTED_AT, endedAt: '2026-03-01T10:25:00.000Z' }),
      stackView({
        ...done,
        kind: 'instance',
        stackName: 'gitpod-instance',
        templateSha256: INSTANCE_SHA,
        templateName: 'instance.yaml',
        startedAt: '2026-03-01T10:25:00.000Z',
        endedAt: '2026-03-01T10:40:00.000Z',
      }),
    ],
    ...overrides,
  });
}

export function runSummary(overrides: Partial<ApplyRunSummary> = {}): ApplyRunSummary {
  return {
    id: RUN_ID,
    cellId: CELL_ID,
    cellName: 'production',
    accountId: ACCOUNT,
    label: 'Infrastructure Update v38',
    callerArn: CALLER_ARN,
    createdAt: STARTED_AT,
    finishedAt: '2026-03-01T10:40:00.000Z',
    status: 'finished',
    outcome: 'updated',
    stacks: [
      { stackName: 'gitpod-role', phase: 'updated' },
      { stackName: 'gitpod-instance', phase: 'updated' },
    ],
    ...overrides,
  };
}

export function reviewChange(overrides: Partial<ReviewChange> = {}): ReviewChange {
  return {
    action: 'Modify',
    logicalId: 'SetupRole',
    physicalId: 'GitpodSetupAndInitialEKSUserAdmin',
    resourceType: 'AWS::IAM::Role',
    replacement: 'False',
    scope: ['Properties'],
    details: [
      {
        attribute: 'Properties',
        name: 'MaxSessionDuration',
        path: '/Properties/MaxSessionDuration',
        requiresRecreation: 'Never',
        evaluation: 'Static',
        changeSource: 'DirectModification',
        beforeValue: '3600',
        afterValue: '7200',
      },
    ],
    detailsTruncated: false,
    ...overrides,
  };
}

const PLACEHOLDER_TYPES: Record<ReviewAction, string> = {
  Add: 'AWS::SSM::Parameter',
  Modify: 'AWS::Lambda::Function',
  Remove: 'AWS::SNS::Topic',
  Import: 'AWS::S3::Bucket',
  Dynamic: 'AWS::CloudFormation::CustomResource',
  SyncWithActual: 'AWS::EC2::Instance',
};

/** `count` plain changes of one action, numbered from 0: `Add0001`, `Add0002`… */
export function manyChanges(action: ReviewAction, count: number): ReviewChange[] {
  return Array.from({ length: count }, (_, index) => ({
    action,
    logicalId: `${action}${String(index).padStart(4, '0')}`,
    resourceType: PLACEHOLDER_TYPES[action],
    ...(action === 'Modify' ? { replacement: 'False' as const } : {}),
    scope: action === 'Modify' ? ['Properties'] : [],
    details: [],
    detailsTruncated: false,
  }));
}

export function diffEntry(overrides: Partial<TemplateDiffEntry> = {}): TemplateDiffEntry {
  return {
    section: 'Resources',
    key: 'SetupRole',
    status: 'modified',
    before: ['{', '  "Type": "AWS::IAM::Role",', '  "MaxSessionDuration": 3600', '}'],
    after: ['{', '  "Type": "AWS::IAM::Role",', '  "MaxSessionDuration": 7200', '}'],
    truncated: false,
    ...overrides,
  };
}

/** The review of a change set with one change of each kind that matters: an add, a replacement, a removal. */
export function changeSetReview(overrides: Partial<ChangeSetReview> = {}): ChangeSetReview {
  return {
    stackName: 'gitpod-role',
    stackId: 'arn:aws:cloudformation:eu-central-1:123456789012:stack/gitpod-role/1',
    changeSetId: 'arn:aws:cloudformation:eu-central-1:123456789012:changeSet/dedicated-admin-v38-role/1',
    changeSetName: 'dedicated-admin-v38-role',
    status: 'CREATE_COMPLETE',
    executionStatus: 'AVAILABLE',
    createdAt: '2026-03-01T10:16:00.000Z',
    capabilities: ['CAPABILITY_NAMED_IAM'],
    parameters: [
      { key: 'DomainName', value: 'gitpod.example.com', usePreviousValue: true },
      { key: 'DbPassword', value: '****', usePreviousValue: true },
    ],
    generatedAt: '2026-03-01T10:16:30.000Z',
    summary: SUMMARY,
    groups: {
      add: [
        reviewChange({
          action: 'Add',
          logicalId: 'AuditTopic',
          resourceType: 'AWS::SNS::Topic',
          scope: [],
          details: [],
        }),
      ],
      modify: [
        reviewChange({
          replacement: 'True',
          details: [
            {
              attribute: 'Properties',
              name: 'RoleName',
              requiresRecreation: 'Always',
              changeSource: 'DirectModification',
              beforeValue: 'GitpodSetupAndInitialEKSUserAdmin',
              afterValue: 'GitpodSetupAdmin',
            },
          ],
          risk: {
            kind: 'replacement',
            explanation:
              'SetupRole (AWS::IAM::Role) is replaced: a new role is created and the old one deleted.',
          },
        }),
      ],
      remove: [
        reviewChange({
          action: 'Remove',
          logicalId: 'LegacyBucket',
          physicalId: 'gitpod-legacy-bucket',
          resourceType: 'AWS::S3::Bucket',
          replacement: undefined,
          scope: [],
          details: [],
          policyAction: 'Delete',
          risk: {
            kind: 'removal',
            explanation: 'LegacyBucket (AWS::S3::Bucket) is deleted with its contents.',
          },
        }),
      ],
      import: [],
      dynamic: [],
      sync: [],
    },
    truncated: false,
    permissions: {
      source: 'cloudformation-diff',
      iamStatements: [
        {
          change: 'added',
          resource: '*',
          effect: 'Allow',
          action: 'iam:PassRole',
          principal: 'AWS:arn:aws:iam::123456789012:role/GitpodSetupAndInitialEKSUserAdmin',
          condition: '',
          broadening: true,
        },
      ],
      managedPolicies: [],
      securityGroupRules: [
        {
          change: 'added',
          group: 'ProxySecurityGroup (sg-0123456789abcdef0)',
          direction: 'ingress',
          protocol: 'TCP 443',
          peer: 'Everyone (IPv4)',
          broadening: true,
        },
      ],
      broadened: true,
    },
    templateDiff: { available: true, entries: [diffEntry()] },
    ...overrides,
  };
}

/** A review with `count` changes to modify and nothing else, its summary counting them. */
export function bigReview(count: number): ChangeSetReview {
  return changeSetReview({
    summary: {
      ...SUMMARY,
      total: count,
      add: 0,
      modify: count,
      remove: 0,
      replacements: 0,
      removals: 0,
      risks: 0,
      iamChanges: 0,
      securityGroupChanges: 0,
      broadening: false,
    },
    groups: { add: [], modify: manyChanges('Modify', count), remove: [], import: [], dynamic: [], sync: [] },
    permissions: {
      source: 'cloudformation-diff',
      iamStatements: [],
      managedPolicies: [],
      securityGroupRules: [],
      broadened: false,
    },
  });
}
