/**
 * Issue 7, "Secrets": with recognisable fake credentials in a temporary ~/.aws (an AKIA key id,
 * a secret key and a session token, all tagged SECRETSCAN) and a Gitpod token stored through
 * the token vault, the app does what an admin does all day, and then everything it produced is
 * scanned for those secrets, plain and disguised (base64 at any alignment, base64url,
 * URL-encoded, or any fragment carrying the tag):
 *
 * - a status refresh over IPC: the profile list, discovery, a cell added and checked against
 *   moto (once through an expired-token fault, so an AWS error is reported too), the token
 *   stored, the cell's live status read from the Gitpod HTTPS test server with it;
 * - a full guided apply over IPC: an update (role and instance templates, the instance one
 *   through S3) imported, started, acknowledged, reviewed, exported, confirmed stack by stack
 *   to UPDATE_COMPLETE, and its evidence exported as Markdown, JSON and CSV;
 * - the CLI against the same moto and settings: `status --json`, `status`, and `apply --yes`.
 *
 * Scanned: every log line (the memory logger and the log file), every file the app and the CLI
 * wrote beside the settings (settings, updates.json and its templates, the apply journal
 * runs/*.json and evidence, app history, the notification ledger, tokens.json), every exported
 * file, every IPC reply and every event payload sent to the dashboard, notifications, the
 * tray, and the CLI's output. tokens.json may hold the token only as ciphertext.
 *
 * The wiring is the app's: CoreRuntime, the real handlers bound to ipcMain through the sender
 * check (bindIpcMain), the dashboard window's send, electron-store settings, the safeStorage
 * token vault and the save dialog, over the typed electron mock. Two stand-ins: electron-log's
 * transport writes the file itself (electron-log/main loads the Electron binary, absent here),
 * behind the app's own createFileLogger; and safeStorage's "keychain" is the mock's.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/main/cli/index';
import type { StatusJson } from '../../src/main/cli/status-report';
import { createMemoryLogger, type Logger } from '../../src/main/core/log/logger';
import type { AppNotification } from '../../src/main/core/notify/notifier';
import type { TimerPort } from '../../src/main/core/refresh/timers';
import { cellsHandlerDeps } from '../../src/main/handlers/cells-handlers';
import { registerHandlers } from '../../src/main/handlers/register-handlers';
import { bindIpcMain } from '../../src/main/ipc/bind-ipc-main';
import { IpcRegistry } from '../../src/main/ipc/registry';
import { CoreRuntime } from '../../src/main/lifecycle/core-runtime';
import { APP_ENTRY_URL, APP_ORIGIN } from '../../src/main/security/app-protocol-path';
import { DashboardWindow } from '../../src/main/shell/dashboard-window';
import { ElectronStoreBackend } from '../../src/main/shell/electron-store-backend';
import { createFileLogger } from '../../src/main/shell/file-logger';
import { SafeStorageTokenVault, tokensFileBeside } from '../../src/main/shell/safe-storage-token-vault';
import { saveFileWithDialog } from '../../src/main/shell/save-file';
import type { AppStatusState } from '../../src/shared/app-status/app-status-ipc';
import type { ApplyState } from '../../src/shared/apply/apply-ipc';
import type { ChangeSetReview } from '../../src/shared/apply/review';
import type { ApplyRunView } from '../../src/shared/apply/run';
import type { CellsState } from '../../src/shared/cells/cells-state';
import type { AwsSetup } from '../../src/shared/cells/profiles';
import type { Result } from '../../src/shared/errors';
import { ipcEvents } from '../../src/shared/ipc/contract';
import { changedRoleTemplate, nextFixtureVersion } from '../fixtures/templates/index';
import { BrowserWindow, dialog, ipcMain, resetElectronMock, safeStorage } from '../mocks/electron';
import { type AwsHome, createAwsHome, useAwsHomeEnv } from '../support/aws/aws-home';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { type GitpodTestServer, startGitpodServer } from '../support/gitpod-server/server';
import { DEFAULT_ACCOUNT_ID, type MotoServer, motoClientConfig, startMoto } from '../support/moto-server';
import { seedCell } from '../support/seed-cell';
import { findLeaks, markerForms, type Place, SECRET_MARKERS, SECRET_TAG } from './support/secret-markers';
import { recordTally } from './support/tally';

vi.mock('electron', () => import('../mocks/electron'));

/** Where the stand-in for electron-log's file transport appends (set in beforeAll). */
const logFile = vi.hoisted(() => ({ path: '' }));
vi.mock('electron-log/main', async () => {
  const { appendFileSync } = await import('node:fs');
  const write =
    (level: string) =>
    (message: string): void =>
      appendFileSync(logFile.path, `[${new Date().toISOString()}] [${level}] ${message}\n`);
  return {
    default: {
      transports: {
        file: { level: 'info', maxSize: 0, getFile: () => ({ path: logFile.path }) },
        console: { level: false },
      },
      debug: write('debug'),
      info: write('info'),
      warn: write('warn'),
      error: write('error'),
    },
  };
});

