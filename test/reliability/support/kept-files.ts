/**
 * Every file the app keeps, for the bad-files matrix: how to write a valid one through its own
 * module (so the bytes are what the app writes), how to open its store as the app does, what
 * the store shows afterwards, and one change through its own API. For each hand edit and each
 * whole-file damage, `survivors` says exactly which of the app's items must still be there.
 *
 * Items are named `<what>:<id>`; `assumed-sent` is the notification ledger's recovery (what came
 * due before the damage is taken as sent), which is how that file keeps its meaning.
 */
import { join } from 'node:path';
import { recordVersion } from '../../../src/main/core/app-status/app-history';
import { APP_HISTORY_FILE_NAME, AppHistoryStore } from '../../../src/main/core/app-status/app-history-store';
import { RunJournal } from '../../../src/main/core/apply/journal/run-journal';
import { newRunRecord } from '../../../src/main/core/apply/run/run-records';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/main/core/cells/settings';
import { FileSettingsBackend, type SettingsBackend } from '../../../src/main/core/cells/settings-backend';
import { SettingsRepository } from '../../../src/main/core/cells/settings-repository';
import type { MemoryLogger } from '../../../src/main/core/log/logger';
import { prepareImport, readImportFiles } from '../../../src/main/core/updates/import-update';
import { JsonFileLedger, LEDGER_FILE_NAME } from '../../../src/main/core/updates/notification-ledger';
import type { TrackedChangeSet } from '../../../src/main/core/updates/update-file';
import { UPDATES_FILE_NAME } from '../../../src/main/core/updates/update-file';
import { UpdateStore } from '../../../src/main/core/updates/update-store';
import { ElectronStoreBackend } from '../../../src/main/shell/electron-store-backend';
import { SafeStorageTokenVault, TOKENS_FILE_NAME } from '../../../src/main/shell/safe-storage-token-vault';
import type { Cell } from '../../../src/shared/cells/cell';
import { loadFixture } from '../../fixtures/templates/index';
import { ACCOUNT, CALLER_ARN, CELL, updateOf } from '../../support/apply-fakes';
import type { DamageKind, HandEdit } from './damaged-files';

export const NOW = new Date('2026-03-05T12:00:00.000Z');

/** A store opened on whatever the file held. */
export interface OpenedStore {
  /** The app's items it shows (cells, runs, tokens…), as `<what>:<id>`. */
  kept(): Promise<string[]>;
  /** What it reports about the file: its notice, notices or problem (after `kept`). */
  problems(): string[];
  /** True when it leaves the file alone and keeps changes in memory; null where that is no concept. */
  readOnly(): boolean | null;
  /** One change through its own API, as the app makes them. */
  write(): Promise<void>;
}

export interface SeededFile {
  /** The file under test. */
  readonly path: string;
  edit(kind: HandEdit, data: Record<string, unknown>): unknown;
  /** Exactly the items that must be there after this damage. */
  survivors(kind: DamageKind): readonly string[];
  open(logger: MemoryLogger): Promise<OpenedStore>;
}

export interface KeptFile {
  readonly name: string;
  /**
   * Whether the store copies a damaged file aside before replacing it. False for a file the app
   * never replaces (a template copy): there the original itself must stay.
   */
  readonly backsUp: boolean;
  /** Damage that cannot happen to this file, and why. */
  readonly notApplicable?: Partial<Record<DamageKind, string>>;
  seed(dir: string, logger: MemoryLogger): Promise<SeededFile>;
}

// biome-ignore lint/suspicious/noExplicitAny: hand edits reach into parsed JSON of any shape.
type Json = any;

const isHandEdit = (kind: DamageKind): kind is `hand-edited: ${HandEdit}` => kind.startsWith('hand-edited');
const editOf = (kind: DamageKind): HandEdit => kind.replace('hand-edited: ', '') as HandEdit;

// ── settings.json ────────────────────────────────────────────────────────────────────────

