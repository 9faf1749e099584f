import { describe, expect, it } from 'vitest';
import type { CellAppView } from '../../../shared/app-status/app-status-ipc';
import { formatDuration, maintenanceWords, reachabilityWords, timelineEntries } from './app-status-words';

function view(overrides: Partial<CellAppView> = {}): CellAppView {
  return {
    cellId: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    name: 'prod',
    domain: 'gitpod.example.com',
    version: null,
    versionSince: null,
    reachable: null,
    failedChecks: 0,
    unreachableSince: null,
    problem: null,
    responseMs: null,
    checkedAt: null,
    dedicated: null,
    maintenance: null,
    maintenanceNotice: null,
    maintenanceNeedsToken: false,
    maintenanceProblem: null,
    maintenanceCheckedAt: null,
    organization: null,
    history: { versions: [], maintenance: [] },
    checking: false,
    nextCheckAt: null,
    hasToken: false,
    ...overrides,
  };
}

describe('renderer/app-status/app-status-words', () => {
  it('words reachability for every state, an outage only once it is one', () => {
    expect(reachabilityWords(view({ reachable: true, responseMs: 84 }))).toEqual({
      text: 'Yes, answered in 84 ms',
      tone: 'ok',
    });
    expect(
      reachabilityWords(
        view({ reachable: false, problem: { kind: 'unreachable', message: 'm', fix: null, code: null } }),
      ),
    ).toEqual({ text: 'No', tone: 'attention' });
    expect(
      reachabilityWords(
        view({ reachable: false, problem: { kind: 'redirect', message: 'm', fix: null, code: null } }),
      ).text,
    ).toBe('No: redirects elsewhere');
    expect(reachabilityWords(view({ checking: true })).text).toBe('Checking…');
    expect(
      reachabilityWords(
        view({ failedChecks: 1, problem: { kind: 'timeout', message: 'm', fix: null, code: null } }),
      ).text,
    ).toBe('Not sure yet: the last check failed');
    expect(reachabilityWords(view()).text).toBe('Not checked yet');
  });

  it('words maintenance: on, off, or unknown and why', () => {
    expect(maintenanceWords(view({ maintenance: true })).tone).toBe('attention');
    expect(maintenanceWords(view({ maintenance: false })).text).toBe('Off');
    expect(maintenanceWords(view({ maintenanceNeedsToken: true })).text).toBe(
      'Unknown: needs a personal access token',
    );
    expect(
      maintenanceWords(
        view({
          hasToken: true,
          maintenanceProblem: { kind: 'token-rejected', message: 'm', fix: null, code: 'unauthenticated' },
        }),
      ).text,
    ).toBe('Unknown: token rejected');
    expect(maintenanceWords(view({ hasToken: true })).text).toBe('Unknown');
  });

  it('merges versions and maintenance into one list, newest first, cut to the limit', () => {
    const entries = timelineEntries(
      {
        versions: [
          { version: 'a', since: '2026-05-01T08:00:00.000Z' },
          { version: 'b', since: '2026-05-03T08:00:00.000Z' },
        ],
        maintenance: [{ start: '2026-05-02T08:00:00.000Z', end: null }],
      },
      2,
    );
    expect(entries.map((entry) => [entry.kind, entry.text])).toEqual([
      ['version', 'Updated to b'],
      ['maintenance', 'Maintenance, still on'],
    ]);
  });

  it('formats durations from minutes to days', () => {
    const start = new Date('2026-05-01T08:00:00.000Z');
    const later = (ms: number) => new Date(start.getTime() + ms);
    expect(formatDuration(start, later(20_000))).toBe('less than a minute');
    expect(formatDuration(start, later(60_000))).toBe('1 minute');
    expect(formatDuration(start, later(45 * 60_000))).toBe('45 minutes');
    expect(formatDuration(start, later(5 * 3600_000))).toBe('5 hours');
    expect(formatDuration(start, later(3 * 86_400_000))).toBe('3 days');
  });
});
