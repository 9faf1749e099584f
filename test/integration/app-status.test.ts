/**
 * Issue 6's acceptance against a local HTTPS Gitpod test server (test/support/gitpod-server),
 * through the real HTTPS client: version changes, outage and recovery, maintenance on and off
 * and a maintenance notice each produce exactly one notification; the faults named in the
 * issue (http:, redirects, certificate errors, HTML and over-long replies, revoked and
 * wrong-scope tokens, hanging endpoints) come out as the problems the admin should see; and
 * the token appears in no status, notification, problem, log line or file.
 *
 * The monitor runs on ManualTimers, so minutes pass at once; the HTTP underneath is real.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppStatusNotice } from '../../src/main/core/app-status/app-events';
import { AppHistoryStore } from '../../src/main/core/app-status/app-history-store';
import { CellAppMonitor, type CellAppMonitorOptions } from '../../src/main/core/app-status/app-monitor';
import { type CellClient, createCellClient } from '../../src/main/core/app-status/gitpod-api';
import { cellOrigin, GitpodHttp, type GitpodHttpOptions } from '../../src/main/core/app-status/gitpod-http';
import {
  maintenanceSwitchIsOn,
  setMaintenanceSwitch,
} from '../../src/main/core/app-status/maintenance-switch';
import { MemoryTokenVault } from '../../src/main/core/app-status/token-vault';
import { createMemoryLogger, type MemoryLogger } from '../../src/main/core/log/logger';
import { ManualTimers } from '../../src/main/core/refresh/timers';
import {
  type AppProblem,
  appStatusJson,
  type CellAppStatus,
  cellAppStatusSchema,
} from '../../src/shared/app-status/app-status';
import { type GitpodTestServer, startGitpodServer } from '../support/gitpod-server/server';

const CELL_ID = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const OWNER_TOKEN = 'gitpod_pat_owner.integration-secret-2f9a';
const MEMBER_TOKEN = 'gitpod_pat_member.integration-secret-7c1d';
const REVOKED_TOKEN = 'gitpod_pat_revoked.integration-secret-0e44';
const SCOPE_TOKEN = 'gitpod_pat_scope.integration-secret-5b3e';
const ALL_TOKENS = [OWNER_TOKEN, MEMBER_TOKEN, REVOKED_TOKEN, SCOPE_TOKEN];
const MINUTE = 60_000;

let server: GitpodTestServer;
let dir: string;
/** Everything the app produced, for the token scan at the end. */
const produced: unknown[] = [];
const loggers: MemoryLogger[] = [];

function client(target: GitpodTestServer, http: GitpodHttpOptions = {}): CellClient {
  const origin = cellOrigin(target.domain);
  if (!origin.ok) throw new Error(origin.problem.message);
  return createCellClient(new GitpodHttp(origin.value, { ca: target.ca, timeoutMs: 2_000, ...http }));
}

/** The problem a fetch came back with; fails the test if it succeeded. */
function problemOf(result: { ok: true } | { ok: false; problem: AppProblem }): AppProblem {
  produced.push(result);
  if (result.ok) throw new Error('expected a problem, got a value');
  return result.problem;
}

interface Watch {
  readonly monitor: CellAppMonitor;
  readonly timers: ManualTimers;
  readonly tokens: MemoryTokenVault;
  readonly notices: AppStatusNotice[];
  readonly statuses: CellAppStatus[];
  readonly historyPath: string;
  advance(ms: number): Promise<void>;
}

let watchCount = 0;