const CELL_A: Cell = {
  id: '6f1c1a52-4a8e-4d7c-9a43-2f0e8f3b9d11',
  name: 'production',
  profile: 'prod',
  region: 'eu-central-1',
  accountId: '123456789012',
  roleStack: 'gitpod-role',
  instanceStack: 'gitpod-instance',
  domain: 'gitpod.example.com',
};
const CELL_B: Cell = {
  id: '0b9e6a52-4f0c-4a57-9c55-3d1f7e2b8a10',
  name: 'staging',
  region: 'us-east-1',
  accountId: '210987654321',
  instanceStack: 'gitpod-staging',
};
const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  cells: [CELL_A, CELL_B],
  monitoring: { ...DEFAULT_SETTINGS.monitoring, refreshIntervalMinutes: 30 },
};

function settingsFile(name: string, backendFor: (path: string) => SettingsBackend): KeptFile {
  const both = [`cell:${CELL_A.id}`, `cell:${CELL_B.id}`];
  return {
    name,
    backsUp: true,
    seed: async (dir) => {
      const path = join(dir, 'settings.json');
      await new FileSettingsBackend(path).write(SETTINGS);
      return {
        path,
        edit: (kind, data: Json) => {
          switch (kind) {
            case 'wrong-types':
              data.monitoring.refreshIntervalMinutes = 'thirty';
              return data;
            case 'unknown-keys':
              return { ...data, note: 'added by hand', aws_secret_access_key: 'pasted here by mistake' };
            case 'out-of-range':
              data.monitoring.liveStatus.trayPollMinutes = 999;
              return data;
            case 'missing-field':
              delete data.cells[1].accountId;
              return data;
          }
        },
        // A damaged or newer file leaves the app on default settings (the original kept aside).
        survivors: (kind) =>
          isHandEdit(kind) ? (editOf(kind) === 'missing-field' ? [both[0] as string] : both) : [],
        open: async (logger) => {
          const repository = await SettingsRepository.open(backendFor(path), logger, () => NOW);
          return {
            kept: async () => repository.cells().map((cell) => `cell:${cell.id}`),
            problems: () => (repository.notice ? [repository.notice.message] : []),
            readOnly: () => repository.readOnly,
            write: async () => {
              await repository.addCell({
                name: 'test',
                region: 'eu-west-1',
                accountId: '111122223333',
                instanceStack: 'gitpod-test',
              });
            },
          };
        },
      };
    },
  };
}

// ── updates.json ─────────────────────────────────────────────────────────────────────────

function changeSet(n: number): TrackedChangeSet {
  return {
    id: `changeset:gitpod-instance:v${n}`,
    cellId: CELL_A.id,
    stackKind: 'instance',
    stackName: 'gitpod-instance',
    changeSetId: `arn:aws:cloudformation:eu-central-1:123456789012:changeSet/v${n}/1a2b3c4d-0000-4000-8000-00000000000${n}`,
    changeSetName: `v${n}`,
    label: `Infrastructure Update v${n}`,
    releasedAt: '2026-03-01T10:00:00.000Z',
    firstSeenAt: '2026-03-02T10:00:00.000Z',
  };
}

async function updatesStoreItems(store: UpdateStore): Promise<string[]> {
  return [
    ...store.imports().map((item) => `import:${item.id}`),
    ...store.trackedChangeSets().map((item) => `change-set:${item.id}`),
    ...[...store.snoozes().keys()].map((id) => `snooze:${id}`),
  ];
}

