import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { backupPathFor } from '../cells/settings-backend';
import { settingsFilePath } from '../cells/settings-path';
import type { Logger } from '../log/logger';
import type { KeyRecorder, SentKeys } from './delivery';
import { DAY_MS } from './zoned-time';

/** Which notifications were handled, remembered across restarts. */
export interface NotificationLedger extends SentKeys, KeyRecorder {}

export const LEDGER_FILE_NAME = 'notifications.json';

/** Beside the settings file, so `DEDICATED_ADMIN_SETTINGS` moves both for the CLI and tests. */
export function ledgerFilePath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return join(dirname(settingsFilePath(env, platform)), LEDGER_FILE_NAME);
}

/** Keys not recorded again for this long are forgotten: the update or event is long gone. */
export const LEDGER_RETENTION_MS = 60 * DAY_MS;
/**
 * A key recorded again is refreshed at most this often, so the ledger is written about once a
 * day while nothing new happens instead of on every evaluation.
 */
const REFRESH_AFTER_MS = DAY_MS;

/**
 * The ledger's state, kept the same in memory and on disk. Each key maps to the last time it
 * was recorded; the schedules record every key that still matters on every evaluation, so
 * pruning by that time forgets only what stopped mattering.
 */
class LedgerState {
  constructor(
    readonly keys: ReadonlyMap<string, number>,
    readonly assumeSentBefore: number | null,
  ) {}

  static empty(): LedgerState {
    return new LedgerState(new Map(), null);
  }

  /** The state after recording `keys` at `now` and pruning, or null when nothing changed. */
  recorded(keys: readonly string[], now: number, retentionMs: number): LedgerState | null {
    const next = new Map(this.keys);
    let changed = false;
    for (const key of keys) {
      const previous = next.get(key);
      if (previous === undefined || now - previous >= REFRESH_AFTER_MS) {
        next.set(key, now);
        changed = true;
      }
    }
    const pruned = new LedgerState(next, this.assumeSentBefore).pruned(now, retentionMs);
    return changed || pruned.keys.size !== next.size || pruned.assumeSentBefore !== this.assumeSentBefore
      ? pruned
      : null;
  }

  pruned(now: number, retentionMs: number): LedgerState {
    const keys = new Map([...this.keys].filter(([, at]) => now - at <= retentionMs));
    const assumption =
      this.assumeSentBefore !== null && now - this.assumeSentBefore <= retentionMs
        ? this.assumeSentBefore
        : null;
    return new LedgerState(keys, assumption);
  }
}

/** A ledger that lives as long as the process: for tests, and when the file cannot be used. */
export class MemoryLedger implements NotificationLedger {
  private state: LedgerState;

  constructor(
    assumeSentBefore: Date | null = null,
    private readonly retentionMs = LEDGER_RETENTION_MS,
  ) {
    this.state = new LedgerState(new Map(), assumeSentBefore?.getTime() ?? null);
  }

  has(key: string): boolean {
    return this.state.keys.has(key);
  }

  get assumeSentBefore(): Date | null {
    return this.state.assumeSentBefore === null ? null : new Date(this.state.assumeSentBefore);
  }

  async record(keys: readonly string[], now: Date): Promise<void> {
    this.state = this.state.recorded(keys, now.getTime(), this.retentionMs) ?? this.state;
  }
}

const keySchema = z.string().min(1).max(2000);
// Strict: an entry this version does not know is a hand edit, reported and kept in the backup.
const ledgerFileSchema = z
  .object({
    version: z.literal(1),
    assumeSentBefore: z.iso.datetime().optional(),
    keys: z.record(keySchema, z.iso.datetime()),
  })
  .strict();
type LedgerFile = z.infer<typeof ledgerFileSchema>;

/** Why the file could not be used (damaged, or a newer app's), and what was done about it. */
export interface LedgerRecovery {
  readonly problem: string;
  /** Where the unusable file was copied; null if it could not be, and it was left alone. */
  readonly backupPath: string | null;
  /** Notifications due before this instant are taken as sent. */
  readonly assumeSentBefore: Date;
}

export interface JsonFileLedgerOptions {
  readonly now?: () => Date;
  readonly logger?: Logger;
  readonly retentionMs?: number;
}

/**
 * The ledger as a JSON file beside the settings, written atomically (a fresh temp file, then
 * rename) with mode 0600 and validated on read.
 *
 * A file that cannot be used is copied aside, never silently dropped. Starting over empty
 * would raise every notification again — each pending update as "new", every failed stack —
 * which is exactly what the ledger exists to prevent. So the fresh ledger takes everything
 * that became due before the unusable file was last written (its modification time) as sent:
 * the app records before it notifies, so whatever it raised up to then was recorded by then.
 * Anything due later is raised as usual. The cost is at most a missed notification whose
 * state the tray and dashboard show anyway; the alternative is a burst of repeats.
 */
