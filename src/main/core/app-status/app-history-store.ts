import { copyFile, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { backupPathFor } from '../cells/settings-backend';
import { describeError, type Logger } from '../log/logger';
import { writeFileAtomic } from '../updates/update-file';
import { type CellHistoryRecord, cellHistoryRecordSchema, EMPTY_CELL_HISTORY } from './app-history';

/**
 * app-history.json, beside the settings file: per cell, the versions seen and the maintenance
 * periods, for the Overview's timeline and for noticing changes across restarts. It is a
 * convenience, not a record anyone depends on, so a file that cannot be used is copied aside
 * and a fresh one started: never a crash, never a dialog.
 */
export const APP_HISTORY_FILE_NAME = 'app-history.json';
export const APP_HISTORY_FILE_VERSION = 1;
/** Cells remembered; a removed cell's history stays (its id is stable) until this many. */
export const MAX_CELLS = 200;

export function appHistoryFileBeside(settingsPath: string): string {
  return join(dirname(settingsPath), APP_HISTORY_FILE_NAME);
}

const cellIdSchema = z.string().min(1).max(64);
const FILE_KEYS = ['version', 'cells'];

export interface AppHistoryStoreOptions {
  readonly logger: Logger;
  readonly now?: () => Date;
}

type Cells = Map<string, CellHistoryRecord>;

type FileRead =
  /** `problems` names what was left out (invalid cell entries, unknown keys), if anything. */
  | { readonly kind: 'cells'; readonly cells: Cells; readonly problems: readonly string[] }
  | { readonly kind: 'unusable'; readonly problem: string }
  | { readonly kind: 'future-version'; readonly version: number };

/** Reads the file: every valid cell entry is kept, the rest named. */
function interpret(text: string): FileRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'unusable', problem: text.trim() === '' ? 'it is empty' : 'it is not valid JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { kind: 'unusable', problem: 'it does not hold an object' };
  }
  const record = data as Record<string, unknown>;
  if (typeof record.version === 'number' && record.version > APP_HISTORY_FILE_VERSION) {
    return { kind: 'future-version', version: record.version };
  }
  const entries = record.cells;
  if (
    record.version !== APP_HISTORY_FILE_VERSION ||
    typeof entries !== 'object' ||
    entries === null ||
    Array.isArray(entries)
  ) {
    return { kind: 'unusable', problem: 'it is not an app history file this version knows' };
  }
  const cells: Cells = new Map();
  let dropped = 0;
  for (const [cellId, value] of Object.entries(entries)) {
    const parsed = cellHistoryRecordSchema.safeParse(value);
    if (parsed.success && cellIdSchema.safeParse(cellId).success && cells.size < MAX_CELLS) {
      cells.set(cellId, parsed.data);
    } else dropped += 1;
  }
  const problems: string[] = [];
  if (dropped > 0) problems.push(`${dropped} invalid cell entries were left out`);
  const unknown = Object.keys(record).filter((key) => !FILE_KEYS.includes(key));
  if (unknown.length > 0)
    problems.push(`entries this version does not use were left out (${unknown.slice(0, 5).join(', ')})`);
  return { kind: 'cells', cells, problems };
}

async function copyAside(path: string, now: Date): Promise<{ backupPath: string } | { error: string }> {
  const backupPath = backupPathFor(path, now);
  try {
    await copyFile(path, backupPath);
    return { backupPath };
  } catch (error) {
    return { error: describeError(error) };
  }
}

export class AppHistoryStore {
  private queue: Promise<void> = Promise.resolve();

  private constructor(
    /** Null: memory only (the CLI, tests). */
    readonly path: string | null,
    private readonly cells: Cells,
    private readonly logger: Logger,
    /** Set when the file was set aside at open, for the UI to mention once. */
    readonly problem: string | null,
    /** True when the file is left alone (a newer app's, or unreadable): changes stay in memory. */
    readonly readOnly = false,
  ) {}

  /** A store that keeps nothing on disk. */
  static inMemory(logger: Logger): AppHistoryStore {
    return new AppHistoryStore(null, new Map(), logger, null);
  }

  /**
   * Opens the file. Whatever cannot be used as it is is copied aside first, so nothing is ever
   * lost: a damaged file is then replaced by what could be kept (or a fresh one); a newer app's
   * file, or one that cannot be read at all, is left alone and the history lives in memory.
   */
  static async open(path: string, options: AppHistoryStoreOptions): Promise<AppHistoryStore> {
    const { logger } = options;
    const now = (options.now ?? (() => new Date()))();
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return new AppHistoryStore(path, new Map(), logger, null);
      // Not readable, so not copyable either: writing would replace what was never read.
      const problem = `The app history file could not be read (${code ?? 'error'}); it is left as it is and the history is kept in memory only.`;
      logger.warn(`app-history: ${path}: ${problem}`);
      return new AppHistoryStore(path, new Map(), logger, problem, true);
    }
    const read = interpret(text);
    if (read.kind === 'cells' && read.problems.length === 0) {
      return new AppHistoryStore(path, read.cells, logger, null);
    }
    const copy = await copyAside(path, now);
    const where = 'backupPath' in copy ? `kept at ${copy.backupPath}` : `not copied aside (${copy.error})`;
    const what =
      read.kind === 'future-version'
        ? `was written by a newer Dedicated Admin (version ${read.version})`
        : `could not be used as it was (${read.kind === 'cells' ? read.problems.join('; ') : read.problem})`;
    const cells = read.kind === 'cells' ? read.cells : new Map<string, CellHistoryRecord>();
    // A newer app's file is that app's; one without a copy must not be replaced either.
    const leaveAlone = read.kind === 'future-version' || 'error' in copy;
    const next = leaveAlone
      ? 'it is left as it is, and the history is kept in memory only'
      : read.kind === 'cells'
        ? 'the valid entries were kept'
        : 'a new one was started';
    const problem = `The app history file ${what}; the original was ${where}, and ${next}.`;
    logger.warn(`app-history: ${problem}`);
    return new AppHistoryStore(path, cells, logger, problem, leaveAlone);
  }

  get(cellId: string): CellHistoryRecord {
    return this.cells.get(cellId) ?? EMPTY_CELL_HISTORY;
  }

  /**
   * Applies a change at once in memory and writes the file in turn with other changes. A
   * change that returns the same record writes nothing. Write failures are logged, never
   * thrown: the history is not worth interrupting a status check for.
   */
  update(cellId: string, change: (record: CellHistoryRecord) => CellHistoryRecord): Promise<void> {
    const before = this.get(cellId);
    const after = change(before);
    if (after === before) return this.queue;
    this.cells.set(cellId, after);
    if (this.cells.size > MAX_CELLS) {
      const oldest = this.cells.keys().next().value;
      if (oldest !== undefined && oldest !== cellId) this.cells.delete(oldest);
    }
    return this.save();
  }

  /** Forgets a cell's history (the cell was removed for good). */
  forget(cellId: string): Promise<void> {
    if (!this.cells.delete(cellId)) return this.queue;
    return this.save();
  }

  /** Resolves when every change so far is on disk (or has failed and been logged). */
  flush(): Promise<void> {
    return this.queue;
  }

  private save(): Promise<void> {
    const path = this.path;
    if (path === null || this.readOnly) return this.queue;
    this.queue = this.queue.then(async () => {
      const file = { version: APP_HISTORY_FILE_VERSION, cells: Object.fromEntries(this.cells) };
      try {
        await writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
      } catch (error) {
        this.logger.error(`app-history: ${path} could not be written (${describeError(error)}).`);
      }
    });
    return this.queue;
  }
}