const updatesFile: KeptFile = {
  name: 'updates.json',
  backsUp: true,
  seed: async (dir, logger) => {
    const path = join(dir, UPDATES_FILE_NAME);
    const store = await UpdateStore.open(path, { logger, now: () => NOW });
    const [one, two] = [changeSet(1), changeSet(2)];
    await store.apply({ track: [one, two] });
    await store.setSnooze(one.id, new Date('2026-03-06T09:00:00.000Z'));
    await store.setSnooze(two.id, new Date('2026-03-07T09:00:00.000Z'));
    const first = [`change-set:${one.id}`, `snooze:${one.id}`, `snooze:${two.id}`];
    return {
      path,
      edit: (kind, data: Json) => {
        switch (kind) {
          case 'wrong-types':
            data.changeSets[1].releasedAt = 1772359200000;
            return data;
          case 'unknown-keys':
            return { ...data, note: 'added by hand' };
          case 'out-of-range':
            data.changeSets[1].changeSetName = 'v'.repeat(129);
            return data;
          case 'missing-field':
            delete data.changeSets[1].stackName;
            return data;
        }
      },
      survivors: (kind) =>
        isHandEdit(kind)
          ? editOf(kind) === 'unknown-keys'
            ? [...first, `change-set:${two.id}`]
            : first
          : [],
      open: async (log) => {
        const reopened = await UpdateStore.open(path, { logger: log, now: () => NOW });
        return {
          kept: () => updatesStoreItems(reopened),
          problems: () => (reopened.notice ? [reopened.notice.message] : []),
          readOnly: () => reopened.readOnly,
          write: () => reopened.setSnooze('import:new-update', new Date('2026-03-08T09:00:00.000Z')),
        };
      },
    };
  },
};

// ── runs/<id>.json ───────────────────────────────────────────────────────────────────────

const RUNS = ['run-20260301T100000Z-aaaaaa', 'run-20260302T100000Z-bbbbbb', 'run-20260303T100000Z-cccccc'];

function runRecord(id: string) {
  return newRunRecord({
    id,
    at: `${id.slice(4, 8)}-${id.slice(8, 10)}-${id.slice(10, 12)}T10:00:00.000Z`,
    cell: CELL,
    caller: { account: ACCOUNT, arn: CALLER_ARN },
    update: updateOf(['role', 'instance']),
  });
}

const runFile: KeptFile = {
  name: 'runs/<id>.json (the apply journal)',
  backsUp: true,
  seed: async (dir, logger) => {
    const runs = join(dir, 'runs');
    const journal = await RunJournal.open(runs, { logger, now: () => NOW });
    await journal.save(runRecord(RUNS[0] as string));
    await journal.save(runRecord(RUNS[1] as string));
    return {
      path: journal.fileFor(RUNS[1] as string),
      edit: (kind, data: Json) => {
        switch (kind) {
          case 'wrong-types':
            return { ...data, currentStack: 'the first' };
          case 'unknown-keys':
            return { ...data, note: 'added by hand' };
          case 'out-of-range':
            return { ...data, currentStack: 7 };
          case 'missing-field': {
            const { caller: _caller, ...rest } = data;
            return rest;
          }
        }
      },
      // A run is resumed from its file, so a run file is used whole or not at all; the other
      // run's file is untouched by any damage to this one.
      survivors: () => [`run:${RUNS[0]}`],
      open: async (log) => {
        const reopened = await RunJournal.open(runs, { logger: log, now: () => NOW });
        return {
          kept: async () => reopened.list().map((run) => `run:${run.id}`),
          problems: () => reopened.notices().map((notice) => notice.message),
          readOnly: () => null,
          write: () => reopened.save(runRecord(RUNS[2] as string)),
        };
      },
    };
  },
};

// ── app-history.json ─────────────────────────────────────────────────────────────────────

const HISTORY_CELLS = ['cell-a', 'cell-b'];

