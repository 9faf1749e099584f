/**
 * Builders for pending-update unit tests: a cell, its check with change sets and deployed
 * template fingerprints, as CellChecker would report them.
 */
import type { Cell } from '../../src/shared/cells/cell';
import type { CellCheck, ChangeSetSeen, DeployedTemplate } from '../../src/shared/cells/cell-check';
import type { StackKind, StackReport } from '../../src/shared/cells/stack-report';

export const ACCOUNT = '123456789012';
export const ROLE_STACK = 'gitpod-role';
export const INSTANCE_STACK = 'gitpod-instance';

export const CELL: Cell = {
  id: '0c9b8a7f-6e5d-4c3b-8a19-f8e7d6c5b4a3',
  name: 'prod',
  region: 'eu-central-1',
  accountId: ACCOUNT,
  roleStack: ROLE_STACK,
  instanceStack: INSTANCE_STACK,
};

export function stackArn(name: string): string {
  return `arn:aws:cloudformation:eu-central-1:${ACCOUNT}:stack/${name}/1a2b3c4d-0000-4000-8000-000000000000`;
}

export function changeSetArn(name: string): string {
  return `arn:aws:cloudformation:eu-central-1:${ACCOUNT}:changeSet/${name}/9f8e7d6c-0000-4000-8000-000000000000`;
}

export function stack(kind: StackKind, overrides: Partial<StackReport> = {}): StackReport {
  const name = kind === 'role' ? ROLE_STACK : INSTANCE_STACK;
  return {
    kind,
    name,
    found: true,
    stackId: stackArn(name),
    status: 'UPDATE_COMPLETE',
    explanation: { category: 'stable', words: 'The stack is stable.', blocksUpdate: false },
    lastUpdatedTime: '2026-03-01T10:00:00.000Z',
    terminationProtection: false,
    parameters: [],
    outputs: [],
    tags: [],
    ...overrides,
  };
}

export function changeSet(
  name: string,
  creationTime: string,
  overrides: Partial<ChangeSetSeen> = {},
): ChangeSetSeen {
  return {
    stackKind: 'instance',
    stackName: INSTANCE_STACK,
    changeSetId: changeSetArn(name),
    changeSetName: name,
    status: 'CREATE_COMPLETE',
    executionStatus: 'AVAILABLE',
    creationTime,
    ...overrides,
  };
}

export interface CheckOptions {
  readonly stacks?: StackReport[];
  readonly changeSets?: ChangeSetSeen[];
  readonly deployed?: Partial<Record<StackKind, string>>;
  /** Default: both stacks' change sets were listed completely. */
  readonly listedStacks?: string[];
  readonly checkedAt?: string;
  /** No updateSignals at all, as after a failed DescribeStacks. */
  readonly withoutSignals?: boolean;
}

export function check(options: CheckOptions = {}): CellCheck {
  const stacks = options.stacks ?? [stack('role'), stack('instance')];
  const deployedTemplates: DeployedTemplate[] = Object.entries(options.deployed ?? {}).map(
    ([kind, fingerprint]) => ({
      stackKind: kind as StackKind,
      stackName: kind === 'role' ? ROLE_STACK : INSTANCE_STACK,
      fingerprint: fingerprint ?? '',
    }),
  );
  return {
    name: CELL.name,
    account: ACCOUNT,
    region: CELL.region,
    callerArn: `arn:aws:iam::${ACCOUNT}:user/admin`,
    stacks,
    errors: [],
    checkedAt: options.checkedAt ?? '2026-03-02T08:00:00.000Z',
    ...(options.withoutSignals
      ? {}
      : {
          updateSignals: {
            changeSets: options.changeSets ?? [],
            listedStacks: options.listedStacks ?? stacks.filter((s) => s.found).map((s) => s.name),
            deployedTemplates,
          },
        }),
  };
}
