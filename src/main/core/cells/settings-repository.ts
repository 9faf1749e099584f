import { randomUUID } from 'node:crypto';
import { type Cell, type CellInput, cellSchema } from '../../../shared/cells/cell';
import type { SettingsNotice } from '../../../shared/cells/cells-state';
import { type MonitoringSettings, monitoringSettingsSchema } from '../../../shared/monitoring-settings';
import { appError } from '../errors/app-error';
import { describeError, type Logger } from '../log/logger';
import { DEFAULT_SETTINGS, describeSettingsProblem, loadSettings, type Settings } from './settings';
import type { SettingsBackend } from './settings-backend';

export type { SettingsNotice } from '../../../shared/cells/cells-state';

type Listener = (settings: Settings) => void;

/**
 * The cells, loaded once and saved on every change. A file that cannot be used as it is is
 * copied aside first, so nothing is ever silently lost, and the problem is kept for the UI.
 */
export class SettingsRepository {
  private readonly listeners = new Set<Listener>();
  /** Changes run one after another, each on the settings the previous one left. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly backend: SettingsBackend,
    private settings: Settings,
    private currentNotice: SettingsNotice | null,
    /** True when changes cannot be saved: the file is left for a newer app, or could not be backed up. */
    readonly readOnly = false,
  ) {}

  /** What went wrong with the file at start, until the admin dismisses it. */
  get notice(): SettingsNotice | null {
    return this.currentNotice;
  }

  dismissNotice(): void {
    // A read-only repository keeps saying why: every save would fail without it.
    if (!this.readOnly) this.currentNotice = null;
  }

  static async open(
    backend: SettingsBackend,
    logger: Logger,
    now: () => Date = () => new Date(),
  ): Promise<SettingsRepository> {
    const raw = await backend.read();
    if (raw.kind === 'missing') return new SettingsRepository(backend, DEFAULT_SETTINGS, null);
    const loaded =
      raw.kind === 'unreadable'
        ? { settings: DEFAULT_SETTINGS, problem: { kind: 'unreadable' as const, detail: raw.detail } }
        : loadSettings(raw.data);
    if (!loaded.problem) {
      return new SettingsRepository(backend, loaded.settings, null);
    }
    const message = describeSettingsProblem(loaded.problem);
    let backupPath: string | undefined;
    try {
      backupPath = await backend.backup(now());
    } catch {
      // Without a backup the original must not be overwritten: keep it and run from memory.
      logger.error(`settings: ${message} The file could not be backed up, so it is left as it is.`);
      return new SettingsRepository(
        readOnly(backend),
        loaded.settings,
        {
          message: `${message} The file could not be backed up, so it is left as it is and changes cannot be saved.`,
        },
        true,
      );
    }
    logger.warn(`settings: ${message} The original was kept at ${backupPath}.`);
    if (loaded.problem.kind === 'future-version') {
      // A newer app's file is left for that app: going back a version must not erase it.
      return new SettingsRepository(
        readOnly(backend),
        loaded.settings,
        { message: `${message} The file is left as it is, so changes made now cannot be saved.`, backupPath },
        true,
      );
    }
    try {
      await backend.write(loaded.settings);
    } catch (error) {
      // The original and its backup are both still there; the next change tries to save again.
      logger.error(`settings: the repaired settings could not be written yet (${describeError(error)}).`);
    }
    return new SettingsRepository(backend, loaded.settings, { message, backupPath });
  }

  get(): Settings {
    return this.settings;
  }

  cells(): readonly Cell[] {
    return this.settings.cells;
  }

  findCell(nameOrId: string): Cell | undefined {
    const needle = nameOrId.toLowerCase();
    return this.settings.cells.find((cell) => cell.id === nameOrId || cell.name.toLowerCase() === needle);
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async addCell(input: Omit<CellInput, 'id'>): Promise<Cell> {
    const cell = this.validate({ ...input, id: randomUUID() });
    await this.change((settings) => {
      assertUniqueName(settings, cell);
      return { ...settings, cells: [...settings.cells, cell] };
    });
    return cell;
  }

  async updateCell(input: CellInput): Promise<Cell> {
    const cell = this.validate(input);
    await this.change((settings) => {
      if (!settings.cells.some((c) => c.id === cell.id)) {
        throw appError('cell-not-found', `There is no cell with id ${cell.id}.`, 'Reload the dashboard.');
      }
      assertUniqueName(settings, cell);
      return { ...settings, cells: settings.cells.map((c) => (c.id === cell.id ? cell : c)) };
    });
    return cell;
  }

  monitoring(): MonitoringSettings {
    return this.settings.monitoring;
  }

  /** Saves the refresh interval, quiet hours and polling; refused as a whole when one is out of range. */
  async setMonitoring(input: unknown): Promise<MonitoringSettings> {
    const parsed = monitoringSettingsSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw appError(
        'invalid-monitoring',
        `The monitoring settings were not saved: ${issue?.path.join('.') || 'settings'}: ${issue?.message ?? 'not valid'}.`,
        'Correct the field and save again.',
      );
    }
    await this.change((settings) => ({ ...settings, monitoring: parsed.data }));
    return parsed.data;
  }

  async removeCell(id: string): Promise<void> {
    await this.change((settings) => ({ ...settings, cells: settings.cells.filter((c) => c.id !== id) }));
  }

  private validate(input: CellInput): Cell {
    const parsed = cellSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw appError(
        'invalid-cell',
        `The cell was not saved: ${issue?.path.join('.') || 'cell'} must be ${issue?.message ?? 'valid'}.`,
        'Correct the field and save again.',
      );
    }
    return parsed.data;
  }

  /**
   * Applies a change after every earlier one has finished, so two changes started together
   * (a double click, two windows) each see the other's result instead of overwriting it.
   */
  private change(next: (settings: Settings) => Settings): Promise<void> {
    const run = this.queue.then(async () => {
      const settings = next(this.settings);
      await this.backend.write(settings);
      this.settings = settings;
      for (const listener of this.listeners) listener(settings);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function assertUniqueName(settings: Settings, cell: Cell): void {
  const name = cell.name.toLowerCase();
  const clash = settings.cells.find((c) => c.id !== cell.id && c.name.toLowerCase() === name);
  if (clash) {
    throw appError('duplicate-cell', `A cell named "${clash.name}" already exists.`, 'Choose another name.');
  }
}

function readOnly(backend: SettingsBackend): SettingsBackend {
  return {
    path: backend.path,
    read: () => backend.read(),
    backup: (now) => backend.backup(now),
    write: async () => {
      throw appError(
        'settings-read-only',
        `Settings cannot be saved: ${backend.path} could not be backed up, so it is left untouched.`,
        'Move the file aside yourself, then restart Dedicated Admin.',
      );
    },
  };
}