async function watch(
  target: GitpodTestServer,
  options: Partial<CellAppMonitorOptions> & { domain?: string } = {},
): Promise<Watch> {
  const timers = new ManualTimers(Date.parse('2026-06-01T09:00:00.000Z'));
  const logger = createMemoryLogger();
  loggers.push(logger);
  watchCount += 1;
  const historyPath = join(dir, `app-history-${watchCount}.json`);
  const history = await AppHistoryStore.open(historyPath, { logger });
  const tokens = new MemoryTokenVault();
  const notices: AppStatusNotice[] = [];
  const statuses: CellAppStatus[] = [];
  const monitor = new CellAppMonitor(
    { cellId: CELL_ID, name: 'prod', domain: options.domain ?? target.domain },
    {
      tokens,
      history,
      timers,
      logger,
      http: { ca: target.ca, timeoutMs: 2_000 },
      mode: 'dashboard',
      onNotice: (notice) => {
        notices.push(notice);
        produced.push(notice);
      },
      onStatus: (status) => {
        statuses.push(status);
        produced.push(status);
      },
      ...options,
    },
  );
  return {
    monitor,
    timers,
    tokens,
    notices,
    statuses,
    historyPath,
    advance: async (ms) => {
      await timers.advance(ms, () => monitor.idle());
      await history.flush();
    },
  };
}

const titles = (notices: AppStatusNotice[]): string[] => notices.map((notice) => notice.notification.title);

beforeAll(async () => {
  server = await startGitpodServer();
  dir = await mkdtemp(join(tmpdir(), 'app-status-it-'));
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  server.version = 'main-gha.34488';
  server.healthy = true;
  server.dedicated = true;
  server.maintenance = false;
  server.notice = { enabled: false, message: '' };
  server.offline = false;
  server.tokens.clear();
  server.tokens.set(OWNER_TOKEN, 'owner');
  server.tokens.set(MEMBER_TOKEN, 'member');
  server.tokens.set(REVOKED_TOKEN, 'revoked');
  server.tokens.set(SCOPE_TOKEN, 'wrong-scope');
  for (const route of [
    'version',
    'health',
    'GetInstallationConfiguration',
    'ListOrganizations',
    'GetOrganizationMaintenanceMode',
    'GetMaintenanceNotification',
  ] as const) {
    server.behave(route, null);
  }
  server.resetCounts();
});

