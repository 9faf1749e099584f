import { describe, expect, it } from 'vitest';
import type { CellAppStatus } from '../../../shared/app-status/app-status';
import type { CellSummary } from '../../../shared/status';
import type { CellStatusSource } from '../status/status-service';
import {
  appTrayKey,
  appTraySummary,
  combineAppSummary,
  shortTime,
  withAppStatus,
  withAppStatusSource,
} from './app-tray-summary';

const NOW = new Date('2026-06-03T12:00:00.000Z');
const ZONE = 'Europe/Berlin';

function status(overrides: Partial<CellAppStatus> = {}): CellAppStatus {
  return {
    cellId: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    name: 'prod',
    domain: 'gitpod.acme.example',
    version: 'main-gha.34488',
    versionSince: '2026-06-01T09:00:00.000Z',
    reachable: true,
    failedChecks: 0,
    unreachableSince: null,
    problem: null,
    responseMs: 40,
    checkedAt: '2026-06-03T11:59:00.000Z',
    dedicated: true,
    maintenance: false,
    maintenanceNotice: null,
    maintenanceNeedsToken: false,
    maintenanceProblem: null,
    maintenanceCheckedAt: '2026-06-03T11:59:00.000Z',
    organization: null,
    history: { versions: [], maintenance: [] },
    checking: false,
    nextCheckAt: null,
    ...overrides,
  };
}

const down = (kind: 'unreachable' | 'timeout' | 'tls', since = '2026-06-03T08:42:00.000Z') =>
  status({
    reachable: false,
    failedChecks: 2,
    unreachableSince: since,
    problem: { kind, message: 'failed', fix: null, code: null },
  });

describe('main/core/app-status/app-tray-summary', () => {
  it('says nothing for a cell that answers, out of maintenance, without a notice, or not checked yet', () => {
    expect(appTraySummary(status(), NOW, ZONE)).toBeNull();
    expect(appTraySummary(status({ reachable: null, maintenance: null }), NOW, ZONE)).toBeNull();
    // One failed check is not an outage yet (reachable stays true until the second).
    expect(
      appTraySummary(status({ failedChecks: 1, problem: down('unreachable').problem }), NOW, ZONE),
    ).toBeNull();
  });

  it('gives maintenance, a notice and an outage as attention, never as an error', () => {
    expect(appTraySummary(status({ maintenance: true }), NOW, ZONE)).toEqual({
      state: 'attention',
      line: 'maintenance on',
    });
    expect(appTraySummary(status({ maintenanceNotice: '' }), NOW, ZONE)?.line).toBe('maintenance announced');
    expect(
      appTraySummary(
        status({ maintenance: true, maintenanceNotice: 'Update\n Saturday 10:00 UTC' }),
        NOW,
        ZONE,
      )?.line,
    ).toBe('maintenance on · maintenance announced: “Update Saturday 10:00 UTC”');
    expect(appTraySummary(down('unreachable'), NOW, ZONE)).toEqual({
      state: 'attention',
      line: 'unreachable since 10:42',
    });
    expect(appTraySummary(down('timeout'), NOW, ZONE)?.line).toBe('unreachable since 10:42');
    expect(appTraySummary(down('tls'), NOW, ZONE)?.line).toBe('certificate not accepted since 10:42');
  });

  it('cuts a long notice to keep the line short', () => {
    const line = appTraySummary(status({ maintenanceNotice: 'x'.repeat(500) }), NOW, ZONE)?.line ?? '';
    expect(line.length).toBeLessThan(90);
    expect(line.endsWith('…”')).toBe(true);
  });

  it('gives the time alone today, the weekday within a week, and the date before', () => {
    expect(shortTime('2026-06-03T08:42:00.000Z', NOW, ZONE)).toBe('10:42');
    expect(shortTime('2026-06-01T08:42:00.000Z', NOW, ZONE)).toBe('Mon 10:42');
    expect(shortTime('2026-05-20T08:42:00.000Z', NOW, ZONE)).toBe('20 May 10:42');
  });

  it('folds into the cell’s line: replaces an ok line, follows a more severe one', () => {
    const app = { state: 'attention' as const, line: 'maintenance on' };
    expect(combineAppSummary({ name: 'prod', state: 'ok', line: 'stacks stable' }, app)).toEqual({
      name: 'prod',
      state: 'attention',
      line: 'maintenance on',
      // The tray's headline then speaks of the cell, not of an update.
      live: true,
    });
    expect(
      combineAppSummary(
        { name: 'prod', state: 'urgent', line: 'infrastructure update due in 20 hours' },
        app,
      ),
    ).toEqual({
      name: 'prod',
      state: 'urgent',
      line: 'infrastructure update due in 20 hours · maintenance on',
    });
    expect(
      combineAppSummary({ name: 'prod', state: 'offline', line: 'AWS could not be reached' }, app),
    ).toEqual({
      name: 'prod',
      state: 'attention',
      line: 'maintenance on · AWS could not be reached',
      live: true,
    });
    const base: CellSummary = { name: 'prod', state: 'error', line: 'role stack: ROLLBACK_FAILED' };
    expect(combineAppSummary(base, null)).toBe(base);
  });

  it('matches cells by name and leaves the others alone', () => {
    const lines = withAppStatus(
      [
        { name: 'prod', state: 'ok', line: 'stacks stable' },
        { name: 'staging', state: 'ok', line: 'stacks stable' },
      ],
      [status({ maintenance: true })],
      NOW,
      ZONE,
    );
    expect(lines.map((line) => `${line.name} · ${line.line}`)).toEqual([
      'prod · maintenance on',
      'staging · stacks stable',
    ]);
  });

  it('wraps a tray source, folding both its checks and its peeks', async () => {
    const base: CellStatusSource = {
      name: 'cells',
      check: async () => [{ name: 'prod', state: 'ok', line: 'stacks stable' }],
      peek: () => [{ name: 'prod', state: 'ok', line: 'not checked yet' }],
    };
    let current = [status()];
    const source = withAppStatusSource(
      base,
      () => current,
      () => NOW,
    );
    expect(source.name).toBe('cells');
    expect((await source.check()).map((cell) => cell.line)).toEqual(['stacks stable']);
    current = [status({ maintenance: true })];
    expect((await source.check()).map((cell) => cell.line)).toEqual(['maintenance on']);
    expect(source.peek?.().map((cell) => cell.line)).toEqual(['maintenance on']);
  });

  it('keys only what the tray shows, so a check that changes nothing there recomposes nothing', () => {
    const key = appTrayKey([status()], NOW);
    expect(appTrayKey([status({ responseMs: 99, checking: true })], NOW)).toBe(key);
    expect(appTrayKey([status({ maintenance: true })], NOW)).not.toBe(key);
  });
});
