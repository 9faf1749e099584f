/**
 * The IPC fuzzer's target: the real IpcRegistry with the real handlers (registerHandlers) over
 * a real CoreRuntime in a temp folder, as the app and the test bridge wire them, except that
 * every handler is wrapped so the test knows whether its body ran. Nothing here can reach AWS
 * or the OS: the checker and the AWS clients refuse, the OS edges are recorded.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryTokenStore } from '../../../src/main/core/app-status/token-store';
import type { CellCheckerPort } from '../../../src/main/core/cells/cells-service';
import { FileSettingsBackend } from '../../../src/main/core/cells/settings-backend';
import { createMemoryLogger, type MemoryLogger } from '../../../src/main/core/log/logger';
import { ManualTimers } from '../../../src/main/core/refresh/timers';
import { cellsHandlerDeps } from '../../../src/main/handlers/cells-handlers';
import { registerHandlers } from '../../../src/main/handlers/register-handlers';
import { type Handler, IpcRegistry } from '../../../src/main/ipc/registry';
import { CoreRuntime } from '../../../src/main/lifecycle/core-runtime';
import { type Area, type InvokeSpec, ipcContract, type MethodOf } from '../../../src/shared/ipc/contract';

/** An IpcRegistry that counts, per channel, how often a handler body was entered. */
export class SpyingRegistry extends IpcRegistry {
  readonly runs = new Map<string, number>();

  override handle<A extends Area, M extends MethodOf<A>>(area: A, method: M, handler: Handler<A, M>): void {
    const methods = ipcContract[area] as Record<string, InvokeSpec>;
    const channel = Object.hasOwn(methods, method) ? methods[method]?.channel : undefined;
    const spied = ((request: Parameters<Handler<A, M>>[0]) => {
      if (channel) this.runs.set(channel, (this.runs.get(channel) ?? 0) + 1);
      return handler(request);
    }) as Handler<A, M>;
    super.handle(area, method, spied);
  }

  /** Handler bodies entered so far, over every channel. */
  totalRuns(): number {
    let total = 0;
    for (const count of this.runs.values()) total += count;
    return total;
  }
}

/** A cell in the settings, so the handlers would have something to act on if they ran. */
export const FUZZ_CELL = {
  id: '7d1c0e9b-2a3f-4b5c-8d6e-9f0a1b2c3d4e',
  name: 'prod',
  region: 'eu-central-1',
  accountId: '123456789012',
  instanceStack: 'gitpod-instance',
};

export interface FuzzTarget {
  readonly registry: SpyingRegistry;
  readonly logger: MemoryLogger;
  readonly runtime: CoreRuntime;
  /** What reached the OS edges (browser, file manager, save dialog): nothing, if no handler ran. */
  readonly osCalls: string[];
  close(): Promise<void>;
}

function refuse(what: string): () => never {
  return () => {
    throw new Error(`the IPC fuzzer never ${what}`);
  };
}

const refusingChecker: CellCheckerPort = {
  check: async () => refuse('checks a cell')(),
  discover: async () => refuse('discovers stacks')(),
  recentEvents: async () => refuse('reads stack events')(),
  forget: () => undefined,
  dispose: () => undefined,
};

export async function openFuzzTarget(): Promise<FuzzTarget> {
  const dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-ipc-fuzz-'));
  const settingsPath = join(dir, 'settings.json');
  await writeFile(settingsPath, JSON.stringify({ version: 1, cells: [FUZZ_CELL] }));
  const logger = createMemoryLogger();
  const osCalls: string[] = [];
  const runtime = await CoreRuntime.open({
    settings: new FileSettingsBackend(settingsPath),
    logger,
    notifier: { notify: () => true },
    timers: new ManualTimers(Date.parse('2026-03-01T10:00:00.000Z')),
    checker: refusingChecker,
    tokens: new MemoryTokenStore(),
    createClients: refuse('creates AWS clients'),
  });
  const registry = new SpyingRegistry(logger);
  const saveFile = async (name: string): Promise<{ saved: boolean }> => {
    osCalls.push(`save ${name}`);
    return { saved: false };
  };
  registerHandlers(registry, {
    app: {
      info: {
        name: 'Dedicated Admin',
        version: '0.0.0-fuzz',
        platform: 'linux',
        settingsDir: dir,
        logFile: join(dir, 'main.log'),
        issuesUrl: 'https://github.com/gitpod-io/dedicated-admin/issues',
      },
      openExternal: async (url) => {
        osCalls.push(`open ${url}`);
      },
      openLogFolder: async () => {
        osCalls.push('open log folder');
      },
    },
    status: { status: runtime.status, checkNow: () => runtime.checkNow() },
    preferences: {
      loginItem: {
        supported: true,
        isEnabled: async () => false,
        setEnabled: async (enabled) => {
          osCalls.push(`login item ${enabled}`);
        },
      },
      monitoring: runtime.settings,
    },
    cells: cellsHandlerDeps(runtime.cells, logger),
    updates: { updates: runtime.updates, cells: runtime.cells, saveFile },
    appStatus: runtime,
    apply: { apply: runtime.apply, saveFile },
  });
  return {
    registry,
    logger,
    runtime,
    osCalls,
    close: async () => {
      runtime.dispose();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
