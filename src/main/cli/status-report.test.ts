import { describe, expect, it } from 'vitest';
import { check } from '../../../test/support/update-fixtures';
import type { CellAppStatus } from '../../shared/app-status/app-status';
import type { PendingUpdate } from '../../shared/updates/pending-update';
import { appStatusLine, formatStatusTable, toStatusJson } from './status-report';

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

function app(overrides: Partial<CellAppStatus> = {}): CellAppStatus {
  return {
    cellId: '0c9b8a7f-6e5d-4c3b-8a19-f8e7d6c5b4a3',
    name: 'prod',
    domain: 'gitpod.acme.example',
    version: 'main-gha.34488',
    versionSince: '2026-03-10T06:00:00.000Z',
    reachable: true,
    failedChecks: 0,
    unreachableSince: null,
    problem: null,
    responseMs: 84,
    checkedAt: '2026-03-10T06:00:00.000Z',
    dedicated: true,
    maintenance: false,
    maintenanceNotice: null,
    maintenanceNeedsToken: false,
    maintenanceProblem: null,
    maintenanceCheckedAt: '2026-03-10T06:00:00.000Z',
    organization: { id: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Acme' },
    history: { versions: [], maintenance: [] },
    checking: false,
    nextCheckAt: null,
    ...overrides,
  };
}

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
      'app',
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

  it('adds the app per cell to --json: version, reachability and maintenance, null where unknown', () => {
    const json = toStatusJson(
      [check(), check()],
      [],
      [
        app({ maintenance: true, maintenanceNotice: 'Back at noon' }),
        app({ version: null, reachable: null, checkedAt: null, maintenance: null }),
      ],
    );
    expect(json.cells.map((cell) => cell.app)).toEqual([
      {
        version: 'main-gha.34488',
        reachable: true,
        checkedAt: '2026-03-10T06:00:00.000Z',
        maintenance: true,
        maintenanceNotice: 'Back at noon',
      },
      { version: null, reachable: null, checkedAt: null, maintenance: null, maintenanceNotice: null },
    ]);
    expect(toStatusJson([check()]).cells[0]?.app).toEqual({
      version: null,
      reachable: null,
      checkedAt: null,
      maintenance: null,
      maintenanceNotice: null,
    });
  });

  it('prints a line per cell for its Gitpod application under the table', () => {
    const table = formatStatusTable([check()], [], new Date('2026-03-10T06:00:00.000Z'), 'UTC', [app()]);
    expect(table.split('\n')).toContain(
      'prod · Gitpod main-gha.34488 at gitpod.acme.example, reachable (84 ms), maintenance off',
    );
  });

  it('words maintenance, a notice, a missing token, a failure and a missing domain', () => {
    expect(appStatusLine(app({ maintenance: true, maintenanceNotice: 'Back\nat noon' }))).toBe(
      'prod · Gitpod main-gha.34488 at gitpod.acme.example, reachable (84 ms), maintenance on, maintenance announced: “Back at noon”',
    );
    expect(appStatusLine(app({ maintenance: null, maintenanceNeedsToken: true }))).toMatch(
      /maintenance unknown \(set GITPOD_TOKEN to a personal access token to see it\)$/,
    );
    expect(
      appStatusLine(
        app({
          maintenance: null,
          maintenanceProblem: {
            kind: 'token-rejected',
            message: 'The token was rejected (unauthenticated).',
            fix: null,
            code: 'unauthenticated',
          },
        }),
      ),
    ).toMatch(/maintenance unknown: The token was rejected \(unauthenticated\)\.$/);
    expect(
      appStatusLine(
        app({
          reachable: false,
          problem: {
            kind: 'tls',
            message: 'The TLS certificate of gitpod.acme.example was not accepted.',
            fix: 'Renew it.',
            code: 'CERT_HAS_EXPIRED',
          },
        }),
      ),
    ).toBe(
      'prod · Gitpod main-gha.34488 at gitpod.acme.example: The TLS certificate of gitpod.acme.example was not accepted. → Renew it.',
    );
    expect(appStatusLine(app({ domain: null }))).toBe(
      'prod · Gitpod: no domain set (add it in the app, or pass --domain HOST)',
    );
  });
});
