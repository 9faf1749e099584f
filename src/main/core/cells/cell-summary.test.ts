import { describe, expect, it } from 'vitest';
import { cellCheck, stackReport } from '../../../../test/support/cell-checks';
import type { Cell } from '../../../shared/cells/cell';
import type { CellCheck } from '../../../shared/cells/cell-check';
import type { StackReport } from '../../../shared/cells/stack-report';
import { summarizeCell } from './cell-summary';

const CELL: Cell = {
  id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  name: 'prod',
  region: 'eu-central-1',
  accountId: '123456789012',
  roleStack: 'gitpod-role',
  instanceStack: 'gitpod-instance',
};

function stack(kind: StackReport['kind'], status: string, found = true): StackReport {
  return stackReport(kind, status, { found });
}

function check(overrides: Partial<CellCheck>): CellCheck {
  return cellCheck(CELL, overrides);
}

describe('main/core/cells/cell-summary', () => {
  it('says a cell that was never checked is not checked yet, without alarming', () => {
    expect(summarizeCell(CELL, null)).toEqual({ name: 'prod', state: 'ok', line: 'not checked yet' });
  });

  it('reports stable stacks as ok', () => {
    expect(summarizeCell(CELL, check({}))).toEqual({ name: 'prod', state: 'ok', line: 'stacks stable' });
  });

  it('reports AWS being unreachable as offline, not as a broken cell', () => {
    const summary = summarizeCell(
      CELL,
      check({ stacks: [], errors: [{ code: 'offline', message: 'AWS could not be reached.' }] }),
    );
    expect(summary.state).toBe('offline');
  });

  it('puts the sign-in command in the line when the SSO session expired', () => {
    const summary = summarizeCell(
      CELL,
      check({
        stacks: [],
        errors: [
          {
            code: 'sso-expired',
            message: 'The SSO session expired.',
            nextStep: 'Run "aws sso login --profile prod".',
          },
        ],
      }),
    );
    expect(summary).toEqual({
      name: 'prod',
      state: 'error',
      line: 'sign-in expired: Run "aws sso login --profile prod".',
    });
  });

  it('reports a stack stuck in UPDATE_ROLLBACK_FAILED as an error naming the stack', () => {
    const summary = summarizeCell(CELL, check({ stacks: [stack('role', 'UPDATE_ROLLBACK_FAILED')] }));
    expect(summary).toEqual({
      name: 'prod',
      state: 'error',
      line: 'role stack gitpod-role: UPDATE_ROLLBACK_FAILED',
    });
  });

  it('reports a stack that is missing from the account as an error', () => {
    const summary = summarizeCell(CELL, check({ stacks: [stack('instance', 'NOT_FOUND', false)] }));
    expect(summary.line).toBe('instance stack gitpod-instance: not found');
    expect(summary.state).toBe('error');
  });

  it('asks for attention when the last update rolled back, though the stack works', () => {
    const summary = summarizeCell(CELL, check({ stacks: [stack('instance', 'UPDATE_ROLLBACK_COMPLETE')] }));
    expect(summary).toEqual({
      name: 'prod',
      state: 'attention',
      line: 'instance stack gitpod-instance: last update rolled back',
    });
  });

  it('shows a stack being updated without calling it an error', () => {
    const summary = summarizeCell(CELL, check({ stacks: [stack('instance', 'UPDATE_IN_PROGRESS')] }));
    expect(summary).toEqual({
      name: 'prod',
      state: 'ok',
      line: 'instance stack gitpod-instance: UPDATE_IN_PROGRESS',
    });
  });

  it('keeps a long error line within the tray menu limit', () => {
    const summary = summarizeCell(
      CELL,
      check({ stacks: [], errors: [{ code: 'aws-error', message: 'x'.repeat(500) }] }),
    );
    expect(summary.line.length).toBeLessThanOrEqual(200);
  });
});