const appHistoryFile: KeptFile = {
  name: 'app-history.json',
  backsUp: true,
  seed: async (dir, logger) => {
    const path = join(dir, APP_HISTORY_FILE_NAME);
    const store = await AppHistoryStore.open(path, { logger, now: () => NOW });
    for (const cellId of HISTORY_CELLS) {
      await store.update(cellId, (record) => recordVersion(record, 'main-gha.41', NOW.toISOString()).record);
    }
    await store.flush();
    const both = HISTORY_CELLS.map((id) => `history:${id}`);
    return {
      path,
      edit: (kind, data: Json) => {
        switch (kind) {
          case 'wrong-types':
            data.cells['cell-b'].versions = 'main-gha.41';
            return data;
          case 'unknown-keys':
            return { ...data, note: 'added by hand' };
          case 'out-of-range':
            data.cells['cell-b'].versions[0].version = '';
            return data;
          case 'missing-field':
            delete data.cells['cell-b'].maintenance;
            return data;
        }
      },
      survivors: (kind) =>
        isHandEdit(kind) ? (editOf(kind) === 'unknown-keys' ? both : [both[0] as string]) : [],
      open: async (log) => {
        const reopened = await AppHistoryStore.open(path, { logger: log, now: () => NOW });
        return {
          kept: async () =>
            HISTORY_CELLS.filter((id) => reopened.get(id).versions.length > 0).map((id) => `history:${id}`),
          problems: () => (reopened.problem ? [reopened.problem] : []),
          readOnly: () => reopened.readOnly,
          write: async () => {
            await reopened.update(
              'cell-c',
              (record) => recordVersion(record, 'main-gha.42', NOW.toISOString()).record,
            );
            await reopened.flush();
          },
        };
      },
    };
  },
};

// ── notifications.json ───────────────────────────────────────────────────────────────────

const LEDGER_KEYS = ['update:changeset:v41:new', 'update:changeset:v41:before-7d'];

const ledgerFile: KeptFile = {
  name: 'notifications.json (the notification ledger)',
  backsUp: true,
  seed: async (dir) => {
    const path = join(dir, LEDGER_FILE_NAME);
    const ledger = await JsonFileLedger.open(path, { now: () => NOW });
    await ledger.record(LEDGER_KEYS, NOW);
    const keys = LEDGER_KEYS.map((key) => `sent:${key}`);
    return {
      path,
      edit: (kind, data: Json) => {
        switch (kind) {
          case 'wrong-types':
            data.keys[LEDGER_KEYS[1] as string] = 1772359200000;
            return data;
          case 'unknown-keys':
            return { ...data, note: 'added by hand' };
          case 'out-of-range':
            data.keys[''] = NOW.toISOString();
            return data;
          case 'missing-field': {
            const { keys: _keys, ...rest } = data;
            return rest;
          }
        }
      },
      // Rebuilt from what is still valid, with everything due before the damage taken as sent.
      survivors: (kind) => {
        if (!isHandEdit(kind)) return ['assumed-sent'];
        const edit = editOf(kind);
        if (edit === 'missing-field') return ['assumed-sent'];
        return [...(edit === 'wrong-types' ? [keys[0] as string] : keys), 'assumed-sent'];
      },
      open: async (logger) => {
        const ledger = await JsonFileLedger.open(path, { now: () => NOW, logger });
        return {
          kept: async () => [
            ...LEDGER_KEYS.filter((key) => ledger.has(key)).map((key) => `sent:${key}`),
            ...(ledger.assumeSentBefore ? ['assumed-sent'] : []),
          ],
          problems: () => (ledger.recovery ? [ledger.recovery.problem] : []),
          readOnly: () => !ledger.persistent,
          write: () => ledger.record(['update:changeset:v42:new'], NOW),
        };
      },
    };
  },
};

// ── tokens.json ──────────────────────────────────────────────────────────────────────────

const TOKEN_CELLS = [CELL_A.id, CELL_B.id];

