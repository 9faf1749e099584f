import { describe, expect, it } from 'vitest';
import { check } from '../../../test/support/update-fixtures';
import type { PendingUpdate } from '../../shared/updates/pending-update';
import { formatStatusTable, toStatusJson } from './status-report';

const UPDATE: PendingUpdate = {
  id: 'cs-0123456789abcdef01234567',
  cellId: '0c9b8a7f-6e5d-4c3b-8a19-f8e7d6c5b4a3',
  cellName: 'prod',
  label: 'Infrastructure Update v37',
  source: 'vendor-change-set',
  releasedAt: '2026-03-01T06:00:00.000Z',
  deadline: '2026-03-15T06:00:00.000Z',
  deadlineOverridden: false,
  state: 'due-soon',
  stacks: [
    { kind: 'role', stackName: 'gitpod-role', changeSetName: 'v37-role' },
    { kind: 'instance', stackName: 'gitpod-instance', changeSetName: 'v37' },
  ],
};

describe('main/cli/status-report', () => {
  it('adds pendingUpdates per cell to --json, leaving the other fields as they were', () => {
    const json = toStatusJson([check()], [[UPDATE]]);
    expect(Object.keys(json.cells[0] ?? {})).toEqual([
      'name',
      'account',
      'region',
      'callerArn',
      'stacks',
      'errors',
      'pendingUpdates',
    ]);
    expect(json.cells[0]?.pendingUpdates).toEqual([
      {
        id: UPDATE.id,
        label: 'Infrastructure Update v37',
        source: 'change-set',
        stacks: ['gitpod-role', 'gitpod-instance'],
        releasedAt: '2026-03-01T06:00:00.000Z',
        deadline: '2026-03-15T06:00:00.000Z',
        state: 'due-soon',
      },
    ]);
    expect(toStatusJson([check()]).cells[0]?.pendingUpdates).toEqual([]);
  });

  it('prints a line per pending update under the table, in the given zone', () => {
    const table = formatStatusTable(
      [check()],
      [[UPDATE]],
      new Date('2026-03-10T06:00:00.000Z'),
      'Europe/Berlin',
    );
    expect(table).toContain(
      'prod · update Infrastructure Update v37 (change set; gitpod-role, then gitpod-instance): due in 5 days, by Sun 15 Mar 2026, 07:00 CET [Due soon]',
    );
    const overdue = formatStatusTable(
      [check()],
      [[{ ...UPDATE, state: 'overdue' }]],
      new Date('2026-03-17T06:00:00.000Z'),
      'UTC',
    );
    expect(overdue).toMatch(
      /overdue by 2 days, by .* \[Overdue\] The cell no longer receives Gitpod updates/,
    );
  });
});
