import { copyFile, readdir, readFile, rename, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ApplyJournalNotice } from '../../../../shared/apply/run';
import { applyRunIdSchema } from '../../../../shared/apply/run';
import { describeError, type Logger } from '../../log/logger';
import { writeFileAtomic } from '../../updates/update-file';
import { RUN_RECORD_VERSION, type RunRecord, runRecordSchema } from './run-record';

/** The folder of run files, beside the settings file (as updates.json is). */
export const RUNS_DIR_NAME = 'runs';

export function runsDirBeside(settingsPath: string): string {
  return join(dirname(settingsPath), RUNS_DIR_NAME);
}

export interface RunJournalOptions {
  readonly logger: Logger;
  readonly now?: () => Date;
}

/** What the runner needs of the journal; RunJournal is the real one, tests wrap it to "crash". */
export interface RunStore {
  /** Newest first. */
  list(): readonly RunRecord[];
  get(id: string): RunRecord | undefined;
  /** Durable before it resolves; a rejection means the run must not go on. */
  save(record: RunRecord): Promise<void>;
  notices(): readonly ApplyJournalNotice[];
}

type FileRead =
  | { readonly kind: 'ok'; readonly record: RunRecord }
  | { readonly kind: 'unusable'; readonly problem: string }
  | { readonly kind: 'future-version'; readonly version: number };

function interpret(text: string, expectedId: string): FileRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'unusable', problem: text.trim() === '' ? 'it is empty' : 'it is not valid JSON' };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { kind: 'unusable', problem: 'it does not hold an object' };
  }
  const version = (data as Record<string, unknown>).version;
  if (typeof version === 'number' && version > RUN_RECORD_VERSION) return { kind: 'future-version', version };
  const parsed = runRecordSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
    return { kind: 'unusable', problem: `it is not a valid run (${issue?.message ?? 'invalid'}${where})` };
  }
  if (parsed.data.id !== expectedId) {
    return { kind: 'unusable', problem: `it holds run ${parsed.data.id}, not the one its name says` };
  }
  return { kind: 'ok', record: parsed.data };
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The apply runs, one JSON file each in `runs/`: the record of every run (History and the
 * evidence read it) and the journal a crashed run resumes from. Files are written atomically
 * (temp file, then rename) and validated when read. A file that cannot be used is moved aside
 * and reported; one written by a newer app is copied aside, left in place and not touched. A
 * damaged file never stops the others from loading.
 */
export class RunJournal implements RunStore {
  private readonly records = new Map<string, RunRecord>();
  private readonly problems: ApplyJournalNotice[] = [];

  private constructor(
    readonly dir: string,
    private readonly logger: Logger,
  ) {}

  static async open(dir: string, options: RunJournalOptions): Promise<RunJournal> {
    const journal = new RunJournal(dir, options.logger);
    await journal.load(options.now?.() ?? new Date());
    return journal;
  }

  fileFor(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  /** Newest first. */
  list(): readonly RunRecord[] {
    return [...this.records.values()].sort(
      (a, b) => b.createdAt.localeCompare(a.createdAt) || (b.id < a.id ? -1 : 1),
    );
  }

  get(id: string): RunRecord | undefined {
    return this.records.get(id);
  }

  /** Run files that could not be used when the journal was opened. */
  notices(): readonly ApplyJournalNotice[] {
    return this.problems;
  }

  /**
   * Writes the run before it is taken as the state: a failed write leaves the journal (and the
   * caller's knowledge of it) as it was, and the caller must not make the call it journals.
   */
  async save(record: RunRecord): Promise<void> {
    const valid = runRecordSchema.parse(record);
    await writeFileAtomic(this.fileFor(valid.id), `${JSON.stringify(valid, null, 2)}\n`);
    this.records.set(valid.id, valid);
  }

  private async load(now: Date): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      this.report({
        file: this.dir,
        message: `The apply runs in ${this.dir} could not be listed (${code ?? describeError(error)}).`,
      });
      return;
    }
    for (const name of names.sort()) {
      const id = /^(.+)\.json$/.exec(name)?.[1];
      if (id === undefined) continue;
      const path = join(this.dir, name);
      if (!applyRunIdSchema.safeParse(id).success) {
        // Not a run file (a copy the admin made, say): left alone, not reported.
        continue;
      }
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? describeError(error);
        this.report({
          file: path,
          message: `The apply run ${path} could not be read (${code}); it is left as it is.`,
        });
        continue;
      }
      const read = interpret(text, id);
      if (read.kind === 'ok') this.records.set(id, read.record);
      else if (read.kind === 'future-version') await this.keepFuture(path, read.version);
      else await this.moveAside(path, read.problem, now);
    }
  }

  /** A newer app's run: copied once for safekeeping, the original left for that app. */
  private async keepFuture(path: string, version: number): Promise<void> {
    const backupPath = `${path}.v${version}.backup`;
    const problem = `The apply run ${path} was written by a newer Dedicated Admin (version ${version}); it is left as it is and not shown.`;
    try {
      if (!(await exists(backupPath))) await copyFile(path, backupPath);
      this.report({ file: path, message: `${problem} A copy is at ${backupPath}.`, backupPath });
    } catch (error) {
      this.report({ file: path, message: `${problem} It could not be copied (${describeError(error)}).` });
    }
  }

  /** Damaged: moved aside so it is reported once, and kept for whoever wants to look at it. */
  private async moveAside(path: string, problem: string, now: Date): Promise<void> {
    const backupPath = `${path}.corrupt-${stamp(now)}`;
    const what = `The apply run ${path} could not be used: ${problem}.`;
    try {
      await rename(path, backupPath);
      this.report({ file: path, message: `${what} It was moved to ${backupPath}.`, backupPath });
    } catch (error) {
      this.report({ file: path, message: `${what} It could not be moved aside (${describeError(error)}).` });
    }
  }

  private report(notice: ApplyJournalNotice): void {
    this.problems.push(notice);
    this.logger.warn(`apply journal: ${notice.message}`);
  }
}
