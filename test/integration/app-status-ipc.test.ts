/**
 * Issue 6's live cell status end to end, as the app wires it: the real IPC registry and
 * handlers, CoreRuntime with its tray status, the safeStorage token vault (over the typed
 * electron mock) and the real HTTPS client against the local Gitpod test server. Version
 * change, outage and recovery, maintenance on and off and a notice each produce exactly one
 * notification and show in the IPC snapshot, the tray's lines and tooltip, and
 * `status --json`; then everything the app produced is scanned for the token.
 *
 * The AWS side is a scripted checker (the stacks are not the subject here); time is
 * ManualTimers, so minutes pass at once while the HTTP underneath is real.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/main/cli/index';
import type { StatusJson } from '../../src/main/cli/status-report';
import { appHistoryFileBeside } from '../../src/main/core/app-status/app-history-store';
import type { CellCheckerPort } from '../../src/main/core/cells/cells-service';
import { FileSettingsBackend } from '../../src/main/core/cells/settings-backend';
import { createMemoryLogger } from '../../src/main/core/log/logger';
import { redact } from '../../src/main/core/log/redact';
import type { AppNotification } from '../../src/main/core/notify/notifier';
import { ManualTimers } from '../../src/main/core/refresh/timers';
import { cellsHandlerDeps } from '../../src/main/handlers/cells-handlers';
import { registerHandlers } from '../../src/main/handlers/register-handlers';
import { IpcRegistry } from '../../src/main/ipc/registry';
import { CoreRuntime } from '../../src/main/lifecycle/core-runtime';
import { SafeStorageTokenVault, tokensFileBeside } from '../../src/main/shell/safe-storage-token-vault';
import type { AppStatusState } from '../../src/shared/app-status/app-status-ipc';
import type { Cell } from '../../src/shared/cells/cell';
import type { CellsState } from '../../src/shared/cells/cells-state';
import type { Result } from '../../src/shared/errors';
import { ipcEvents } from '../../src/shared/ipc/contract';
import type { StatusSnapshot } from '../../src/shared/status';
import { cellCheck } from '../support/cell-checks';
import { type GitpodTestServer, startGitpodServer } from '../support/gitpod-server/server';

vi.mock('electron', () => import('../mocks/electron'));

const TOKEN = 'gitpod_pat_ipc.integration-secret-41c7e9';
const SECRET_PART = 'integration-secret-41c7e9';
const MINUTE = 60_000;
const ROOT = join(import.meta.dirname, '..', '..');

let server: GitpodTestServer;
let dir: string;
let settingsPath: string;
let timers: ManualTimers;
let runtime: CoreRuntime;
let registry: IpcRegistry;
let cellId: string;
const logger = createMemoryLogger();
const notifications: AppNotification[] = [];
/** Every IPC response and event payload, and every CLI output, for the scan at the end. */
const produced: unknown[] = [];
const events: AppStatusState[] = [];
const trays: StatusSnapshot[] = [];

async function call<T>(channel: string, payload?: unknown): Promise<Result<T>> {
  const result = (await registry.dispatch(channel, payload)) as Result<T>;
  produced.push(result);
  return result;
}

