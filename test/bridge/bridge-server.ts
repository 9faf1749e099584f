/**
 * The test-only stand-in for Electron IPC. It serves the built dashboard (with the same CSP
 * header the app:// protocol sends) and runs the real IPC registry, handlers and core
 * services behind HTTP, so Playwright can drive the UI in Chromium against real main-process
 * code. Only the OS edges (browser, file manager, login items) are recorded instead of run.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { build } from 'vite';
import type { GitpodHttpOptions } from '../../src/main/core/app-status/gitpod-http';
import { MemoryTokenStore } from '../../src/main/core/app-status/token-store';
import type { CellsService } from '../../src/main/core/cells/cells-service';
import { FileSettingsBackend } from '../../src/main/core/cells/settings-backend';
import { createMemoryLogger, type MemoryLogger } from '../../src/main/core/log/logger';
import type { AppNotification } from '../../src/main/core/notify/notifier';
import type { CellStatusSource, StatusService } from '../../src/main/core/status/status-service';
import type { UpdatesService } from '../../src/main/core/updates/updates-service';
import { cellsHandlerDeps } from '../../src/main/handlers/cells-handlers';
import { registerHandlers } from '../../src/main/handlers/register-handlers';
import { IpcRegistry } from '../../src/main/ipc/registry';
import { CoreRuntime } from '../../src/main/lifecycle/core-runtime';
import { resolveAppAsset } from '../../src/main/security/app-protocol-path';
import { PRODUCTION_CSP_HEADER } from '../../src/shared/csp';
import { type EventName, type EventPayloadOf, ipcEvents } from '../../src/shared/ipc/contract';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const MAX_BODY_BYTES = 1024 * 1024;

export interface BridgeOptions {
  readonly rendererDir: string;
  readonly sources?: CellStatusSource[];
  readonly startAtLoginSupported?: boolean;
  /**
   * The settings file (default: a fresh one in a temp folder). Cells are checked against
   * whatever AWS endpoint the process environment names (AWS_ENDPOINT_URL: moto in tests).
   */
  readonly settingsPath?: string;
  /**
   * Live cell status: HTTPS options for the cells' web addresses (the Gitpod test server's CA).
   * Given, the cells with a domain are polled as in the app; absent, they are checked only when
   * the dashboard asks, so other tests never reach out to a cell's domain.
   */
  readonly appHttp?: GitpodHttpOptions;
}

export interface Bridge {
  readonly url: string;
  readonly opened: string[];
  readonly logFolderOpened: number;
  readonly logger: MemoryLogger;
  readonly status: StatusService;
  readonly cells: CellsService;
  readonly updates: UpdatesService;
  readonly runtime: CoreRuntime;
  /** Live cell status: the tokens saved through the dashboard, in memory only. */
  readonly tokens: MemoryTokenStore;
  readonly settingsPath: string;
  /** Native notifications main raised, in order. */
  readonly notifications: AppNotification[];
  /** .ics files "saved" through the save dialog, by suggested name. */
  readonly savedFiles: Array<{ name: string; text: string }>;
  readonly loginItemEnabled: () => boolean;
  emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): void;
  close(): Promise<void>;
}