describe('test/integration/app-status', () => {
  it('gives exactly one notification each for a version change, an outage and its end, maintenance on and off, and a notice', async () => {
    const w = await watch(server);
    w.tokens.set(CELL_ID, OWNER_TOKEN);
    w.monitor.start();
    await w.advance(0);
    expect(w.monitor.status()).toMatchObject({
      version: 'main-gha.34488',
      reachable: true,
      dedicated: true,
      maintenance: false,
      maintenanceNotice: null,
      organization: { id: server.organizations[0]?.id, name: 'Acme' },
    });
    expect(w.notices).toEqual([]);

    // Each state lasts three checks: a lasting state must not be announced again.
    server.version = 'main-gha.34501';
    await w.advance(3 * MINUTE);
    server.offline = true;
    await w.advance(MINUTE);
    expect(titles(w.notices)).toEqual(['prod updated to main-gha.34501']);
    await w.advance(7 * MINUTE);
    expect(w.monitor.status()).toMatchObject({ reachable: false, problem: { kind: 'unreachable' } });
    server.offline = false;
    w.monitor.trigger('network');
    await w.advance(3 * MINUTE);
    server.notice = { enabled: true, message: 'Infrastructure update Saturday 10:00 UTC' };
    await w.advance(3 * MINUTE);
    server.maintenance = true;
    await w.advance(3 * MINUTE);
    server.maintenance = false;
    await w.advance(3 * MINUTE);

    expect(titles(w.notices)).toEqual([
      'prod updated to main-gha.34501',
      'prod is unreachable',
      'prod is reachable again',
      'prod: maintenance announced',
      'prod is in maintenance',
      'prod: maintenance is over',
    ]);
    expect(w.notices[3]?.notification.body).toBe('Infrastructure update Saturday 10:00 UTC');
    for (const notice of w.notices)
      expect(notice.notification.target).toEqual({ view: 'overview', itemId: CELL_ID });

    const status = w.monitor.status();
    expect(cellAppStatusSchema.safeParse(status).success).toBe(true);
    expect(appStatusJson(status)).toEqual({
      version: 'main-gha.34501',
      reachable: true,
      checkedAt: status.checkedAt,
      maintenance: false,
      maintenanceNotice: 'Infrastructure update Saturday 10:00 UTC',
    });
    // The timeline is on disk for the next start.
    const file = JSON.parse(await readFile(w.historyPath, 'utf8'));
    expect(file.cells[CELL_ID].versions.map((entry: { version: string }) => entry.version)).toEqual([
      'main-gha.34488',
      'main-gha.34501',
    ]);
    expect(file.cells[CELL_ID].maintenance).toHaveLength(1);
    expect(file.cells[CELL_ID].maintenance[0].end).not.toBeNull();
    w.monitor.stop();
  });

  it('costs one version and one health request per check, and asks the installation type and organizations once', async () => {
    const w = await watch(server);
    w.tokens.set(CELL_ID, OWNER_TOKEN);
    w.monitor.start();
    await w.advance(4 * MINUTE);
    w.monitor.stop();
    expect(server.count('version')).toBe(5);
    expect(server.count('health')).toBe(5);
    expect(server.count('GetInstallationConfiguration')).toBe(1);
    expect(server.count('ListOrganizations')).toBe(1);
    expect(server.count('GetOrganizationMaintenanceMode')).toBe(5);
    expect(server.count('GetMaintenanceNotification')).toBe(5);
  });

  it('speaks Connect JSON: POST, JSON body, protocol version 1, bearer token only on organization calls', async () => {
    const w = await watch(server);
    w.tokens.set(CELL_ID, OWNER_TOKEN);
    await w.monitor.checkNow();
    const byRoute = new Map(server.requests.map((request) => [request.route, request]));
    expect(byRoute.get('GetInstallationConfiguration')).toMatchObject({
      method: 'POST',
      contentType: 'application/json',
      connectProtocolVersion: '1',
      authorization: undefined,
      body: '{}',
    });
    expect(byRoute.get('GetOrganizationMaintenanceMode')).toMatchObject({
      method: 'POST',
      contentType: 'application/json',
      connectProtocolVersion: '1',
      authorization: `Bearer ${OWNER_TOKEN}`,
      body: JSON.stringify({ organizationId: server.organizations[0]?.id }),
    });
    expect(byRoute.get('version')).toMatchObject({ method: 'GET', authorization: undefined });
  });

  it('without a token still shows version and health, and says maintenance needs one', async () => {
    const w = await watch(server);
    await w.monitor.checkNow();
    expect(w.monitor.status()).toMatchObject({
      version: 'main-gha.34488',
      reachable: true,
      maintenance: null,
      maintenanceNeedsToken: true,
      maintenanceProblem: { kind: 'token-missing' },
    });
    expect(w.monitor.status().maintenanceProblem?.fix).toMatch(/Access tokens/);
    expect(server.count('GetOrganizationMaintenanceMode')).toBe(0);
  });

  it('refuses an http: domain without sending anything', async () => {
    const w = await watch(server, { domain: `http://${server.domain}` });
    w.monitor.start();
    await w.advance(5 * MINUTE);
    expect(w.monitor.status().problem).toMatchObject({ kind: 'http-refused', code: 'http' });
    expect(server.requests).toEqual([]);
  });

  it('does not follow a redirect to another host, and says where it pointed', async () => {
    const elsewhere = await startGitpodServer();
    try {
      server.behave('version', { kind: 'redirect', location: `https://${elsewhere.domain}/api/version` });
      // The client trusts both servers, so following the redirect would have worked.
      const found = problemOf(await client(server, { ca: [server.ca, elsewhere.ca] }).version());
      expect(found.kind).toBe('redirect');
      expect(found.message).toContain(elsewhere.domain);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.close();
    }
  });

  it.each([
    ['expired', 'CERT_HAS_EXPIRED'],
    ['wrong-host', 'ERR_TLS_CERT_ALTNAME_INVALID'],
    ['untrusted', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
  ] as const)(
    'reports a %s certificate as a TLS problem naming the host and %s, not as unreachable',
    async (mode, code) => {
      const bad = await startGitpodServer({ certificate: mode });
      try {
        const w = await watch(bad);
        w.monitor.start();
        await w.advance(MINUTE);
        w.monitor.stop();
        const status = w.monitor.status();
        expect(status.problem).toMatchObject({ kind: 'tls', code });
        expect(status.problem?.message).toContain(bad.domain);
        expect(status.problem?.message).toContain(code);
        expect(status.problem?.message).not.toMatch(/could not be reached/);
        expect(bad.requests).toEqual([]);
      } finally {
        await bad.close();
      }
    },
  );

  it('rejects an HTML reply, markup, an over-long version and a reply over the size limit', async () => {
    const cell = client(server);
    server.behave('version', { kind: 'html' }, 1);
    expect(problemOf(await cell.version())).toMatchObject({ kind: 'bad-reply' });
    server.behave('version', { kind: 'markup' }, 1);
    expect(problemOf(await cell.version())).toMatchObject({ kind: 'bad-reply' });
    server.behave('version', { kind: 'reply', status: 200, body: 'main-gha.'.repeat(60) }, 1);
    expect(problemOf(await cell.version())).toMatchObject({ kind: 'bad-reply', code: 'too-long' });
    server.behave('version', { kind: 'huge', bytes: 2 * 1024 * 1024 }, 1);
    const huge = problemOf(await cell.version());
    expect(huge).toMatchObject({ kind: 'bad-reply', code: 'too-long' });
    expect(huge.message).toContain('64 KiB');
    // A login page in front of the Connect API is no answer either.
    server.behave('GetInstallationConfiguration', { kind: 'html' }, 1);
    expect(problemOf(await cell.isDedicated())).toMatchObject({ kind: 'bad-reply' });
  });

  it('reports a revoked token and a wrong-scope token as "token rejected" with the Connect code', async () => {
    const cell = client(server);
    const orgId = server.organizations[0]?.id as string;
    const revoked = problemOf(await cell.maintenanceMode(REVOKED_TOKEN, orgId));
    expect(revoked).toMatchObject({ kind: 'token-rejected', code: 'unauthenticated' });
    expect(revoked.message).toContain('unauthenticated');
    const scoped = problemOf(await cell.maintenanceNotification(SCOPE_TOKEN, orgId));
    expect(scoped).toMatchObject({ kind: 'token-rejected', code: 'permission_denied' });

    const w = await watch(server);
    w.tokens.set(CELL_ID, REVOKED_TOKEN);
    await w.monitor.checkNow();
    expect(w.monitor.status()).toMatchObject({
      reachable: true,
      version: 'main-gha.34488',
      maintenance: null,
      maintenanceProblem: { kind: 'token-rejected', code: 'unauthenticated' },
    });
  });

  it('reads the Connect code even when the HTTP status says something else', async () => {
    server.behave('GetOrganizationMaintenanceMode', {
      kind: 'reply',
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({ code: 'permission_denied', message: 'not an owner' }),
    });
    const found = problemOf(
      await client(server).maintenanceMode(OWNER_TOKEN, server.organizations[0]?.id as string),
    );
    expect(found).toMatchObject({ kind: 'token-rejected', code: 'permission_denied' });
  });

  it('asks the admin to choose when the token sees several organizations', async () => {
    const original = server.organizations;
    server.organizations = [
      { id: '11111111-1111-4111-8111-111111111111', name: 'Acme' },
      { id: '22222222-2222-4222-8222-222222222222', name: 'Acme Research' },
    ];
    try {
      const w = await watch(server);
      w.tokens.set(CELL_ID, OWNER_TOKEN);
      await w.monitor.checkNow();
      const found = w.monitor.status().maintenanceProblem;
      expect(found?.kind).toBe('organization-needed');
      expect(found?.message).toContain('Acme Research (22222222-2222-4222-8222-222222222222)');
    } finally {
      server.organizations = original;
    }
  });

  it('says which organization is unknown when the configured one does not exist', async () => {
    const logger = createMemoryLogger();
    loggers.push(logger);
    const monitor = new CellAppMonitor(
      { cellId: CELL_ID, name: 'prod', domain: server.domain, organizationId: 'no-such-org' },
      {
        tokens: new MemoryTokenVault([[CELL_ID, OWNER_TOKEN]]),
        history: AppHistoryStore.inMemory(logger),
        timers: new ManualTimers(),
        logger,
        http: { ca: server.ca },
      },
    );
    const status = await monitor.checkNow();
    produced.push(status);
    expect(status.maintenanceProblem).toMatchObject({ kind: 'organization-needed', code: 'not_found' });
    expect(status.maintenanceProblem?.message).toContain('no-such-org');
  });

  it('times out a hanging endpoint after the injected timeout', async () => {
    server.behave('version', { kind: 'hang' }, 1);
    const started = Date.now();
    const found = problemOf(await client(server, { timeoutMs: 300 }).version());
    expect(found).toMatchObject({ kind: 'timeout' });
    expect(found.message).toContain('300 ms');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('waits for a slow endpoint within the timeout, and reports the response time', async () => {
    server.behave('version', { kind: 'slow', ms: 150 }, 1);
    const result = await client(server).version();
    produced.push(result);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.ms).toBeGreaterThanOrEqual(140);
  });

  it('counts an unhealthy /api/health as a failed check, and a dropped connection as unreachable', async () => {
    const cell = client(server);
    server.healthy = false;
    expect(problemOf(await cell.health())).toMatchObject({ kind: 'http-error', code: '503' });
    server.healthy = true;
    server.behave('health', { kind: 'reset' }, 1);
    expect(problemOf(await cell.health())).toMatchObject({ kind: 'unreachable' });
  });

  it('switches the notice and maintenance mode on and off again with an owner token', async () => {
    const tokens = new MemoryTokenVault([[CELL_ID, OWNER_TOKEN]]);
    const access = { client: client(server), tokens, cellId: CELL_ID };
    produced.push(await setMaintenanceSwitch(access, 'notice', true, 'Infrastructure update now'));
    produced.push(await setMaintenanceSwitch(access, 'mode', true));
    expect(server.maintenance).toBe(true);
    expect(server.notice).toEqual({ enabled: true, message: 'Infrastructure update now' });
    expect(await maintenanceSwitchIsOn(access, 'mode')).toEqual({ ok: true, value: true });
    expect(await maintenanceSwitchIsOn(access, 'notice')).toEqual({ ok: true, value: true });
    produced.push(await setMaintenanceSwitch(access, 'mode', false));
    produced.push(await setMaintenanceSwitch(access, 'notice', false));
    expect(server.maintenance).toBe(false);
    expect(server.notice.enabled).toBe(false);
  });

  it('refuses to switch maintenance with a member token, changing nothing', async () => {
    const tokens = new MemoryTokenVault([[CELL_ID, MEMBER_TOKEN]]);
    const result = await setMaintenanceSwitch(
      { client: client(server), tokens, cellId: CELL_ID },
      'mode',
      true,
    );
    produced.push(result);
    expect(result).toMatchObject({
      ok: false,
      problem: { kind: 'token-rejected', code: 'permission_denied' },
    });
    expect(server.maintenance).toBe(false);
  });

  it('never lets a token into a status, notification, problem, log line or history file', async () => {
    // One more run where the server echoes the token back in its error message.
    server.behave('GetOrganizationMaintenanceMode', {
      kind: 'connect-error',
      code: 'unauthenticated',
      message: `token ${OWNER_TOKEN} has been revoked`,
    });
    const w = await watch(server);
    w.tokens.set(CELL_ID, OWNER_TOKEN);
    w.monitor.start();
    await w.advance(2 * MINUTE);
    w.monitor.stop();
    expect(w.monitor.status().maintenanceProblem?.kind).toBe('token-rejected');

    const files = await Promise.all(
      Array.from({ length: watchCount }, (_, index) =>
        readFile(join(dir, `app-history-${index + 1}.json`), 'utf8').catch(() => ''),
      ),
    );
    const everything = JSON.stringify([produced, loggers.map((logger) => logger.lines), files]);
    expect(produced.length).toBeGreaterThan(50);
    expect(loggers.flatMap((logger) => logger.lines).length).toBeGreaterThan(10);
    for (const token of ALL_TOKENS) {
      expect(everything).not.toContain(token);
      // Nor its secret part alone.
      expect(everything).not.toContain(token.split('.')[1]);
    }
    // The token did go where it belongs: to the cell.
    expect(server.requests.some((request) => request.authorization === `Bearer ${OWNER_TOKEN}`)).toBe(true);
  });
});
