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
 * convenience, not a record anyone depends on, so a file that cannot be read is copied aside
 * and a fresh one started: never a crash, never a dialog.
 */
export const APP_HISTORY_FILE_NAME = 'app-history.json';
export const APP_HISTORY_FILE_VERSION = 1;
/** Cells remembered; a removed cell's history stays (its id is stable) until this many. */
export const MAX_CELLS = 200;

export function appHistoryFileBeside(settingsPath: string): string {
  return join(dirname(settingsPath), APP_HISTORY_FILE_NAME);
}

const fileSchema = z
  .object({
    version: z.literal(APP_HISTORY_FILE_VERSION),
    cells: z.record(z.string().min(1).max(64), z.unknown()),
  })
  .strict();

export interface AppHistoryStoreOptions {
  readonly logger: Logger;
  readonly now?: () => Date;
}

type Cells = Map<string, CellHistoryRecord>;

/**
 * Reads the file: every valid cell entry is kept, invalid ones are dropped and counted. A file
 * that cannot be used at all comes back as the reason why.
 */
function interpret(text: string): { cells: Cells; dropped: number } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { problem: text.trim() === '' ? 'it is empty' : 'it is not valid JSON' };
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) return { problem: 'it is not an app history file this version knows' };
  const cells: Cells = new Map();
  let dropped = 0;
  for (const [cellId, value] of Object.entries(parsed.data.cells)) {
    const record = cellHistoryRecordSchema.safeParse(value);
    if (record.success && cells.size < MAX_CELLS) cells.set(cellId, record.data);
    else dropped += 1;
  }
  return { cells, dropped };
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
  ) {}

  /** A store that keeps nothing on disk. */
  static inMemory(logger: Logger): AppHistoryStore {
    return new AppHistoryStore(null, new Map(), logger, null);
  }

  static async open(path: string, options: AppHistoryStoreOptions): Promise<AppHistoryStore> {
    const { logger } = options;
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') logger.warn(`app-history: ${path} could not be read (${code ?? 'error'}).`);
      return new AppHistoryStore(path, new Map(), logger, null);
    }
    const read = interpret(text);
    if ('cells' in read) {
      if (read.dropped > 0) logger.warn(`app-history: ${read.dropped} invalid cell entries were left out.`);
      return new AppHistoryStore(path, read.cells, logger, null);
    }
    const now = (options.now ?? (() => new Date()))();
    const backupPath = backupPathFor(path, now);
    let problem: string;
    try {
      await copyFile(path, backupPath);
      problem = `The app history file could not be used (${read.problem}); it was kept at ${backupPath} and a new one started.`;
    } catch (error) {
      problem = `The app history file could not be used (${read.problem}) nor copied aside (${describeError(error)}); a new one was started.`;
    }
    logger.warn(`app-history: ${problem}`);
    return new AppHistoryStore(path, new Map(), logger, problem);
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
    if (path === null) return this.queue;
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
