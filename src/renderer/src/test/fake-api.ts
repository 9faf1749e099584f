import { type Mock, vi } from 'vitest';
import type { AppInfo, Preferences } from '../../../shared/app-info';
import type { AppStatusState } from '../../../shared/app-status/app-status-ipc';
import type { ApplyState } from '../../../shared/apply/apply-ipc';
import type { CellsState } from '../../../shared/cells/cells-state';
import type { AwsSetup } from '../../../shared/cells/profiles';
import { type AppError, fail, ok, type Result } from '../../../shared/errors';
import type { DedicatedAdminApi } from '../../../shared/ipc/api';
import type { EventName, EventPayloadOf } from '../../../shared/ipc/contract';
import { DEFAULT_MONITORING, type MonitoringSettings } from '../../../shared/monitoring-settings';
import type { StatusSnapshot } from '../../../shared/status';
import type { UpdatesState } from '../../../shared/updates/pending-update';

type Fn = (...args: never[]) => unknown;
type Mocked<T> = { readonly [K in keyof T]: T[K] extends Fn ? Mock<T[K]> : never };
type Listener<E extends EventName> = (payload: EventPayloadOf<E>) => void;

export interface FakeApi {
  readonly api: DedicatedAdminApi;
  readonly app: Mocked<DedicatedAdminApi['app']>;
  readonly status: Mocked<DedicatedAdminApi['status']>;
  readonly preferences: Mocked<DedicatedAdminApi['preferences']>;
  readonly aws: Mocked<DedicatedAdminApi['aws']>;
  readonly cells: Mocked<DedicatedAdminApi['cells']>;
  readonly updates: Mocked<DedicatedAdminApi['updates']>;
  readonly apply: Mocked<DedicatedAdminApi['apply']>;
  readonly appStatus: Mocked<DedicatedAdminApi['appStatus']>;
  /** Delivers an event from "main" to every subscribed listener. */
  emit<E extends EventName>(event: E, payload: EventPayloadOf<E>): void;
  listenerCount(event: EventName): number;
}

export const SAMPLE_INFO: AppInfo = {
  name: 'Dedicated Admin',
  version: '0.1.0',
  platform: 'darwin',
  settingsDir: '/Users/admin/Library/Application Support/Dedicated Admin',
  logFile: '/Users/admin/Library/Logs/Dedicated Admin/main.log',
  issuesUrl: 'https://github.com/example/dedicated-admin/issues',
};

export function snapshot(overrides: Partial<StatusSnapshot> = {}): StatusSnapshot {
  return {
    state: 'ok',
    tooltip: 'Everything is up to date',
    cells: [],
    checkedAt: null,
    checking: false,
    ...overrides,
  };
}

export const SAMPLE_SETUP: AwsSetup = {
  profiles: [
    { name: 'default', kind: 'static', region: 'us-east-1' },
    { name: 'prod', kind: 'sso-session', region: 'eu-central-1', ssoSession: 'corp' },
  ],
  defaultProfile: 'default',
  defaultRegion: 'us-east-1',
  regions: ['us-east-1', 'eu-central-1', 'eu-west-1'],
  configFile: '/home/admin/.aws/config',
  credentialsFile: '/home/admin/.aws/credentials',
};

export function cellsState(overrides: Partial<CellsState> = {}): CellsState {
  return { cells: [], notice: null, readOnly: false, ...overrides };
}

export function updatesState(overrides: Partial<UpdatesState> = {}): UpdatesState {
  return { cells: [], history: [], notice: null, readOnly: false, ...overrides };
}

export function applyState(overrides: Partial<ApplyState> = {}): ApplyState {
  return { active: [], runs: [], notices: [], ...overrides };
}

/** Live cell status: no cells, polled at the dashboard's pace, tokens can be stored. */
export function appStatusState(overrides: Partial<AppStatusState> = {}): AppStatusState {
  return {
    mode: 'dashboard',
    cells: [],
    tokenStorage: { available: true, problem: null, nextStep: null },
    ...overrides,
  };
}

export function failure<T>(error: Partial<AppError> = {}): Result<T> {
  return fail({ code: 'test-failure', message: 'Something failed', ...error });
}

