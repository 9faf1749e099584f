import { copyFile, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { UpdatesNotice } from '../../../shared/updates/pending-update';
import { backupPathFor } from '../cells/settings-backend';
import { appError } from '../errors/app-error';
import { describeError, type Logger } from '../log/logger';
import { sha256Hex } from '../templates/canonical';
import {
  EMPTY_UPDATES_FILE,
  type HistoryEntry,
  MAX_HISTORY,
  readUpdatesFile,
  type StoredImport,
  type TrackedChangeSet,
  UPDATE_TEMPLATES_DIR,
  type UpdatesFile,
  writeFileAtomic,
  writeUpdatesFile,
} from './update-file';

export interface UpdateStoreOptions {
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** What one evaluation of the cells found changed; written in one go. */
export interface UpdateStoreChanges {
  readonly track?: readonly TrackedChangeSet[];
  /** Tracked change sets to forget (applied or withdrawn). */
  readonly untrack?: readonly string[];
  /** Imports to forget (applied), with their template files. */
  readonly removeImports?: readonly string[];
  readonly applied?: readonly HistoryEntry[];
  /** Snoozes to forget (the update is gone, or the snooze ended). */
  readonly dropSnoozes?: readonly string[];
}

/**
 * The updates file: imports with their template texts, the vendor change sets seen pending,
 * snoozes, and the history of applied updates. Loaded once, saved on every change, one change
 * at a time. As with the settings, a file that cannot be used is copied aside before anything
 * replaces it and the problem is kept for the UI; without a copy it is left alone and changes
 * live in memory only (read-only). A file from a newer app is left alone too.
 */
export class UpdateStore {
  private queue: Promise<unknown> = Promise.resolve();
  private currentNotice: UpdatesNotice | null;

  private constructor(
    readonly path: string,
    private file: UpdatesFile,
    notice: UpdatesNotice | null,
    private readOnlyNow: boolean,
    private readonly logger: Logger,
    private readonly now: () => Date,
  ) {
    this.currentNotice = notice;
  }

  static async open(path: string, options: UpdateStoreOptions): Promise<UpdateStore> {
    const { logger } = options;
    const clock = options.now ?? (() => new Date());
    const now = clock();
    const read = await readUpdatesFile(path);
    if (read.kind === 'missing') return new UpdateStore(path, EMPTY_UPDATES_FILE, null, false, logger, clock);
    if (read.kind === 'ok') return new UpdateStore(path, read.file, null, false, logger, clock);

    const file = read.kind === 'salvaged' ? read.file : EMPTY_UPDATES_FILE;
    const problem =
      read.kind === 'future-version'
        ? `The updates file ${path} was written by a newer Dedicated Admin (version ${read.version}).`
        : `The updates file ${path} could not be used as it was: ${read.problem}.`;
    let backupPath: string;
    try {
      backupPath = backupPathFor(path, now);
      await copyFile(path, backupPath);
    } catch {
      logger.error(`updates: ${problem} It could not be backed up, so it is left as it is.`);
      return new UpdateStore(
        path,
        file,
        {
          message: `${problem} It could not be backed up, so it is left as it is: imports, snoozes and history are kept only until the app quits.`,
        },
        true,
        logger,
        clock,
      );
    }
    logger.warn(`updates: ${problem} The original was kept at ${backupPath}.`);
    if (read.kind === 'future-version') {
      return new UpdateStore(
        path,
        file,
        {
          message: `${problem} It is left as it is, so imports and snoozes made now are not saved.`,
          backupPath,
        },
        true,
        logger,
        clock,
      );
    }
    const lost =
      read.kind === 'salvaged'
        ? ' The valid entries were kept.'
        : ' Imported updates have to be imported again; pending change sets are found again at the next check.';
    try {
      await writeUpdatesFile(path, file);
    } catch (error) {
      logger.error(`updates: the repaired file could not be written yet (${describeError(error)}).`);
    }
    return new UpdateStore(path, file, { message: `${problem}${lost}`, backupPath }, false, logger, clock);
  }

  /**
   * Takes in what another writer (the CLI's `import`) saved since the file was last read.
   * Runs in turn with the store's own changes.
   */
  reload(): Promise<void> {
    const run = this.queue.then(() => this.readFromDisk());
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Adopts the file on disk when it is valid. Anything else keeps what is in memory: a file
   * gone missing is written again at the next change; a damaged one is copied aside before it
   * is replaced; one from a newer app is left alone, and this store turns read-only.
   */
  private async readFromDisk(): Promise<void> {
    if (this.readOnly) return;
    const read = await readUpdatesFile(this.path);
    if (read.kind === 'ok') {
      this.file = read.file;
      return;
    }
    if (read.kind === 'missing') return;
    const now = this.now();
    if (read.kind === 'future-version') {
      this.readOnlyNow = true;
      this.currentNotice = {
        message: `The updates file ${this.path} was replaced by a newer Dedicated Admin (version ${read.version}). It is left as it is, so changes made now are not saved.`,
      };
      this.logger.warn(`updates: ${this.path} is now from a newer version; no longer writing it.`);
      return;
    }
    try {
      const backupPath = backupPathFor(this.path, now);
      await copyFile(this.path, backupPath);
      this.logger.warn(
        `updates: ${this.path} was changed outside the app and could not be used (${read.problem}); the copy in memory is kept and the original was saved at ${backupPath}.`,
      );
    } catch (error) {
      this.readOnlyNow = true;
      this.logger.error(
        `updates: ${this.path} is damaged and could not be backed up (${describeError(error)}).`,
      );
    }
  }

  /** True when the file is left alone: changes live in memory until the app quits. */
  get readOnly(): boolean {
    return this.readOnlyNow;
  }

  /** What went wrong with the file at start, until dismissed. */
  get notice(): UpdatesNotice | null {
    return this.currentNotice;
  }

  dismissNotice(): void {
    if (!this.readOnly) this.currentNotice = null;
  }

  imports(): readonly StoredImport[] {
    return this.file.imports;
  }

  trackedChangeSets(): readonly TrackedChangeSet[] {
    return this.file.changeSets;
  }

  /** Newest first. */
  history(): readonly HistoryEntry[] {
    return this.file.history;
  }

  snoozes(): ReadonlyMap<string, Date> {
    return new Map(Object.entries(this.file.snoozes).map(([id, until]) => [id, new Date(until)]));
  }

  /** The folder the template texts are kept in. */
  get templatesDir(): string {
    return join(dirname(this.path), UPDATE_TEMPLATES_DIR);
  }

  /** The text of an imported template, as it will be submitted to CloudFormation. */
  async templateText(sha256: string): Promise<string> {
    const entry = this.file.imports.flatMap((i) => i.templates).find((t) => t.sha256 === sha256);
    if (!entry) {
      throw appError(
        'template-not-found',
        'That template is not among the imported updates.',
        'Reload the Updates view.',
      );
    }
    let text: string;
    try {
      text = await readFile(this.templatePath(entry.sha256, entry.format), 'utf8');
    } catch (error) {
      throw appError(
        'template-file-missing',
        `The stored copy of ${entry.name} could not be read (${(error as NodeJS.ErrnoException).code ?? 'read failed'}).`,
        'Remove the update in the Updates view and import the template again.',
      );
    }
    // The copy is what a change set would submit: one cut short or edited since the import
    // could drop resources from the stack, so it must still be the bytes the admin checked.
    // It was stored without the file's UTF-8 byte-order mark, if it had one.
    if (sha256Hex(text) !== entry.sha256 && sha256Hex(`\ufeff${text}`) !== entry.sha256) {
      throw appError(
        'template-file-damaged',
        `The stored copy of ${entry.name} is no longer the file that was imported (its sha256 does not match), so it is not used.`,
        'Remove the update in the Updates view and import the template again.',
      );
    }
    return text;
  }

  /** Stores an import checked by `prepareImport`: the template files first, then the record. */
  addImport(record: StoredImport, texts: ReadonlyMap<string, string>): Promise<void> {
    if (this.readOnly) {
      // An import lives on its template files; keeping it in memory only would lose them at quit.
      return Promise.reject(
        appError(
          'updates-read-only',
          `Updates cannot be imported now: ${this.currentNotice?.message ?? `${this.path} cannot be written.`}`,
          'Move the updates file aside yourself, then restart Dedicated Admin.',
        ),
      );
    }
    return this.change(async (file) => {
      if (file.imports.some((other) => other.id === record.id)) {
        throw appError(
          'update-already-imported',
          `"${record.label}" was already imported for this cell.`,
          'Find it in the Updates view.',
        );
      }
      const written: string[] = [];
      try {
        for (const template of record.templates) {
          const text = texts.get(template.sha256);
          if (text === undefined) throw new Error(`no text for template ${template.sha256}`);
          const path = this.templatePath(template.sha256, template.format);
          await writeFileAtomic(path, text);
          written.push(path);
        }
        return { ...file, imports: [...file.imports, record] };
      } catch (error) {
        // Only files no other import refers to; a shared template (same bytes) stays.
        for (const path of written) {
          if (!this.isReferenced(file, path)) await rm(path, { force: true });
        }
        throw error;
      }
    });
  }

  /** Forgets an import the admin removed, with its template files. */
  removeImport(id: string): Promise<void> {
    return this.apply({ removeImports: [id], dropSnoozes: [id] });
  }

  setSnooze(id: string, until: Date | null): Promise<void> {
    return this.change(async (file) => {
      const snoozes = { ...file.snoozes };
      if (until) snoozes[id] = until.toISOString();
      else delete snoozes[id];
      return { ...file, snoozes };
    });
  }

  /** A deadline the vendor stated for a tracked change set or an import; null restores release + 14 days. */
  setDeadlineOverride(id: string, deadline: Date | null): Promise<void> {
    return this.change(async (file) => {
      const apply = <T extends { id: string; deadlineOverride?: string | undefined }>(item: T): T => {
        if (item.id !== id) return item;
        const { deadlineOverride: _old, ...rest } = item;
        return (deadline ? { ...rest, deadlineOverride: deadline.toISOString() } : rest) as T;
      };
      if (!file.imports.some((i) => i.id === id) && !file.changeSets.some((c) => c.id === id)) {
        throw appError('update-not-found', 'That update is no longer pending.', 'Reload the Updates view.');
      }
      return { ...file, imports: file.imports.map(apply), changeSets: file.changeSets.map(apply) };
    });
  }

  /** Records what an evaluation found; writes nothing when nothing changed. */
  apply(changes: UpdateStoreChanges): Promise<void> {
    return this.change(async (file) => {
      const untrack = new Set(changes.untrack ?? []);
      const removeImports = new Set(changes.removeImports ?? []);
      const dropSnoozes = new Set(changes.dropSnoozes ?? []);
      const known = new Set(file.changeSets.map((c) => c.id));
      const track = (changes.track ?? []).filter((c) => !known.has(c.id));
      const applied = (changes.applied ?? []).filter((entry) => !file.history.some((h) => h.id === entry.id));
      const changed =
        track.length > 0 ||
        applied.length > 0 ||
        file.changeSets.some((c) => untrack.has(c.id)) ||
        file.imports.some((i) => removeImports.has(i.id)) ||
        Object.keys(file.snoozes).some((id) => dropSnoozes.has(id));
      if (!changed) return null;
      const imports = file.imports.filter((i) => !removeImports.has(i.id));
      const next: UpdatesFile = {
        ...file,
        imports,
        changeSets: [...file.changeSets.filter((c) => !untrack.has(c.id)), ...track],
        snoozes: Object.fromEntries(Object.entries(file.snoozes).filter(([id]) => !dropSnoozes.has(id))),
        history: [...applied, ...file.history]
          .sort((a, b) => Date.parse(b.appliedAt) - Date.parse(a.appliedAt))
          .slice(0, MAX_HISTORY),
      };
      return { next, after: () => this.removeUnreferencedTemplates(file, next) };
    });
  }

  /**
   * Applies a change after every earlier one, writing the file before taking the result as
   * the state: a failed write changes nothing. `next` returns the new file, or null for no change.
   */
  private change(
    next: (
      file: UpdatesFile,
    ) => Promise<UpdatesFile | null | { next: UpdatesFile; after: () => Promise<void> }>,
  ): Promise<void> {
    const run = this.queue.then(async () => {
      // Another writer (the CLI's import, a second app instance before it quit) may have
      // changed the file since it was read: start from what is on disk, or its change is lost.
      await this.readFromDisk();
      const result = await next(this.file);
      if (result === null) return;
      const file = 'after' in result ? result.next : result;
      if (this.readOnly) {
        // Kept in memory so the app behaves the same until it quits; the file is left alone.
        this.file = file;
        return;
      }
      await writeUpdatesFile(this.path, file);
      this.file = file;
      if ('after' in result) await result.after();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private templatePath(sha256: string, format: 'json' | 'yaml'): string {
    return join(this.templatesDir, `${sha256}.${format}`);
  }

  private isReferenced(file: UpdatesFile, path: string): boolean {
    return file.imports.some((i) => i.templates.some((t) => this.templatePath(t.sha256, t.format) === path));
  }

  /** Template files of imports that are gone; a failure leaves a stray file, which is harmless. */
  private async removeUnreferencedTemplates(before: UpdatesFile, after: UpdatesFile): Promise<void> {
    const gone = before.imports
      .filter((i) => !after.imports.some((kept) => kept.id === i.id))
      .flatMap((i) => i.templates.map((t) => this.templatePath(t.sha256, t.format)))
      .filter((path) => !this.isReferenced(after, path));
    for (const path of new Set(gone)) {
      try {
        await rm(path, { force: true });
      } catch (error) {
        this.logger.warn(`updates: ${path} could not be removed (${describeError(error)}).`);
      }
    }
  }
}