const tokensFile: KeptFile = {
  name: 'tokens.json (safeStorage ciphertexts)',
  backsUp: true,
  seed: async (dir, logger) => {
    const path = join(dir, TOKENS_FILE_NAME);
    const vault = new SafeStorageTokenVault(path, { logger, platform: 'linux' });
    for (const cellId of TOKEN_CELLS) await vault.set(cellId, `gitpod_pat_badfiles-${cellId.slice(0, 8)}`);
    const both = TOKEN_CELLS.map((id) => `token:${id}`);
    return {
      path,
      edit: (kind, data: Json) => {
        switch (kind) {
          case 'wrong-types':
            data.tokens[CELL_B.id] = 42;
            return data;
          case 'unknown-keys':
            return { ...data, note: 'added by hand' };
          case 'out-of-range':
            data.tokens[CELL_B.id] = 'A'.repeat(9000);
            return data;
          case 'missing-field': {
            const { version: _version, ...rest } = data;
            return rest;
          }
        }
      },
      survivors: (kind) => {
        if (!isHandEdit(kind)) return [];
        const edit = editOf(kind);
        return edit === 'unknown-keys' || edit === 'missing-field' ? both : [both[0] as string];
      },
      open: async (log) => {
        const reopened = new SafeStorageTokenVault(path, { logger: log, platform: 'linux' });
        const problems = (): string[] =>
          log.lines
            .filter((line) => line.level !== 'info' && line.message.startsWith('tokens:'))
            .map((line) => line.message);
        return {
          kept: async () => {
            const kept: string[] = [];
            for (const cellId of TOKEN_CELLS) if (await reopened.has(cellId)) kept.push(`token:${cellId}`);
            return kept;
          },
          problems,
          readOnly: () => null,
          write: () => reopened.set('7d1c0e9b-2a3f-4b5c-8d6e-9f0a1b2c3d4e', 'gitpod_pat_badfiles-new'),
        };
      },
    };
  },
};

// ── updates/<sha256>.json (a stored template copy) ───────────────────────────────────────

const templateCopy: KeptFile = {
  name: 'updates/<sha256>.json (a stored template copy)',
  backsUp: false,
  notApplicable: {
    'future-version': 'a template copy has no version of its own: it is the file Gitpod sent',
  },
  seed: async (dir, logger) => {
    const path = join(dir, UPDATES_FILE_NAME);
    const store = await UpdateStore.open(path, { logger, now: () => NOW });
    const templates = readImportFiles([
      { name: 'role.json', bytes: new TextEncoder().encode(loadFixture('role.json')) },
      { name: 'instance.yaml', bytes: new TextEncoder().encode(loadFixture('instance.yaml')) },
    ]);
    const { record, texts } = prepareImport(
      CELL_A,
      templates,
      { label: 'Infrastructure Update v41' },
      [],
      NOW,
    );
    await store.addImport(record, texts);
    const role = record.templates.find((template) => template.kind === 'role');
    if (!role) throw new Error('the fixture import has no role template');
    return {
      path: join(dir, 'updates', `${role.sha256}.json`),
      edit: (kind, data: Json) => {
        switch (kind) {
          case 'wrong-types':
            return { ...data, Resources: 'none' };
          case 'unknown-keys':
            return { ...data, Note: 'added by hand' };
          case 'out-of-range':
            return { ...data, AWSTemplateFormatVersion: '2099-12-31' };
          case 'missing-field': {
            const { Resources: _resources, ...rest } = data;
            return rest;
          }
        }
      },
      // The import stays listed and its other template usable; the damaged copy is refused.
      survivors: () => [`import:${record.id}`, 'template:instance'],
      open: async (log) => {
        const reopened = await UpdateStore.open(path, { logger: log, now: () => NOW });
        const problems: string[] = [];
        return {
          kept: async () => {
            const kept = (await updatesStoreItems(reopened)).filter((item) => item.startsWith('import:'));
            for (const template of reopened.imports().flatMap((item) => item.templates)) {
              try {
                await reopened.templateText(template.sha256);
                kept.push(`template:${template.kind}`);
              } catch (error) {
                // The refusal, an AppError naming the copy and the next step, is the report.
                problems.push(error instanceof Error ? error.message : String(error));
              }
            }
            return kept;
          },
          problems: () => problems,
          readOnly: () => null,
          write: () => reopened.setSnooze(record.id, new Date('2026-03-08T09:00:00.000Z')),
        };
      },
    };
  },
};

export const KEPT_FILES: readonly KeptFile[] = [
  settingsFile('settings.json (file backend: CLI and core)', (path) => new FileSettingsBackend(path)),
  settingsFile('settings.json (electron-store backend: the app)', (path) => new ElectronStoreBackend(path)),
  updatesFile,
  runFile,
  appHistoryFile,
  ledgerFile,
  tokensFile,
  templateCopy,
];