/** A fake of the preload's API: every method a vi.fn with a successful default. */
export function createFakeApi(): FakeApi {
  const listeners: { [E in EventName]: Set<Listener<E>> } = {
    navigate: new Set(),
    statusChanged: new Set(),
    cellsChanged: new Set(),
    updatesChanged: new Set(),
    applyChanged: new Set(),
    appStatusChanged: new Set(),
  };
  const subscribe =
    <E extends EventName>(event: E) =>
    (listener: Listener<E>): (() => void) => {
      const set = listeners[event] as Set<Listener<E>>;
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    };

  const app: FakeApi['app'] = {
    getInfo: vi.fn(async () => ok(SAMPLE_INFO)),
    openExternal: vi.fn(async () => ok({ opened: true as const })),
    openLogFolder: vi.fn(async () => ok({ opened: true as const })),
  };
  const status: FakeApi['status'] = {
    get: vi.fn(async () => ok(snapshot())),
    checkNow: vi.fn(async () => ok(snapshot({ checkedAt: new Date().toISOString() }))),
  };
  let preferencesNow: Preferences = {
    startAtLogin: false,
    startAtLoginSupported: true,
    monitoring: DEFAULT_MONITORING,
  };
  const preferences: FakeApi['preferences'] = {
    get: vi.fn(async () => ok<Preferences>({ ...preferencesNow })),
    setStartAtLogin: vi.fn(async ({ enabled }: { enabled: boolean }) => {
      preferencesNow = { ...preferencesNow, startAtLogin: enabled };
      return ok<Preferences>({ ...preferencesNow });
    }),
    setMonitoring: vi.fn(async (monitoring: MonitoringSettings) => {
      preferencesNow = { ...preferencesNow, monitoring };
      return ok<Preferences>({ ...preferencesNow });
    }),
  };

  const aws: FakeApi['aws'] = {
    getSetup: vi.fn(async () => ok(SAMPLE_SETUP)),
  };
  const notFaked = async (): Promise<Result<never>> =>
    failure({ code: 'not-faked', message: 'This test did not set up this call.' });
  const cells: FakeApi['cells'] = {
    list: vi.fn(async () => ok(cellsState())),
    discover: vi.fn(notFaked),
    add: vi.fn(notFaked),
    update: vi.fn(notFaked),
    remove: vi.fn(notFaked),
    check: vi.fn(async () => ok(cellsState())),
    events: vi.fn(notFaked),
    dismissNotice: vi.fn(async () => ok(cellsState())),
  };

  const updates: FakeApi['updates'] = {
    list: vi.fn(async () => ok(updatesState())),
    import: vi.fn(notFaked),
    removeImport: vi.fn(notFaked),
    snooze: vi.fn(notFaked),
    unsnooze: vi.fn(notFaked),
    saveCalendar: vi.fn(async () => ok({ saved: false })),
    dismissNotice: vi.fn(async () => ok(updatesState())),
  };

  const apply: FakeApi['apply'] = {
    list: vi.fn(async () => ok(applyState())),
    get: vi.fn(notFaked),
    start: vi.fn(notFaked),
    provideInput: vi.fn(notFaked),
    getReview: vi.fn(notFaked),
    confirm: vi.fn(notFaked),
    recover: vi.fn(notFaked),
    resume: vi.fn(notFaked),
    cancel: vi.fn(notFaked),
    endMaintenance: vi.fn(notFaked),
    exportRun: vi.fn(async () => ok({ saved: false })),
    exportReview: vi.fn(async () => ok({ saved: false })),
  };

  const appStatus: FakeApi['appStatus'] = {
    get: vi.fn(async () => ok(appStatusState())),
    checkNow: vi.fn(async () => ok(appStatusState())),
    setToken: vi.fn(notFaked),
    clearToken: vi.fn(notFaked),
  };

  const api: DedicatedAdminApi = {
    app,
    status,
    preferences,
    aws,
    cells,
    updates,
    apply,
    appStatus,
    on: {
      navigate: subscribe('navigate'),
      statusChanged: subscribe('statusChanged'),
      cellsChanged: subscribe('cellsChanged'),
      updatesChanged: subscribe('updatesChanged'),
      applyChanged: subscribe('applyChanged'),
      appStatusChanged: subscribe('appStatusChanged'),
    },
  };

  return {
    api,
    app,
    status,
    preferences,
    aws,
    cells,
    updates,
    apply,
    appStatus,
    emit(event, payload) {
      for (const listener of listeners[event] as Set<Listener<typeof event>>) listener(payload);
    },
    listenerCount: (event) => listeners[event].size,
  };
}
