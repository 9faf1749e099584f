import type { Cell } from '../../../shared/cells/cell';
import type { CellCheck } from '../../../shared/cells/cell-check';
import type { CellView } from '../../../shared/cells/cells-state';
import type { DiscoveryReport } from '../../../shared/cells/discovery';
import type { StackEvents } from '../../../shared/cells/stack-events';
import type { StackReport } from '../../../shared/cells/stack-report';

export const CELL_ID = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
export const OTHER_CELL_ID = '7a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d';
export const ACCOUNT = '123456789012';
export const CALLER_ARN = 'arn:aws:sts::123456789012:assumed-role/AdminRole/admin@example.com';

export function sampleCell(overrides: Partial<Cell> = {}): Cell {
  return {
    id: CELL_ID,
    name: 'production',
    profile: 'prod',
    region: 'eu-central-1',
    accountId: ACCOUNT,
    roleStack: 'gitpod-role',
    instanceStack: 'gitpod-instance',
    domain: 'gitpod.example.com',
    ...overrides,
  };
}

export function stackReport(overrides: Partial<StackReport> = {}): StackReport {
  return {
    kind: 'role',
    name: 'gitpod-role',
    found: true,
    stackId: 'arn:aws:cloudformation:eu-central-1:123456789012:stack/gitpod-role/1',
    status: 'UPDATE_COMPLETE',
    explanation: { category: 'stable', words: 'The stack is stable.', blocksUpdate: false },
    lastUpdatedTime: '2025-05-12T12:03:00.000Z',
    terminationProtection: true,
    parameters: [],
    outputs: [],
    tags: [],
    ...overrides,
  };
}

export function sampleCheck(overrides: Partial<CellCheck> = {}): CellCheck {
  return {
    name: 'production',
    account: ACCOUNT,
    region: 'eu-central-1',
    callerArn: CALLER_ARN,
    stacks: [
      stackReport(),
      stackReport({
        kind: 'instance',
        name: 'gitpod-instance',
        stackId: 'arn:aws:cloudformation:eu-central-1:123456789012:stack/gitpod-instance/2',
      }),
    ],
    errors: [],
    checkedAt: '2025-05-13T08:00:00.000Z',
    ...overrides,
  };
}

export function cellView(overrides: Partial<CellView> = {}): CellView {
  return { cell: sampleCell(), check: sampleCheck(), checking: false, ...overrides };
}

export function discoveryReport(overrides: Partial<DiscoveryReport> = {}): DiscoveryReport {
  return {
    account: ACCOUNT,
    callerArn: CALLER_ARN,
    region: 'us-east-1',
    candidates: [
      {
        kind: 'role',
        stackName: 'gitpod-role',
        stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/gitpod-role/1',
        status: 'CREATE_COMPLETE',
        evidence: ['creates the IAM role GitpodSetupAndInitialEKSUserAdmin'],
        score: 10,
      },
      {
        kind: 'instance',
        stackName: 'gitpod-instance',
        stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/gitpod-instance/2',
        status: 'UPDATE_COMPLETE',
        evidence: ['is deployed with the role GitpodSetupAndInitialEKSUserAdmin'],
        score: 10,
      },
      {
        kind: 'instance',
        stackName: 'old-instance',
        stackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/old-instance/3',
        status: 'UPDATE_ROLLBACK_COMPLETE',
        evidence: ['its resources carry CDK metadata under gitpod-cell/'],
        score: 8,
      },
    ],
    suggested: { role: 'gitpod-role', instance: 'gitpod-instance' },
    stacksExamined: 7,
    ...overrides,
  };
}

export function stackEvents(overrides: Partial<StackEvents> = {}): StackEvents {
  return {
    stackName: 'gitpod-role',
    events: [
      {
        id: 'e2',
        timestamp: '2025-05-12T12:03:00.000Z',
        logicalId: 'SetupRole',
        resourceType: 'AWS::IAM::Role',
        status: 'UPDATE_FAILED',
        reason: 'Access denied for iam:UpdateRole',
        failed: true,
      },
      {
        id: 'e1',
        timestamp: '2025-05-12T12:00:00.000Z',
        logicalId: 'gitpod-role',
        resourceType: 'AWS::CloudFormation::Stack',
        status: 'UPDATE_IN_PROGRESS',
        failed: false,
      },
    ],
    more: false,
    ...overrides,
  };
}