async function value<T>(channel: string, payload?: unknown): Promise<T> {
  const result = await call<T>(channel, payload);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Moves simulated time, waiting on real time for the checks (real HTTPS) each timer starts. */
async function advance(ms: number): Promise<void> {
  await timers.advance(ms, async () => {
    await new Promise((resolve) => setImmediate(resolve));
    await runtime.appStatus.idle();
    for (let i = 0; i < 200 && runtime.scheduler.state().running; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  });
}

const titles = (): string[] => notifications.map((notification) => notification.title);

async function state(): Promise<AppStatusState> {
  return value<AppStatusState>('app-status:get');
}

function prodLine(): string {
  return runtime.status.snapshot().cells.find((cell) => cell.name === 'prod')?.line ?? '';
}

/** The AWS side, scripted: every cell's stacks are stable. */
function scriptedChecker(): CellCheckerPort {
  return {
    check: async (cell: Cell) => cellCheck(cell, { checkedAt: new Date(timers.now()).toISOString() }),
    discover: vi.fn(),
    recentEvents: vi.fn(),
    forget: vi.fn(),
    dispose: vi.fn(),
  } as unknown as CellCheckerPort;
}

async function runCliInProcess(args: string[], env: NodeJS.ProcessEnv) {
  let out = '';
  let err = '';
  const checker = {
    check: async (cell: Cell) => cellCheck(cell),
    checkUnsaved: vi.fn(),
    dispose: () => undefined,
  };
  const code = await main(
    args,
    {
      out: (text) => {
        out += text;
      },
      err: (text) => {
        err += text;
      },
      env,
    },
    { status: { checker: checker as never, app: { http: { ca: server.ca, timeoutMs: 2_000 } } } },
  );
  produced.push(out, err);
  return { code, out, err };
}

beforeAll(async () => {
  server = await startGitpodServer();
  server.tokens.set(TOKEN, 'owner');
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-app-status-ipc-'));
  settingsPath = join(dir, 'settings.json');
  timers = new ManualTimers(Date.parse('2026-06-01T09:00:00.000Z'));
  runtime = await CoreRuntime.open({
    settings: new FileSettingsBackend(settingsPath),
    logger,
    notifier: {
      notify: (notification) => {
        notifications.push(notification);
        return true;
      },
    },
    timers,
    checker: scriptedChecker(),
    tokens: new SafeStorageTokenVault(tokensFileBeside(settingsPath), { logger, platform: 'linux' }),
    appHttp: { ca: server.ca, timeoutMs: 2_000 },
  });
  registry = new IpcRegistry(logger);
  registerHandlers(registry, {
    app: {
      info: {
        name: 'Dedicated Admin',
        version: '0.0.0-test',
        platform: 'linux',
        settingsDir: dir,
        logFile: join(dir, 'main.log'),
        issuesUrl: 'https://github.com/gitpod-io/dedicated-admin/issues',
      },
      openExternal: async () => undefined,
      openLogFolder: async () => undefined,
    },
    status: { status: runtime.status, checkNow: () => runtime.checkNow() },
    preferences: {
      loginItem: { supported: false, isEnabled: async () => false, setEnabled: async () => undefined },
      monitoring: runtime.settings,
    },
    cells: cellsHandlerDeps(runtime.cells, logger),
    updates: { updates: runtime.updates, cells: runtime.cells, saveFile: async () => ({ saved: false }) },
    appStatus: runtime,
    apply: { apply: runtime.apply, saveFile: async () => ({ saved: false }) },
  });
  // What the shell sends the dashboard and shows in the tray.
  runtime.subscribeAppStatus((payload) => {
    events.push(payload);
    produced.push({ channel: ipcEvents.appStatusChanged.channel, payload });
  });
  runtime.status.subscribe((snapshot) => {
    trays.push(snapshot);
    produced.push({ channel: ipcEvents.statusChanged.channel, payload: snapshot });
  });
  const added = await value<CellsState>('cells:add', {
    name: 'prod',
    region: 'eu-central-1',
    accountId: '123456789012',
    instanceStack: 'gitpod-instance',
    domain: server.domain,
  });
  cellId = added.cells[0]?.cell.id ?? '';
  // The runtime hands a new cell to the live status once it has looked its token up.
  for (let i = 0; i < 500 && runtime.appStatus.snapshot().cells.length === 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  runtime.start();
  await advance(0);
}, 30_000);

afterAll(async () => {
  runtime?.dispose();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('test/integration/app-status-ipc', () => {
  it('shows version and health without a token, says maintenance needs one, and raises nothing', async () => {
    const { cells, tokenStorage } = await state();
    expect(tokenStorage.available).toBe(true);
    expect(cells).toEqual([
      expect.objectContaining({
        cellId,
        name: 'prod',
        domain: server.domain,
        version: 'main-gha.34488',
        reachable: true,
        maintenance: null,
        maintenanceNeedsToken: true,
        hasToken: false,
      }),
    ]);
    expect(notifications).toEqual([]);
    expect(prodLine()).toBe('stacks stable');
  });

  it('refuses a malformed token before it reaches main, logging neither it nor its parts', async () => {
    for (const token of [
      `${TOKEN} extra`,
      'not-a-gitpod-token-at-all',
      `${TOKEN}\nsecond line`,
      `gitpod_pat_${'x'.repeat(2000)}`,
    ]) {
      const result = await call<AppStatusState>('app-status:set-token', { cellId, token });
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(SECRET_PART);
    }
    expect(await state()).toMatchObject({ cells: [expect.objectContaining({ hasToken: false })] });
    await expect(readFile(tokensFileBeside(settingsPath), 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('stores a token through IPC, answers only that one is stored, and reads maintenance with it', async () => {
    const saved = await value<AppStatusState>('app-status:set-token', { cellId, token: `  ${TOKEN}\n` });
    expect(saved.cells[0]?.hasToken).toBe(true);
    await advance(5_000);
    expect((await state()).cells[0]).toMatchObject({
      maintenance: false,
      maintenanceNotice: null,
      maintenanceNeedsToken: false,
      organization: { id: server.organizations[0]?.id, name: 'Acme' },
    });
    const sent = server.requests.filter((request) => request.route === 'GetOrganizationMaintenanceMode');
    expect(sent.at(-1)?.authorization).toBe(`Bearer ${TOKEN}`);
    expect(notifications).toEqual([]);
  });

  it('announces a version change once, in the snapshot and status --json', async () => {
    server.version = 'main-gha.34501';
    await advance(5 * MINUTE);
    await advance(10 * MINUTE);
    expect(titles()).toEqual(['prod updated to main-gha.34501']);
    const cell = (await state()).cells[0];
    expect(cell).toMatchObject({ version: 'main-gha.34501' });
    expect(cell?.history.versions.map((entry) => entry.version)).toEqual([
      'main-gha.34488',
      'main-gha.34501',
    ]);
  });

  it('announces maintenance on once, and shows it in the tray line and tooltip', async () => {
    server.maintenance = true;
    await advance(5 * MINUTE);
    await advance(10 * MINUTE);
    expect(titles().slice(1)).toEqual(['prod is in maintenance']);
    expect((await state()).cells[0]?.maintenance).toBe(true);
    expect(prodLine()).toBe('maintenance on');
    const tray = runtime.status.snapshot();
    expect(tray.state).toBe('attention');
    expect(tray.tooltip.split('\n')).toContain('prod · maintenance on');
  });

  it('announces a notice once, and shows it in the tray and status --json', async () => {
    server.notice = { enabled: true, message: 'Infrastructure update Saturday 10:00 UTC' };
    await advance(5 * MINUTE);
    await advance(10 * MINUTE);
    expect(titles().slice(2)).toEqual(['prod: maintenance announced']);
    expect(prodLine()).toBe(
      'maintenance on · maintenance announced: “Infrastructure update Saturday 10:00 UTC”',
    );

    const cli = await runCliInProcess(['status', '--json', '--cell', 'prod'], {
      DEDICATED_ADMIN_SETTINGS: settingsPath,
      GITPOD_TOKEN: TOKEN,
    });
    expect(cli.err).toBe('');
    expect(cli.code).toBe(0);
    const json = JSON.parse(cli.out) as StatusJson;
    expect(json.cells[0]?.app).toEqual({
      version: 'main-gha.34501',
      reachable: true,
      checkedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      maintenance: true,
      maintenanceNotice: 'Infrastructure update Saturday 10:00 UTC',
    });
  });

  it('announces maintenance over and the notice removed once each, and the tray goes back to ok', async () => {
    server.maintenance = false;
    server.notice = { enabled: false, message: '' };
    await advance(5 * MINUTE);
    await advance(10 * MINUTE);
    expect(titles().slice(3)).toEqual(['prod: maintenance is over', 'prod: maintenance notice removed']);
    expect(prodLine()).toBe('stacks stable');
    expect(runtime.status.snapshot().state).toBe('ok');
    const history = (await state()).cells[0]?.history.maintenance ?? [];
    expect(history).toHaveLength(1);
    expect(history[0]?.end).not.toBeNull();
  });

  it('announces an outage once after two failed checks, as attention in the tray, and its end once', async () => {
    server.offline = true;
    await advance(5 * MINUTE);
    expect(titles().slice(5)).toEqual([]);
    expect(prodLine()).toBe('stacks stable');
    await advance(5 * MINUTE);
    await advance(30 * MINUTE);
    expect(titles().slice(5)).toEqual(['prod is unreachable']);
    const down = (await state()).cells[0];
    expect(down).toMatchObject({
      reachable: false,
      version: 'main-gha.34501',
      problem: { kind: 'unreachable' },
    });
    expect(prodLine()).toMatch(/^unreachable since \d\d:\d\d$/);
    const tray = runtime.status.snapshot();
    // A cell out of reach (a VPN-only cell, say) is a state to look at, never an error.
    expect(tray.state).toBe('attention');
    expect(tray.tooltip).toMatch(/\nprod · unreachable since \d\d:\d\d/);
    const unreachable = await runCliInProcess(['status', '--json', '--cell', 'prod'], {
      DEDICATED_ADMIN_SETTINGS: settingsPath,
      GITPOD_TOKEN: TOKEN,
    });
    expect(unreachable.code).toBe(0);
    expect((JSON.parse(unreachable.out) as StatusJson).cells[0]?.app).toMatchObject({
      version: null,
      reachable: false,
      maintenance: null,
    });

    server.offline = false;
    runtime.networkReturned();
    await advance(5_000);
    expect(titles().slice(5)).toEqual(['prod is unreachable', 'prod is reachable again']);
    expect((await state()).cells[0]?.reachable).toBe(true);
    expect(prodLine()).toBe('stacks stable');
  });

  it('checks on demand over IPC, one cell or all', async () => {
    const before = server.count('version');
    await value<AppStatusState>('app-status:check-now', { cellId });
    await value<AppStatusState>('app-status:check-now', {});
    expect(server.count('version')).toBe(before + 2);
  });

  it('polls at the dashboard’s pace while it is open and follows the settings', async () => {
    runtime.setDashboardOpen(true);
    await advance(0);
    const before = server.count('version');
    await advance(5 * MINUTE);
    expect(server.count('version') - before).toBe(5);
    expect((await state()).mode).toBe('dashboard');
    const { preferences } = await value<{ preferences: unknown }>('preferences:get').then((p) => ({
      preferences: p,
    }));
    expect(preferences).toBeTruthy();
    const monitoring = runtime.settings.monitoring();
    await value('preferences:set-monitoring', {
      ...monitoring,
      liveStatus: { ...monitoring.liveStatus, dashboardPollSeconds: 120 },
    });
    const after = server.count('version');
    await advance(10 * MINUTE);
    expect(server.count('version') - after).toBe(5);
    runtime.setDashboardOpen(false);
  });

  it('runs the built CLI with the test CA from NODE_EXTRA_CA_CERTS, and prints no token', async () => {
    const outDir = join(ROOT, 'node_modules', '.cache', `dedicated-admin-cli-${process.pid}`);
    const caFile = join(dir, 'test-ca.pem');
    await writeFile(caFile, server.ca);
    try {
      await build({
        configFile: join(ROOT, 'cli.vite.config.ts'),
        root: ROOT,
        logLevel: 'silent',
        build: { outDir, emptyOutDir: true },
      });
      const run = (env: NodeJS.ProcessEnv, json = true) =>
        promisify(execFile)(
          process.execPath,
          [join(outDir, 'index.js'), 'status', '--cell', 'prod', ...(json ? ['--json'] : [])],
          {
            env: {
              PATH: process.env.PATH ?? '',
              DEDICATED_ADMIN_SETTINGS: settingsPath,
              GITPOD_TOKEN: TOKEN,
              ...env,
            },
            timeout: 60_000,
          },
          // The cell's AWS check fails (nothing listens there), so the exit code is 1.
        ).catch((error: { stdout: string; stderr: string }) => error);
      const aws = {
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'not-used',
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_MAX_ATTEMPTS: '1',
      };
      const trusted = await run({ ...aws, NODE_EXTRA_CA_CERTS: caFile });
      produced.push(trusted.stdout, trusted.stderr);
      expect((JSON.parse(trusted.stdout) as StatusJson).cells[0]?.app).toMatchObject({
        version: 'main-gha.34501',
        reachable: true,
        maintenance: false,
      });
      const table = await run({ ...aws, NODE_EXTRA_CA_CERTS: caFile }, false);
      produced.push(table.stdout, table.stderr);
      expect(table.stdout).toMatch(
        /^prod · Gitpod main-gha\.34501 at 127\.0\.0\.1:\d+, reachable \(\d+ ms\), maintenance off$/m,
      );
      // Without the CA the certificate is refused, and said to be: not merely "unreachable".
      const untrusted = await run(aws, false);
      produced.push(untrusted.stdout, untrusted.stderr);
      expect(untrusted.stdout).toMatch(
        /^prod · Gitpod at 127\.0\.0\.1:\d+: The TLS certificate of .* was not accepted/m,
      );
    } finally {
      await rm(outDir, { recursive: true, force: true });
    }
  }, 90_000);

  it('sends GITPOD_TOKEN to one cell only, and only when it is a Gitpod token', async () => {
    const twoCells = join(dir, 'two-cells.json');
    const cell = (id: string, name: string) => ({
      id,
      name,
      region: 'eu-central-1',
      accountId: '123456789012',
      instanceStack: 'gitpod-instance',
      domain: server.domain,
    });
    await writeFile(
      twoCells,
      JSON.stringify({
        version: 1,
        cells: [
          cell('0b9e6a52-4f0c-4a57-9c55-3d1f7e2b8a10', 'eu'),
          cell('9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', 'us'),
        ],
      }),
    );
    server.resetCounts();
    const both = await runCliInProcess(['status', '--json'], {
      DEDICATED_ADMIN_SETTINGS: twoCells,
      GITPOD_TOKEN: TOKEN,
    });
    expect(both.code).toBe(0);
    expect(both.err).toMatch(/GITPOD_TOKEN is used for one cell at a time/);
    const apps = (JSON.parse(both.out) as StatusJson).cells.map((entry) => entry.app);
    expect(apps.map((entry) => [entry.version, entry.maintenance])).toEqual([
      ['main-gha.34501', null],
      ['main-gha.34501', null],
    ]);
    expect(server.requests.filter((request) => request.authorization !== undefined)).toEqual([]);

    const notAToken = await runCliInProcess(['status', '--json', '--cell', 'eu'], {
      DEDICATED_ADMIN_SETTINGS: twoCells,
      GITPOD_TOKEN: 'ghp_not-a-gitpod-token-value',
    });
    expect(notAToken.err).toMatch(/GITPOD_TOKEN is not a Gitpod personal access token/);
    expect(notAToken.err).not.toContain('not-a-gitpod-token-value');
    expect(server.requests.filter((request) => request.authorization !== undefined)).toEqual([]);

    const scoped = await runCliInProcess(['status', '--domain', server.domain], {
      DEDICATED_ADMIN_SETTINGS: twoCells,
    });
    expect(scoped.code).toBe(1);
    expect(scoped.err).toMatch(/--domain and --org are for one cell: add --cell NAME/);
  });

  it('refuses --token on the command line without echoing it', async () => {
    for (const args of [
      ['status', '--token', TOKEN],
      ['status', `--token=${TOKEN}`],
    ]) {
      const cli = await runCliInProcess(args, { DEDICATED_ADMIN_SETTINGS: settingsPath });
      expect(cli.code).toBe(2);
      expect(cli.err).toMatch(/--token is not accepted.*shell history.*GITPOD_TOKEN/s);
    }
  });

  it('removes the token through IPC: maintenance is unknown again and needs a token', async () => {
    const cleared = await value<AppStatusState>('app-status:clear-token', { cellId });
    expect(cleared.cells[0]?.hasToken).toBe(false);
    await advance(5_000);
    expect((await state()).cells[0]).toMatchObject({ maintenance: null, maintenanceNeedsToken: true });
    expect(JSON.parse(await readFile(tokensFileBeside(settingsPath), 'utf8')).tokens).toEqual({});
  });

  it('lets the token into no IPC response or event, log line, notification, settings, tokens or history file, or CLI output', async () => {
    // Set again, so tokens.json holds its ciphertext while it is scanned.
    await value<AppStatusState>('app-status:set-token', { cellId, token: TOKEN });
    await advance(5_000);
    const tokensFile = await readFile(tokensFileBeside(settingsPath), 'utf8');
    expect(Object.keys(JSON.parse(tokensFile).tokens)).toEqual([cellId]);
    const files = [
      await readFile(settingsPath, 'utf8'),
      tokensFile,
      await readFile(appHistoryFileBeside(settingsPath), 'utf8'),
    ];
    expect(events.length).toBeGreaterThan(5);
    expect(trays.length).toBeGreaterThan(5);
    const everything = [
      JSON.stringify(produced),
      JSON.stringify(notifications),
      logger.lines.map((line) => line.message).join('\n'),
      ...files,
    ].join('\n');
    expect(everything).toContain('main-gha.34501');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(SECRET_PART);
    // The redactor, the logs' second line of defence, knows Gitpod tokens too.
    expect(redact(`Authorization failed for ${TOKEN}`)).not.toContain(SECRET_PART);
  });

  it('forgets a removed cell’s token and its version and maintenance history', async () => {
    expect(await readFile(appHistoryFileBeside(settingsPath), 'utf8')).toContain(cellId);
    await value<CellsState>('cells:remove', { id: cellId });
    await vi.waitFor(async () => {
      const tokens = JSON.parse(await readFile(tokensFileBeside(settingsPath), 'utf8'));
      expect(Object.keys(tokens.tokens)).toEqual([]);
      expect(await readFile(appHistoryFileBeside(settingsPath), 'utf8')).not.toContain(cellId);
    });
    expect((await state()).cells).toEqual([]);
  });
});