/** Bundles the browser preload once per process: the real buildApi, as an IIFE string. */
let preloadScript: Promise<string> | null = null;
export function bridgePreloadScript(): Promise<string> {
  preloadScript ??= build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: {
        entry: join(import.meta.dirname, 'browser-preload.ts'),
        formats: ['iife'],
        name: 'bridgePreload',
      },
    },
  }).then((result) => {
    const outputs = Array.isArray(result) ? result : [result];
    for (const output of outputs) {
      if ('output' in output) {
        const chunk = output.output.find((item) => item.type === 'chunk');
        if (chunk && chunk.type === 'chunk') return chunk.code;
      }
    }
    throw new Error('bridge preload did not bundle');
  });
  return preloadScript;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startBridge(options: BridgeOptions): Promise<Bridge> {
  const logger = createMemoryLogger();
  const tempDir = options.settingsPath ? null : await mkdtemp(join(tmpdir(), 'dedicated-admin-bridge-'));
  const settingsPath = options.settingsPath ?? join(tempDir ?? '', 'settings.json');
  const notifications: AppNotification[] = [];
  const savedFiles: Array<{ name: string; text: string }> = [];
  const tokens = new MemoryTokenStore();
  const runtime = await CoreRuntime.open({
    settings: new FileSettingsBackend(settingsPath),
    logger,
    notifier: {
      notify: (notification) => {
        notifications.push(notification);
        return true;
      },
    },
    extraSources: options.sources ?? [],
    // Live cell status: tokens in memory, the test CA for the Gitpod test server.
    tokens,
    ...(options.appHttp ? { appHttp: options.appHttp } : {}),
  });
  const { cells, updates, status } = runtime;
  const opened: string[] = [];
  let logFolderOpened = 0;
  let loginEnabled = false;
  const registry = new IpcRegistry(logger);
  registerHandlers(registry, {
    app: {
      info: {
        name: 'Dedicated Admin',
        version: '0.0.0-test',
        platform: process.platform,
        settingsDir: '/home/admin/.config/Dedicated Admin',
        logFile: '/home/admin/.config/Dedicated Admin/logs/main.log',
        issuesUrl: 'https://github.com/gitpod-io/dedicated-admin/issues',
      },
      openExternal: async (url) => {
        opened.push(url);
      },
      openLogFolder: async () => {
        logFolderOpened += 1;
      },
    },
    status: { status, checkNow: () => runtime.checkNow() },
    preferences: {
      loginItem: {
        supported: options.startAtLoginSupported ?? true,
        isEnabled: async () => loginEnabled,
        setEnabled: async (enabled) => {
          loginEnabled = enabled;
        },
      },
      monitoring: runtime.settings,
    },
    cells: cellsHandlerDeps(cells, logger),
    updates: {
      updates,
      cells,
      saveFile: async (name, text) => {
        savedFiles.push({ name, text });
        return { saved: true, path: `/home/admin/Downloads/${name}` };
      },
    },
    appStatus: runtime,
    apply: {
      apply: runtime.apply,
      saveFile: async (name, text) => {
        savedFiles.push({ name, text });
        return { saved: true, path: `/home/admin/Downloads/${name}` };
      },
    },
  });

  const streams = new Set<ServerResponse>();
  const send = (channel: string, payload: unknown): void => {
    const frame = `data: ${JSON.stringify({ channel, payload })}\n\n`;
    for (const stream of streams) stream.write(frame);
  };
  status.subscribe((snapshot) => send(ipcEvents.statusChanged.channel, snapshot));
  cells.subscribe((state) => send(ipcEvents.cellsChanged.channel, state));
  updates.subscribe((state) => send(ipcEvents.updatesChanged.channel, state));
  runtime.apply.subscribe((run) => send(ipcEvents.applyChanged.channel, run));
  // Live cell status: the dashboard counts as open while a test drives it.
  runtime.subscribeAppStatus((state) => send(ipcEvents.appStatusChanged.channel, state));
  if (options.appHttp) {
    runtime.setDashboardOpen(true);
    runtime.appStatus.start();
  }

  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/__bridge/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (url.pathname.startsWith('/__bridge/invoke/') && request.method === 'POST') {
      const channel = decodeURIComponent(url.pathname.slice('/__bridge/invoke/'.length));
      const body = JSON.parse(await readBody(request)) as { payload?: unknown };
      const result = await registry.dispatch(channel, body.payload);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result));
      return;
    }
    // Static files: the same path rules as the app:// protocol handler.
    const file = resolveAppAsset(options.rendererDir, `app://dashboard${url.pathname}`);
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    try {
      const content = await readFile(file);
      response.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': PRODUCTION_CSP_HEADER,
        'x-content-type-options': 'nosniff',
      });
      response.end(content);
    } catch {
      response.writeHead(404).end();
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    opened,
    get logFolderOpened() {
      return logFolderOpened;
    },
    logger,
    status,
    cells,
    updates,
    runtime,
    tokens,
    settingsPath,
    notifications,
    savedFiles,
    loginItemEnabled: () => loginEnabled,
    emit: (event, payload) => send(ipcEvents[event].channel, payload),
    close: async () => {
      await new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      });
      runtime.dispose();
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    },
  };
}