export class JsonFileLedger implements NotificationLedger {
  /** One write at a time, each from the state the previous one left. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private state: LedgerState,
    private readonly retentionMs: number,
    /** False when the file could be neither read nor backed up: it is left alone, and this ledger lives in memory. */
    readonly persistent: boolean,
    /** Set when the file found at start could not be used. */
    readonly recovery: LedgerRecovery | null,
  ) {}

  static async open(path: string, options: JsonFileLedgerOptions = {}): Promise<JsonFileLedger> {
    const now = options.now?.() ?? new Date();
    const retentionMs = options.retentionMs ?? LEDGER_RETENTION_MS;
    const read = await readLedgerFile(path);
    if (read.kind === 'missing')
      return new JsonFileLedger(path, LedgerState.empty(), retentionMs, true, null);
    if (read.kind === 'ok') {
      const state = stateFromFile(read.file).pruned(now.getTime(), retentionMs);
      return new JsonFileLedger(path, state, retentionMs, true, null);
    }

    const lastWritten = await modifiedAt(path);
    // A modification time in the future (a clock set wrong) would silence what is due now.
    const assumeSentBefore = new Date(Math.min(lastWritten?.getTime() ?? now.getTime(), now.getTime()));
    // The keys still readable in a damaged file are kept; the assumption covers the others.
    const kept = read.kind === 'unusable' ? read.kept : undefined;
    const state = new LedgerState(kept ?? new Map(), assumeSentBefore.getTime());
    let backupPath: string | null = null;
    try {
      backupPath = backupPathFor(path, now);
      await copyFile(path, backupPath);
    } catch {
      backupPath = null;
    }
    const recovery: LedgerRecovery = { problem: read.problem, backupPath, assumeSentBefore };
    if (backupPath === null) {
      options.logger?.error(
        `notification ledger: ${read.problem}; it could not be backed up, so it is left as it is and sent notifications are remembered only until the app quits.`,
      );
      return new JsonFileLedger(path, state, retentionMs, false, recovery);
    }
    if (read.kind === 'future-version') {
      // A newer app's ledger is that app's: going back a version must not rewrite it.
      options.logger?.warn(
        `notification ledger: ${read.problem}; a copy is at ${backupPath}, the file is left as it is, and sent notifications are remembered only until the app quits.`,
      );
      return new JsonFileLedger(path, state, retentionMs, false, recovery);
    }
    options.logger?.warn(
      `notification ledger: ${read.problem}; the original was kept at ${backupPath}. Notifications due before ${assumeSentBefore.toISOString()} are taken as sent.`,
    );
    const ledger = new JsonFileLedger(path, state, retentionMs, true, recovery);
    try {
      // Persist the assumption now: a restart before the next notification must not lose it.
      await writeLedgerFile(path, state);
    } catch {
      // The backup holds the original; the next record tries to write again.
    }
    return ledger;
  }

  has(key: string): boolean {
    return this.state.keys.has(key);
  }

  get assumeSentBefore(): Date | null {
    return this.state.assumeSentBefore === null ? null : new Date(this.state.assumeSentBefore);
  }

  /**
   * Records the keys, and resolves once they are on disk. If the write fails the keys are not
   * taken as recorded, so the caller raises nothing now and the next evaluation tries again.
   */
  record(keys: readonly string[], now: Date): Promise<void> {
    const run = this.queue.then(async () => {
      const next = this.state.recorded(keys, now.getTime(), this.retentionMs);
      if (!next) return;
      if (this.persistent) await writeLedgerFile(this.path, next);
      this.state = next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

type ReadResult =
  | { kind: 'missing' }
  | { kind: 'ok'; file: LedgerFile }
  /** `kept`: the keys of a version 1 file that were still valid. */
  | { kind: 'unusable'; problem: string; kept?: ReadonlyMap<string, number> }
  | { kind: 'future-version'; problem: string };

async function readLedgerFile(path: string): Promise<ReadResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unusable', problem: `${path} could not be read (${code ?? 'read failed'})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {
      kind: 'unusable',
      problem: `${path} ${text.trim() === '' ? 'is empty' : 'is not valid JSON'}`,
    };
  }
  const version =
    typeof data === 'object' && data !== null ? (data as { version?: unknown }).version : undefined;
  if (typeof version === 'number' && version > 1) {
    return {
      kind: 'future-version',
      problem: `${path} was written by a newer Dedicated Admin (version ${version})`,
    };
  }
  const parsed = ledgerFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join('.') || 'the file';
    return {
      kind: 'unusable',
      problem: `${path} is not a notification ledger (${where}: ${issue?.message})`,
      kept: validKeys(data),
    };
  }
  return { kind: 'ok', file: parsed.data };
}

/** The keys of a hand-edited or partly damaged version 1 file that are still valid. */
function validKeys(data: unknown): Map<string, number> {
  const kept = new Map<string, number>();
  const file = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const keys = file.keys;
  if (file.version !== 1 || typeof keys !== 'object' || keys === null || Array.isArray(keys)) return kept;
  for (const [key, at] of Object.entries(keys)) {
    if (keySchema.safeParse(key).success && z.iso.datetime().safeParse(at).success) {
      kept.set(key, Date.parse(at as string));
    }
  }
  return kept;
}

function stateFromFile(file: LedgerFile): LedgerState {
  const keys = new Map(Object.entries(file.keys).map(([key, at]) => [key, Date.parse(at)]));
  return new LedgerState(keys, file.assumeSentBefore ? Date.parse(file.assumeSentBefore) : null);
}

function fileFromState(state: LedgerState): LedgerFile {
  const keys = Object.fromEntries(
    [...state.keys]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, at]) => [key, new Date(at).toISOString()]),
  );
  return state.assumeSentBefore === null
    ? { version: 1, keys }
    : { version: 1, assumeSentBefore: new Date(state.assumeSentBefore).toISOString(), keys };
}

async function writeLedgerFile(path: string, state: LedgerState): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  // A fresh name per write, created exclusively, as for the settings file.
  const temp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(fileFromState(state), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

async function modifiedAt(path: string): Promise<Date | null> {
  try {
    return (await stat(path)).mtime;
  } catch {
    return null;
  }
}