const REGION = 'eu-west-1';
const PROFILE = 'scan';
const ROLE_STACK = 'scan-gitpod-role';
const INSTANCE_STACK = 'scan-gitpod-instance';
const MARKERS = SECRET_MARKERS;

/** The real clock, with the CLI runner's 2-second polls cut to 50 ms: moto has finished by then. */
const FAST_TIMERS: TimerPort = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, Math.min(ms, 50)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

let moto: MotoServer;
let proxy: FaultProxy;
let server: GitpodTestServer;
let home: AwsHome;
let vendor: CloudFormationClient;
let s3: S3Client;
let dir: string;
let settingsPath: string;
let exportsDir: string;
let runtime: CoreRuntime;
let dashboard: DashboardWindow;
let cellId = '';
const memory = createMemoryLogger();
const notifications: AppNotification[] = [];
/** Every reply the dashboard received, by channel. */
const replies: Array<{ channel: string; reply: unknown }> = [];
const cliOutputs: Array<{ command: string; out: string; err: string }> = [];

/** The dashboard's invoke, through ipcMain as bindIpcMain bound it, from the dashboard's frame. */
async function invoke<T>(channel: string, payload?: unknown): Promise<Result<T>> {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no IPC handler for ${channel}`);
  const reply = (await handler(
    { senderFrame: { url: APP_ENTRY_URL, parent: null } } as never,
    payload,
  )) as Result<T>;
  replies.push({ channel, reply });
  return reply;
}

async function value<T>(channel: string, payload?: unknown): Promise<T> {
  const reply = await invoke<T>(channel, payload);
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

/** What the dashboard window was sent: every event payload. */
function sentEvents(): Array<{ channel: string; payload: unknown }> {
  return BrowserWindow.instances.flatMap((win) => win.webContents.sent);
}

async function cli(
  command: string[],
  deps: Parameters<typeof main>[2] = {},
): Promise<{ code: number; out: string }> {
  let out = '';
  let err = '';
  const code = await main(
    command,
    {
      out: (text) => {
        out += `${text}\n`;
      },
      err: (text) => {
        err += `${text}\n`;
      },
      env: { ...process.env, DEDICATED_ADMIN_SETTINGS: settingsPath, GITPOD_TOKEN: MARKERS.gitpodToken },
      isTty: { stdin: false, stdout: false },
    },
    deps,
  );
  cliOutputs.push({ command: command.join(' '), out, err });
  if (code !== 0) throw new Error(`dedicated-admin ${command.join(' ')} exited ${code}:\n${out}\n${err}`);
  return { code, out };
}

/** Waits until the run stops moving by itself: it waits for the admin, or has finished. */
async function whenStill(runId: string): Promise<ApplyRunView> {
  await vi.waitFor(
    () => {
      if (runtime.apply.view(runId).status === 'active') throw new Error('still running');
    },
    { timeout: 60_000, interval: 50 },
  );
  return runtime.apply.view(runId);
}

/** Every file under `root`, as a place to scan. */
function filesUnder(root: string): Place[] {
  return readdirSync(root, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { name: `file ${relative(root, path)}`, text: readFileSync(path, 'utf8') };
    });
}

beforeAll(async () => {
  resetElectronMock();
  moto = await startMoto();
  proxy = await startFaultProxy(moto.endpoint);
  // The vendor's side seeds the cell with moto's usual fake key; the app never sees it.
  const vendorConfig = motoClientConfig(moto.endpoint, REGION);
  vendor = new CloudFormationClient(vendorConfig);
  s3 = new S3Client({ ...vendorConfig, forcePathStyle: true });
  await seedCell(
    { cloudFormation: vendor, s3 },
    { roleStackName: ROLE_STACK, instanceStackName: INSTANCE_STACK },
  );
  server = await startGitpodServer();
  server.tokens.set(MARKERS.gitpodToken, 'owner');

  // The admin's ~/.aws, holding the marked credentials; the app's AWS calls go through the proxy.
  home = createAwsHome();
  home.writeConfig(`[profile ${PROFILE}]\nregion = ${REGION}\n`);
  home.writeCredentials(
    `[${PROFILE}]\naws_access_key_id = ${MARKERS.accessKeyId}\n` +
      `aws_secret_access_key = ${MARKERS.secretAccessKey}\naws_session_token = ${MARKERS.sessionToken}\n`,
  );
  useAwsHomeEnv(home);
  vi.stubEnv('AWS_ENDPOINT_URL', proxy.endpoint);

  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-secrets-'));
  settingsPath = join(dir, 'settings.json');
  exportsDir = join(dir, 'exports');
  mkdirSync(exportsDir);
  logFile.path = join(dir, 'main.log');
  const file = createFileLogger(true);
  // What startup gives the core: the file logger; the memory logger beside it keeps the lines.
  const both =
    (level: keyof Logger) =>
    (message: string): void => {
      memory[level](message);
      file.logger[level](message);
    };
  const logger: Logger = {
    debug: both('debug'),
    info: both('info'),
    warn: both('warn'),
    error: both('error'),
  };
  runtime = await CoreRuntime.open({
    settings: new ElectronStoreBackend(settingsPath),
    logger,
    notifier: {
      notify: (notification) => {
        notifications.push(notification);
        return true;
      },
    },
    tokens: new SafeStorageTokenVault(tokensFileBeside(settingsPath), { logger, platform: 'linux' }),
    appHttp: { ca: server.ca, timeoutMs: 5_000 },
  });
  const registry = new IpcRegistry(logger);
  registerHandlers(registry, {
    app: {
      info: {
        name: 'Dedicated Admin',
        version: '0.0.0-test',
        platform: 'linux',
        settingsDir: dir,
        logFile: file.file,
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
    updates: { updates: runtime.updates, cells: runtime.cells, saveFile: saveFileWithDialog },
    appStatus: runtime,
    apply: { apply: runtime.apply, saveFile: saveFileWithDialog },
  });
  bindIpcMain(ipcMain, registry, [APP_ORIGIN], logger);
  // As startup wires it: every change reaches the dashboard window as an event.
  dashboard = new DashboardWindow({
    preloadPath: '/app/out/preload/index.cjs',
    entryUrl: APP_ENTRY_URL,
    iconPath: '/app/assets/icon-256.png',
    onBlocked: () => undefined,
  });
  dashboard.show();
  runtime.status.subscribe((snapshot) => dashboard.send(ipcEvents.statusChanged.channel, snapshot));
  runtime.cells.subscribe((state) => dashboard.send(ipcEvents.cellsChanged.channel, state));
  runtime.updates.subscribe((state) => dashboard.send(ipcEvents.updatesChanged.channel, state));
  runtime.subscribeAppStatus((state) => dashboard.send(ipcEvents.appStatusChanged.channel, state));
  runtime.apply.subscribe((run) => dashboard.send(ipcEvents.applyChanged.channel, run));
}, 120_000);

afterAll(async () => {
  runtime?.dispose();
  vendor?.destroy();
  s3?.destroy();
  vi.unstubAllEnvs();
  home?.cleanup();
  await server?.close();
  await proxy?.close();
  await moto?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('test/reliability/secrets', () => {
  it('recognises each marker plain, as base64 at any alignment, base64url, URL-encoded, or a tagged fragment', () => {
    const forms = markerForms();
    for (const [name, marker] of Object.entries(MARKERS)) {
      const disguises = [
        marker,
        marker.toLowerCase(),
        Buffer.from(`Authorization: ${marker}`).toString('base64'),
        Buffer.from(`x${marker}`).toString('base64'),
        Buffer.from(`xy${marker}!`).toString('base64url'),
        `?token=${encodeURIComponent(marker)}&next=1`,
      ];
      for (const text of disguises) {
        expect(findLeaks([{ name, text }], forms).length, `${name} in ${text}`).toBeGreaterThan(0);
      }
    }
    expect(
      findLeaks([{ name: 'a fragment', text: `key ${SECRET_TAG.toLowerCase()}7Q2` }], forms),
    ).toHaveLength(1);
    expect(
      findLeaks(
        [{ name: 'clean', text: 'AKIA[REDACTED] gitpod_pat_[REDACTED] wJalrXUtnFEMI/K7MDENG' }],
        forms,
      ),
    ).toEqual([]);
    // The planted ~/.aws holds them, where the SDK reads them.
    expect(
      new Set(
        findLeaks([{ name: 'credentials', text: readFileSync(home.credentialsFile, 'utf8') }]).map(
          (l) => l.marker,
        ),
      ),
    ).toEqual(new Set(['any', 'accessKeyId', 'secretAccessKey', 'sessionToken']));
  });

  it('refreshes the status with the marked profile and token: AWS through moto, the live status over HTTPS', async () => {
    const setup = await value<AwsSetup>('aws:get-setup');
    expect(JSON.stringify(setup)).toContain(`"${PROFILE}"`);
    await value('cells:discover', { profile: PROFILE, region: REGION });
    const added = await value<CellsState>('cells:add', {
      name: 'scan',
      profile: PROFILE,
      region: REGION,
      accountId: DEFAULT_ACCOUNT_ID,
      roleStack: ROLE_STACK,
      instanceStack: INSTANCE_STACK,
      domain: server.domain,
    });
    cellId = added.cells[0]?.cell.id ?? '';
    await vi.waitFor(() => expect(runtime.cells.state().cells[0]?.check).not.toBeNull(), { timeout: 30_000 });

    // An AWS error on the way: the expired-credentials answer is reported, then a clean check.
    proxy.inject({ action: 'DescribeStacks', times: 1, fault: 'expired-token' });
    const failed = await value<CellsState>('cells:check', { id: cellId });
    expect(failed.cells[0]?.check?.errors.length).toBeGreaterThan(0);
    const checked = await value<CellsState>('cells:check', { id: cellId });
    expect(checked.cells[0]?.check).toMatchObject({ account: DEFAULT_ACCOUNT_ID, errors: [] });
    expect(checked.cells[0]?.check?.stacks.map((stack) => stack.name)).toEqual([ROLE_STACK, INSTANCE_STACK]);
    await value('cells:events', { id: cellId, kind: 'role' });

    await vi.waitFor(() => expect(runtime.appStatus.snapshot().cells).toHaveLength(1), { timeout: 10_000 });
    const stored = await value<AppStatusState>('app-status:set-token', {
      cellId,
      token: MARKERS.gitpodToken,
    });
    expect(stored.cells[0]?.hasToken).toBe(true);
    const live = await value<AppStatusState>('app-status:check-now', { cellId });
    expect(live.cells[0]).toMatchObject({
      reachable: true,
      maintenance: false,
      maintenanceNeedsToken: false,
    });
    // The token did its job: the Gitpod server received it.
    expect(server.requests.map((request) => request.authorization)).toContain(
      `Bearer ${MARKERS.gitpodToken}`,
    );
    await value('status:check-now');
    await value('app-status:get');
    await value('status:get');
    await value('preferences:get');
    await value('app:get-info');
  }, 90_000);

  it('applies an update through both stacks over IPC to UPDATE_COMPLETE, exporting the review and evidence', async () => {
    const role = nextFixtureVersion('role.json', 'AuditTopic');
    const instance = nextFixtureVersion('instance.json', 'ReleaseNotesTopic');
    await value('updates:import', {
      cellId,
      meta: { label: 'Infrastructure Update v77' },
      sources: [
        {
          kind: 'file',
          name: 'role-v77.json',
          contentBase64: Buffer.from(role).toString('base64'),
          stack: 'role',
        },
        {
          kind: 'file',
          name: 'instance-v77.json',
          contentBase64: Buffer.from(instance).toString('base64'),
          stack: 'instance',
        },
      ],
    });
    const started = await value<ApplyRunView>('apply:start', { cellId });
    expect(started.stacks.map((stack) => stack.stackName)).toEqual([ROLE_STACK, INSTANCE_STACK]);
    let run = await whenStill(started.id);
    const save = async (channel: string, payload: unknown, name: string): Promise<void> => {
      dialog.nextSavePath = join(exportsDir, name);
      expect(await value(channel, payload)).toEqual({ saved: true, path: join(exportsDir, name) });
    };
    for (let guard = 0; run.status !== 'finished' && guard < 10; guard += 1) {
      const awaiting = run.awaiting;
      if (awaiting?.kind === 'input') {
        run = await value<ApplyRunView>('apply:provide-input', {
          runId: run.id,
          acknowledgeCapabilities: true,
        });
      } else if (awaiting?.kind === 'confirmation') {
        const stackIndex = run.stacks.findIndex((stack) => stack.stackName === awaiting.stackName);
        const review = await value<ChangeSetReview>('apply:get-review', { runId: run.id, stackIndex });
        expect(review.summary.total).toBeGreaterThan(0);
        await save(
          'apply:export-review',
          { runId: run.id, stackIndex, format: 'markdown' },
          `review-${stackIndex}.md`,
        );
        await save(
          'apply:export-review',
          { runId: run.id, stackIndex, format: 'json' },
          `review-${stackIndex}.json`,
        );
        run = await value<ApplyRunView>('apply:confirm', {
          runId: run.id,
          stackName: awaiting.stackName,
          accountId: awaiting.accountId,
        });
      } else {
        throw new Error(`the run waits for ${awaiting?.kind ?? 'nothing'}: ${run.message}`);
      }
      run = await whenStill(run.id);
    }
    expect(run).toMatchObject({ status: 'finished', outcome: 'updated' });
    expect(run.stacks.map((stack) => stack.finalStatus)).toEqual(['UPDATE_COMPLETE', 'UPDATE_COMPLETE']);
    for (const format of ['markdown', 'json', 'csv'] as const) {
      await save(
        'apply:export-run',
        { runId: run.id, format },
        `evidence.${format === 'markdown' ? 'md' : format}`,
      );
    }
    await value<ApplyRunView>('apply:get', { runId: run.id });
    const state = await value<ApplyState>('apply:list');
    expect(state.runs[0]).toMatchObject({ id: run.id, outcome: 'updated' });
    await vi.waitFor(
      () =>
        expect(runtime.updates.state().history.map((entry) => entry.label)).toContain(
          'Infrastructure Update v77',
        ),
      { timeout: 15_000 },
    );
    await value('updates:list');
  }, 120_000);

  it('runs the CLI against the same moto and settings: status --json, status, and apply --yes', async () => {
    const status = { status: { app: { http: { ca: server.ca, timeoutMs: 5_000 } } } };
    const json = await cli(['status', '--json', '--cell', 'scan'], status);
    const [cell] = (JSON.parse(json.out) as StatusJson).cells;
    expect(cell?.app).toMatchObject({ reachable: true, maintenance: false });
    await cli(['status', '--cell', 'scan'], status);
    const template = join(dir, 'role-v78.yaml');
    writeFileSync(template, changedRoleTemplate('v78'));
    const applied = await cli(
      ['apply', '--cell', 'scan', '--template', template, '--stack', 'role', '--yes'],
      {
        apply: { timers: FAST_TIMERS },
      },
    );
    expect(applied.out).toContain(`Executing on ${ROLE_STACK} (--yes).`);
    expect(applied.out).toMatch(/Evidence: .*\.evidence\.md/);
  }, 120_000);

  it('keeps the token in tokens.json only as ciphertext', () => {
    const text = readFileSync(tokensFileBeside(settingsPath), 'utf8');
    const stored = JSON.parse(text) as { tokens: Record<string, string> };
    const ciphertext = stored.tokens[cellId] ?? '';
    // It is the token, encrypted: the keychain gives it back.
    expect(safeStorage.decryptString(Buffer.from(ciphertext, 'base64'))).toBe(MARKERS.gitpodToken);
    expect(findLeaks([{ name: 'tokens.json', text }])).toEqual([]);
  });

  it('lets no marker into any log line, file, export, IPC reply, event, notification, the tray or CLI output', () => {
    const files = filesUnder(dir);
    const names = files.map((place) => place.name.replaceAll('\\', '/'));
    // What must have been written, so the scan below covers it.
    for (const expected of [
      /^file settings\.json$/,
      /^file updates\.json$/,
      /^file app-history\.json$/,
      /^file tokens\.json$/,
      /^file main\.log$/,
      /^file runs\/run-.*\.json$/,
      /^file runs\/.*\.evidence\.md$/,
      /^file exports\/evidence\.(md|json|csv)$/,
      /^file exports\/review-1\.(md|json)$/,
    ]) {
      expect(
        names.some((name) => expected.test(name)),
        String(expected),
      ).toBe(true);
    }
    expect(names.filter((name) => /^file runs\/run-.*\.json$/.test(name)).length).toBeGreaterThanOrEqual(2);
    expect(names.filter((name) => /^file exports\//.test(name))).toHaveLength(7);
    const events = sentEvents();
    expect(new Set(events.map((event) => event.channel))).toEqual(
      new Set(['status:changed', 'cells:changed', 'updates:changed', 'app-status:changed', 'apply:changed']),
    );
    expect(memory.lines.length).toBeGreaterThan(0);

    const places: Place[] = [
      ...files,
      ...memory.lines.map((line, index) => ({ name: `log line ${index + 1}`, text: line.message })),
      ...replies.map(({ channel, reply }, index) => ({
        name: `IPC reply ${index + 1} (${channel})`,
        text: JSON.stringify(reply),
      })),
      ...events.map(({ channel, payload }, index) => ({
        name: `event ${index + 1} (${channel})`,
        text: JSON.stringify(payload),
      })),
      ...notifications.map((notification, index) => ({
        name: `notification ${index + 1}`,
        text: JSON.stringify(notification),
      })),
      { name: 'tray', text: JSON.stringify(runtime.status.snapshot()) },
      ...cliOutputs.flatMap(({ command, out, err }) => [
        { name: `CLI ${command}: stdout`, text: out },
        { name: `CLI ${command}: stderr`, text: err },
      ]),
    ];
    const forms = markerForms();
    const leaks = findLeaks(places, forms);
    recordTally('secrets', {
      suite: 'Secrets',
      counts: {
        markersPlanted: Object.keys(MARKERS).length,
        formsLookedFor: forms.length,
        placesScanned: places.length,
        filesScanned: files.length,
        ipcReplies: replies.length,
        events: events.length,
        logLines: memory.lines.length,
        leaksFound: leaks.length,
      },
      summary:
        `${Object.keys(MARKERS).length} planted secrets in ${forms.length} forms, looked for in ` +
        `${places.length} places after a full apply and a status refresh: ${leaks.length} found`,
    });
    expect(leaks).toEqual([]);
  });
});
