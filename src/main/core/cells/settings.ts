import { z } from 'zod';
import { type Cell, cellSchema } from '../../../shared/cells/cell';
import { DEFAULT_MONITORING, monitoringSettingsSchema } from '../../../shared/monitoring-settings';

/**
 * The settings file: versioned, validated, and never a place for secrets (credentials stay in
 * the AWS files, tokens in the OS keychain). Each version bump adds a migration below; a file
 * from a newer app version is not guessed at: it is backed up and left alone.
 */
export const SETTINGS_VERSION = 2;

export const settingsSchema = z
  .object({
    version: z.literal(SETTINGS_VERSION),
    cells: z.array(cellSchema).max(50),
    monitoring: monitoringSettingsSchema,
  })
  .strict()
  // Ids are what updates and removals go by: two cells with one id would change together.
  .refine((settings) => new Set(settings.cells.map((cell) => cell.id)).size === settings.cells.length, {
    message: 'two cells share an id',
    path: ['cells'],
  });

export type Settings = z.output<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  version: SETTINGS_VERSION,
  cells: [],
  monitoring: DEFAULT_MONITORING,
};

type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/** MIGRATIONS[n] turns version n into version n + 1. */
const MIGRATIONS: Record<number, Migration> = {
  // Version 0: files written before the version field existed hold only a cell list. Anything
  // else is passed on as it is, so a broken file is reported (and backed up), not emptied.
  0: (data) => ({ ...data, version: 1, cells: data.cells ?? [] }),
  // Version 2 adds the monitoring settings (refresh interval, quiet hours, live-status polling);
  // a version 1 file ran with what are now their defaults.
  1: (data) => ({ ...data, version: 2, monitoring: data.monitoring ?? DEFAULT_MONITORING }),
};

export type SettingsProblem =
  | { kind: 'unreadable'; detail: string }
  | { kind: 'future-version'; version: number }
  | { kind: 'invalid'; detail: string }
  | { kind: 'cells-dropped'; names: string[] }
  /** The monitoring settings were not valid: back to their defaults, the cells kept. */
  | { kind: 'monitoring-reset'; detail: string }
  /** Top-level keys the schema does not know (a hand edit, or a secret pasted in): removed. */
  | { kind: 'unknown-keys'; keys: string[] };

export interface LoadedSettings {
  readonly settings: Settings;
  /** Set when the file could not be used as it was: the caller backs it up and reports it. */
  readonly problem?: SettingsProblem;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`)
    .join('; ');
}

function versionOf(data: Record<string, unknown>): number | null {
  if (!('version' in data)) return 0;
  return typeof data.version === 'number' && Number.isInteger(data.version) ? data.version : null;
}

/**
 * Reads settings from whatever the file held: migrates old versions, keeps every valid cell of
 * a hand-edited file and reports the others, and falls back to defaults (with a problem to
 * report) for anything it cannot read.
 */
export function loadSettings(raw: unknown): LoadedSettings {
  if (raw === undefined || raw === null) return { settings: DEFAULT_SETTINGS };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return {
      settings: DEFAULT_SETTINGS,
      problem: { kind: 'invalid', detail: 'the file does not hold an object' },
    };
  }
  let data = raw as Record<string, unknown>;
  let version = versionOf(data);
  if (version === null) {
    return {
      settings: DEFAULT_SETTINGS,
      problem: { kind: 'invalid', detail: 'version is not a whole number' },
    };
  }
  if (version > SETTINGS_VERSION) {
    return { settings: DEFAULT_SETTINGS, problem: { kind: 'future-version', version } };
  }
  while (version < SETTINGS_VERSION) {
    const migrate = MIGRATIONS[version];
    if (!migrate) {
      return {
        settings: DEFAULT_SETTINGS,
        problem: { kind: 'invalid', detail: `no migration from version ${version}` },
      };
    }
    data = migrate(data);
    version += 1;
  }
  const parsed = settingsSchema.safeParse(data);
  if (parsed.success) return { settings: parsed.data };

  const invalid: LoadedSettings = {
    settings: DEFAULT_SETTINGS,
    problem: { kind: 'invalid', detail: describeIssues(parsed.error) },
  };
  if (!Array.isArray(data.cells)) return invalid;

  // Salvage: keep the cells that are valid, name the ones that are not, and drop unknown
  // top-level keys (never kept: the strict schema is what keeps secrets out of this file).
  const kept: Cell[] = [];
  const dropped: string[] = [];
  for (const [index, candidate] of data.cells.entries()) {
    const cell = cellSchema.safeParse(candidate);
    if (cell.success && !kept.some((k) => k.id === cell.data.id)) kept.push(cell.data);
    else dropped.push(nameOf(candidate) ?? `cell ${index + 1}`);
  }
  const unknownKeys = Object.keys(data).filter((key) => !['version', 'cells', 'monitoring'].includes(key));
  const monitoring = monitoringSettingsSchema.safeParse(data.monitoring);
  const salvaged = settingsSchema.safeParse({
    version: SETTINGS_VERSION,
    cells: kept,
    monitoring: monitoring.success ? monitoring.data : DEFAULT_MONITORING,
  });
  if (!salvaged.success) return invalid;
  if (dropped.length > 0) {
    return { settings: salvaged.data, problem: { kind: 'cells-dropped', names: dropped } };
  }
  if (!monitoring.success) {
    return {
      settings: salvaged.data,
      problem: { kind: 'monitoring-reset', detail: describeIssues(monitoring.error) },
    };
  }
  if (unknownKeys.length > 0) {
    return {
      settings: salvaged.data,
      problem: { kind: 'unknown-keys', keys: unknownKeys.slice(0, 5).map((key) => key.slice(0, 60)) },
    };
  }
  return invalid;
}

function nameOf(candidate: unknown): string | null {
  if (typeof candidate === 'object' && candidate !== null && 'name' in candidate) {
    const name = (candidate as { name: unknown }).name;
    if (typeof name === 'string' && name.length > 0) return name.slice(0, 60);
  }
  return null;
}

/** One sentence for the user about a settings problem; the backup path is added by the caller. */
export function describeSettingsProblem(problem: SettingsProblem): string {
  switch (problem.kind) {
    case 'unreadable':
      return `The settings file could not be read (${problem.detail}); Dedicated Admin started with default settings.`;
    case 'future-version':
      return `The settings file was written by a newer Dedicated Admin (settings version ${problem.version}); this version started with default settings.`;
    case 'invalid':
      return `The settings file was not valid (${problem.detail}); Dedicated Admin started with default settings.`;
    case 'cells-dropped':
      return `Some cells in the settings file were not valid and were set aside: ${problem.names.join(', ')}.`;
    case 'monitoring-reset':
      return `The monitoring settings in the settings file were not valid (${problem.detail}); the refresh interval, quiet hours and polling are back to their defaults.`;
    case 'unknown-keys':
      return `The settings file held entries this version does not use, and they were left out: ${problem.keys.join(', ')}.`;
  }
}
