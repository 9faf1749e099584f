import { explainStackStatus } from '../../src/main/core/cells/stack-status';
import type { Cell } from '../../src/shared/cells/cell';
import type { CellCheck } from '../../src/shared/cells/cell-check';
import type { StackKind, StackReport } from '../../src/shared/cells/stack-report';

/** A found stack in `status`, named as the usual role or instance stack, with nothing in it. */
export function stackReport(
  kind: StackKind,
  status: string,
  overrides: Partial<StackReport> = {},
): StackReport {
  return {
    kind,
    name: kind === 'role' ? 'gitpod-role' : 'gitpod-instance',
    found: true,
    status,
    explanation: explainStackStatus(status),
    terminationProtection: false,
    parameters: [],
    outputs: [],
    tags: [],
    ...overrides,
  };
}

/** A check of `cell` that reached its account: by default, its stacks stable and no error. */
export function cellCheck(cell: Cell, overrides: Partial<CellCheck> = {}): CellCheck {
  return {
    name: cell.name,
    account: cell.accountId,
    region: cell.region,
    callerArn: `arn:aws:iam::${cell.accountId}:user/admin`,
    stacks: [
      ...(cell.roleStack ? [stackReport('role', 'CREATE_COMPLETE', { name: cell.roleStack })] : []),
      ...(cell.instanceStack
        ? [stackReport('instance', 'UPDATE_COMPLETE', { name: cell.instanceStack })]
        : []),
    ],
    errors: [],
    checkedAt: '2026-11-21T10:00:00.000Z',
    ...overrides,
  };
}
