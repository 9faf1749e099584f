import { describe, expect, it } from 'vitest';
import { appProblemSchema, appStatusJson, type CellAppStatus, cellAppStatusSchema } from './app-status';

const STATUS: CellAppStatus = {
  cellId: 'cell-1',
  name: 'prod',
  domain: 'gitpod.example.com',
  version: 'main-gha.34488',
  versionSince: '2026-05-01T08:00:00.000Z',
  reachable: true,
  failedChecks: 0,
  unreachableSince: null,
  problem: null,
  responseMs: 84,
  checkedAt: '2026-05-01T09:00:00.000Z',
  dedicated: true,
  maintenance: null,
  maintenanceNotice: null,
  maintenanceNeedsToken: true,
  maintenanceProblem: null,
  maintenanceCheckedAt: null,
  organization: null,
  history: { versions: [{ version: 'main-gha.34488', since: '2026-05-01T08:00:00.000Z' }], maintenance: [] },
  checking: false,
  nextCheckAt: null,
};

describe('shared/app-status/app-status', () => {
  it('accepts a full status and gives the CLI its "app" object with null where unknown', () => {
    expect(cellAppStatusSchema.safeParse(STATUS).success).toBe(true);
    expect(appStatusJson(STATUS)).toEqual({
      version: 'main-gha.34488',
      reachable: true,
      checkedAt: '2026-05-01T09:00:00.000Z',
      maintenance: null,
      maintenanceNotice: null,
    });
  });

  it('bounds what it carries: versions, notices and timelines have maximum sizes', () => {
    expect(cellAppStatusSchema.safeParse({ ...STATUS, version: 'x'.repeat(101) }).success).toBe(false);
    expect(cellAppStatusSchema.safeParse({ ...STATUS, maintenanceNotice: 'x'.repeat(1001) }).success).toBe(
      false,
    );
    const versions = Array.from({ length: 101 }, (_, n) => ({
      version: `main-gha.${n}`,
      since: STATUS.checkedAt,
    }));
    expect(cellAppStatusSchema.safeParse({ ...STATUS, history: { versions, maintenance: [] } }).success).toBe(
      false,
    );
  });

  it('takes no fields it does not know, so nothing extra (a token, say) can ride along', () => {
    expect(cellAppStatusSchema.safeParse({ ...STATUS, token: 'gitpod_pat_x' }).success).toBe(false);
    expect(
      appProblemSchema.safeParse({ kind: 'tls', message: 'm', fix: null, code: null, extra: 1 }).success,
    ).toBe(false);
  });
});
