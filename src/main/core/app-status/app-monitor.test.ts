import { describe, expect, it } from 'vitest';
import { ScriptedCellClient, UNREACHABLE } from '../../../../test/support/gitpod-server/scripted-client';
import { type CellAppStatus, cellAppStatusSchema, TOKEN_HOW_TO } from '../../../shared/app-status/app-status';
import { createMemoryLogger } from '../log/logger';
import { ManualTimers } from '../refresh/timers';
import type { AppStatusNotice } from './app-events';
import { AppHistoryStore } from './app-history-store';
import { CellAppMonitor, type CellAppMonitorOptions } from './app-monitor';
import { problem } from './problems';
import { MemoryTokenVault } from './token-vault';

const CELL_ID = 'c0ffee00-0000-4000-8000-000000000001';
const START = Date.parse('2026-05-01T08:00:00.000Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const TOKEN = 'gitpod_pat_monitor.unit-test-secret';

interface Harness {
  readonly monitor: CellAppMonitor;
  readonly client: ScriptedCellClient;
  readonly timers: ManualTimers;
  readonly tokens: MemoryTokenVault;
  readonly history: AppHistoryStore;
  readonly notices: AppStatusNotice[];
  readonly statuses: CellAppStatus[];
  /** When each version check began, in ms after START. */
  readonly checkTimes: number[];
  advance(ms: number): Promise<void>;
}

function harness(
  options: Partial<CellAppMonitorOptions> & { domain?: string; organizationId?: string } = {},
): Harness {
  const timers = new ManualTimers(START);
  const client = new ScriptedCellClient();
  const checkTimes: number[] = [];
  const version = client.version.bind(client);
  client.version = () => {
    checkTimes.push(timers.now() - START);
    return version();
  };
  const logger = createMemoryLogger();
  const tokens = new MemoryTokenVault();
  const history = options.history ?? AppHistoryStore.inMemory(logger);
  const notices: AppStatusNotice[] = [];
  const statuses: CellAppStatus[] = [];
  const monitor = new CellAppMonitor(
    {
      cellId: CELL_ID,
      name: 'prod',
      domain: options.domain ?? 'gitpod.example.com',
      ...(options.organizationId === undefined ? {} : { organizationId: options.organizationId }),
    },
    {
      tokens,
      history,
      timers,
      logger,
      createClient: () => client,
      mode: 'dashboard',
      onNotice: (notice) => notices.push(notice),
      onStatus: (status) => statuses.push(status),
      ...options,
    },
  );
  return {
    monitor,
    client,
    timers,
    tokens,
    history,
    notices,
    statuses,
    checkTimes,
    advance: (ms) => timers.advance(ms, () => monitor.idle()),
  };
}

const titles = (notices: AppStatusNotice[]): string[] => notices.map((notice) => notice.notification.title);

describe('main/core/app-status/app-monitor', () => {
  describe('polling', () => {
    it('checks at start and then every minute while the dashboard is open', async () => {
      const h = harness();
      h.monitor.start();
      await h.advance(3 * MINUTE);
      expect(h.checkTimes).toEqual([0, MINUTE, 2 * MINUTE, 3 * MINUTE]);
    });

    it('checks every five minutes when only the tray is open, and moves the next check on a mode change', async () => {
      const h = harness({ mode: 'tray' });
      h.monitor.start();
      await h.advance(10 * MINUTE);
      expect(h.checkTimes).toEqual([0, 5 * MINUTE, 10 * MINUTE]);
      await h.advance(30 * SECOND);
      h.monitor.setMode('dashboard');
      await h.advance(30 * SECOND);
      expect(h.checkTimes.at(-1)).toBe(11 * MINUTE);
    });

    it('takes configured intervals', async () => {
      const h = harness({ intervals: { dashboardMs: 30 * SECOND } });
      h.monitor.start();
      await h.advance(MINUTE);
      expect(h.checkTimes).toEqual([0, 30 * SECOND, MINUTE]);
    });

    it('checks at once on wake and on network return, and coalesces a burst of triggers', async () => {
      const h = harness({ mode: 'tray' });
      h.monitor.start();
      await h.advance(2 * MINUTE);
      h.monitor.trigger('wake');
      expect(h.checkTimes).toEqual([0, 2 * MINUTE]);
      // While that check runs, the network comes back twice: one follow-up, a few seconds on,
      // since the running check may have started before the network was there.
      h.monitor.trigger('network');
      h.monitor.trigger('network');
      await h.advance(10 * SECOND);
      expect(h.checkTimes).toEqual([0, 2 * MINUTE, 2 * MINUTE + 5 * SECOND]);
      // The interval restarts from the last check.
      await h.advance(5 * MINUTE);
      expect(h.checkTimes).toEqual([0, 2 * MINUTE, 2 * MINUTE + 5 * SECOND, 7 * MINUTE + 5 * SECOND]);
    });

    it('ignores triggers before start', async () => {
      const h = harness();
      h.monitor.trigger('wake');
      await h.advance(MINUTE);
      expect(h.checkTimes).toEqual([]);
    });

    it('backs off while unreachable, doubling up to 15 minutes, and a trigger still checks at once', async () => {
      const h = harness();
      h.client.down = UNREACHABLE;
      h.monitor.start();
      await h.advance(60 * MINUTE);
      expect(h.checkTimes).toEqual([0, 1, 3, 7, 15, 30, 45, 60].map((m) => m * MINUTE));
      // Network back 3 minutes into a 15-minute wait: checked at once, not 12 minutes later.
      await h.advance(3 * MINUTE);
      h.monitor.trigger('network');
      await h.advance(0);
      expect(h.checkTimes.at(-1)).toBe(63 * MINUTE);
    });

    it('returns to the interval once the cell answers again', async () => {
      const h = harness();
      h.client.down = UNREACHABLE;
      h.monitor.start();
      await h.advance(7 * MINUTE);
      h.client.down = null;
      await h.advance(8 * MINUTE);
      await h.advance(2 * MINUTE);
      expect(h.checkTimes).toEqual([0, 1, 3, 7, 15, 16, 17].map((m) => m * MINUTE));
    });

    it('stops checking after stop, and says when the next check is due while running', async () => {
      const h = harness();
      h.monitor.start();
      await h.advance(0);
      expect(h.monitor.status().nextCheckAt).toBe(new Date(START + MINUTE).toISOString());
      h.monitor.stop();
      await h.advance(10 * MINUTE);
      expect(h.checkTimes).toEqual([0]);
      expect(h.timers.pendingCount).toBe(0);
    });
  });

  describe('reachability', () => {
    it('treats one failed check as no outage and two in a row as one, each announced once', async () => {
      const h = harness();
      h.monitor.start();
      await h.advance(0);
      h.client.down = UNREACHABLE;
      await h.advance(MINUTE);
      expect(h.monitor.status()).toMatchObject({ reachable: true, failedChecks: 1, problem: UNREACHABLE });
      expect(h.notices).toEqual([]);
      await h.advance(MINUTE);
      expect(h.monitor.status()).toMatchObject({
        reachable: false,
        failedChecks: 2,
        unreachableSince: new Date(START + MINUTE).toISOString(),
      });
      await h.advance(30 * MINUTE);
      expect(titles(h.notices)).toEqual(['prod is unreachable']);
      h.client.down = null;
      h.monitor.trigger('network');
      await h.advance(0);
      expect(titles(h.notices)).toEqual(['prod is unreachable', 'prod is reachable again']);
      expect(h.notices[1]?.notification.body).toMatch(/answers again \(main-gha\.100\) after \d+ minutes/);
      expect(h.monitor.status()).toMatchObject({ reachable: true, failedChecks: 0, problem: null });
    });

    it('does not read maintenance while the cell is unreachable', async () => {
      const h = harness();
      h.tokens.set(CELL_ID, TOKEN);
      h.client.down = UNREACHABLE;
      h.monitor.start();
      await h.advance(5 * MINUTE);
      expect(h.client.count('maintenanceMode')).toBe(0);
      expect(h.client.count('isDedicated')).toBe(0);
    });

    it('keeps the last seen version while unreachable, and the response time of the last good check', async () => {
      const h = harness();
      h.monitor.start();
      await h.advance(0);
      h.client.down = UNREACHABLE;
      await h.advance(2 * MINUTE);
      expect(h.monitor.status()).toMatchObject({ version: 'main-gha.100', responseMs: 42, reachable: false });
    });
  });

  describe('version', () => {
    it('remembers the version and since when, and announces each change once', async () => {
      const h = harness();
      h.monitor.start();
      await h.advance(0);
      expect(h.monitor.status()).toMatchObject({
        version: 'main-gha.100',
        versionSince: new Date(START).toISOString(),
        reachable: true,
        dedicated: true,
      });
      expect(h.notices).toEqual([]);
      h.client.runs = 'main-gha.101';
      await h.advance(5 * MINUTE);
      expect(titles(h.notices)).toEqual(['prod updated to main-gha.101']);
      expect(h.notices[0]?.notification.target).toEqual({ view: 'overview', itemId: CELL_ID });
      expect(h.monitor.status().versionSince).toBe(new Date(START + MINUTE).toISOString());
      expect(h.monitor.status().history.versions.map((entry) => entry.version)).toEqual([
        'main-gha.100',
        'main-gha.101',
      ]);
    });

    it('announces a version change that happened while the app was closed', async () => {
      const logger = createMemoryLogger();
      const history = AppHistoryStore.inMemory(logger);
      const first = harness({ history });
      first.monitor.start();
      await first.advance(0);
      first.monitor.stop();
      const second = harness({ history });
      second.client.runs = 'main-gha.105';
      second.monitor.start();
      await second.advance(0);
      expect(titles(second.notices)).toEqual(['prod updated to main-gha.105']);
    });

    it('confirms the Dedicated installation once', async () => {
      const h = harness();
      h.monitor.start();
      await h.advance(10 * MINUTE);
      expect(h.client.count('isDedicated')).toBe(1);
    });

    it('keeps asking whether it is Dedicated until the cell answers', async () => {
      const h = harness();
      const isDedicated = h.client.isDedicated.bind(h.client);
      let attempts = 0;
      h.client.isDedicated = async () => {
        attempts += 1;
        return attempts === 1
          ? { ok: false, problem: problem('unsupported', 'no such call') }
          : isDedicated();
      };
      h.monitor.start();
      await h.advance(0);
      expect(h.monitor.status().dedicated).toBeNull();
      await h.advance(3 * MINUTE);
      expect(attempts).toBe(2);
      expect(h.monitor.status().dedicated).toBe(true);
    });
  });

  describe('maintenance', () => {
    it('says maintenance needs a token, and how to make one, while still showing version and health', async () => {
      const h = harness();
      h.monitor.start();
      await h.advance(0);
      expect(h.monitor.status()).toMatchObject({
        version: 'main-gha.100',
        reachable: true,
        maintenance: null,
        maintenanceNotice: null,
        maintenanceNeedsToken: true,
        maintenanceProblem: { kind: 'token-missing', fix: TOKEN_HOW_TO },
      });
      expect(h.client.count('maintenanceMode')).toBe(0);
    });

    it('finds the only organization the token sees, once', async () => {
      const h = harness();
      h.tokens.set(CELL_ID, TOKEN);
      h.monitor.start();
      await h.advance(3 * MINUTE);
      expect(h.client.count('listOrganizations')).toBe(1);
      expect(h.monitor.status()).toMatchObject({
        organization: { id: 'org-1', name: 'Acme' },
        maintenance: false,
        maintenanceNotice: null,
        maintenanceNeedsToken: false,
        maintenanceProblem: null,
      });
    });

    it('asks the admin to choose when the token sees several organizations, naming them', async () => {
      const h = harness();
      h.tokens.set(CELL_ID, TOKEN);
      h.client.organizations = [
        { id: 'org-1', name: 'Acme' },
        { id: 'org-2', name: 'Acme Labs' },
      ];
      h.monitor.start();
      await h.advance(0);
      const found = h.monitor.status().maintenanceProblem;
      expect(found?.kind).toBe('organization-needed');
      expect(found?.message).toContain('Acme (org-1)');
      expect(found?.message).toContain('Acme Labs (org-2)');
      expect(h.client.count('maintenanceMode')).toBe(0);
    });

    it('uses a configured organization without listing', async () => {
      const h = harness({ organizationId: 'org-9' });
      h.tokens.set(CELL_ID, TOKEN);
      h.monitor.start();
      await h.advance(0);
      expect(h.client.count('listOrganizations')).toBe(0);
      expect(h.monitor.status().organization).toEqual({ id: 'org-9', name: null });
    });

    it('announces maintenance on and off, and a notice set, changed and cleared, each exactly once', async () => {
      const h = harness();
      h.tokens.set(CELL_ID, TOKEN);
      h.monitor.start();
      await h.advance(0);
      const steps: Array<() => void> = [
        () => {
          h.client.notice = { enabled: true, message: 'Maintenance Saturday 10:00 UTC' };
        },
        () => {
          h.client.notice = { enabled: true, message: 'Maintenance Sunday 10:00 UTC' };
        },
        () => {
          h.client.maintenance = true;
        },
        () => {
          h.client.maintenance = false;
        },
        () => {
          h.client.notice = { enabled: false, message: null };
        },
      ];
      for (const step of steps) {
        step();
        // Three checks per state: a state that lasts must not be announced again.
        await h.advance(3 * MINUTE);
      }
      expect(titles(h.notices)).toEqual([
        'prod: maintenance announced',
        'prod: maintenance notice changed',
        'prod is in maintenance',
        'prod: maintenance is over',
        'prod: maintenance notice removed',
      ]);
      expect(h.notices[0]?.notification.body).toBe('Maintenance Saturday 10:00 UTC');
      const periods = h.monitor.status().history.maintenance;
      expect(periods).toEqual([
        {
          start: new Date(START + 7 * MINUTE).toISOString(),
          end: new Date(START + 10 * MINUTE).toISOString(),
        },
      ]);
    });

    it('reports a rejected token with its Connect code and forgets maintenance, then recovers with a new token', async () => {
      const h = harness();
      h.tokens.set(CELL_ID, TOKEN);
      h.client.maintenance = true;
      h.monitor.start();
      await h.advance(0);
      expect(h.monitor.status().maintenance).toBe(true);
      h.client.tokenProblem = problem(
        'token-rejected',
        'rejected (unauthenticated).',
        null,
        'unauthenticated',
      );
      await h.advance(MINUTE);
      expect(h.monitor.status()).toMatchObject({
        maintenance: null,
        maintenanceProblem: { kind: 'token-rejected', code: 'unauthenticated' },
        reachable: true,
      });
      h.client.tokenProblem = null;
      h.tokens.set(CELL_ID, 'gitpod_pat_new.token-value');
      h.monitor.tokenChanged();
      await h.advance(5 * SECOND);
      expect(h.monitor.status()).toMatchObject({ maintenance: true, maintenanceProblem: null });
      // The state did not change while unknown: nothing to announce.
      expect(h.notices).toEqual([]);
    });

    it('keeps the last maintenance reading through a passing failure of the maintenance call', async () => {
      const h = harness();
      h.tokens.set(CELL_ID, TOKEN);
      h.client.maintenance = true;
      h.monitor.start();
      await h.advance(0);
      h.client.tokenProblem = problem('timeout', 'did not answer', null, 'timeout');
      await h.advance(MINUTE);
      expect(h.monitor.status()).toMatchObject({
        maintenance: true,
        maintenanceProblem: { kind: 'timeout' },
      });
      expect(h.monitor.status().maintenanceCheckedAt).toBe(new Date(START).toISOString());
    });
  });

  describe('configuration and status shape', () => {
    it('refuses an http: domain without checking, and keeps refusing', async () => {
      const h = harness({ domain: 'http://gitpod.example.com' });
      h.monitor.start();
      await h.advance(10 * MINUTE);
      expect(h.checkTimes).toEqual([]);
      expect(h.monitor.status().problem?.kind).toBe('http-refused');
    });

    it('produces statuses that validate against the shared schema', async () => {
      const h = harness();
      h.tokens.set(CELL_ID, TOKEN);
      h.monitor.start();
      await h.advance(0);
      h.client.down = UNREACHABLE;
      await h.advance(3 * MINUTE);
      expect(h.statuses.length).toBeGreaterThan(3);
      for (const status of h.statuses) expect(cellAppStatusSchema.safeParse(status).success).toBe(true);
    });

    it('marks a status as checking while a check runs', async () => {
      const h = harness();
      h.monitor.start();
      expect(h.monitor.status().checking).toBe(true);
      await h.advance(0);
      expect(h.monitor.status().checking).toBe(false);
    });

    it('never puts the token into a status, notice or log line', async () => {
      const logger = createMemoryLogger();
      const h = harness({ logger });
      h.tokens.set(CELL_ID, TOKEN);
      h.client.tokenProblem = problem('token-rejected', `server said ${TOKEN}`, null, 'unauthenticated');
      h.monitor.start();
      await h.advance(2 * MINUTE);
      const everything = JSON.stringify([h.statuses, h.notices, logger.lines]);
      expect(everything).not.toContain(TOKEN);
      expect(everything).not.toContain('unit-test-secret');
      expect(h.client.tokensSeen).toContain(TOKEN);
    });
  });
});
