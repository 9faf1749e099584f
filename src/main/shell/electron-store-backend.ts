import { stat } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import Store from 'electron-store';
import type { Settings } from '../core/cells/settings';
import { FileSettingsBackend, type RawRead, type SettingsBackend } from '../core/cells/settings-backend';
import { describeError } from '../core/log/logger';

type StoreData = Record<string, unknown>;

/**
 * Thrown from `deserialize` for a file that cannot be opened as a store; Conf rethrows it from
 * the Store constructor (it only swallows errors named SyntaxError, and only when told to).
 */
class UnusableFile extends Error {
  constructor(readonly result: RawRead) {
    super('the settings file cannot be opened as a store');
  }
}

function deserialize(text: string): StoreData {
  if (text.trim() === '') throw new UnusableFile({ kind: 'unreadable', detail: 'the file is empty' });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UnusableFile({ kind: 'unreadable', detail: 'the file is not valid JSON' });
  }
  // Conf would turn `[]` into `{}` and `"ab"` into `{0: 'a', 1: 'b'}`: hand such a value to the
  // repository as it is, which reports it (and backs the file up) exactly as the CLI does.
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UnusableFile({ kind: 'ok', data: value });
  }
  return value as StoreData;
}

/** The same bytes FileSettingsBackend writes, so the file does not change shape between app and CLI. */
function serialize(value: StoreData): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * The settings file through electron-store, in the app. It is the very file the CLI reads with
 * FileSettingsBackend: plain JSON of the Settings object, nothing added.
 */
export class ElectronStoreBackend implements SettingsBackend {
  readonly path: string;
  /** The file operations electron-store does not offer: backups, and replacing an unusable file. */
  private readonly file: FileSettingsBackend;
  /** Opened lazily: with clearInvalidConfig off, the Store constructor throws on a corrupt file. */
  private store: Store<StoreData> | undefined;

  constructor(path: string) {
    // electron-store resolves a relative cwd against userData, not the working directory.
    this.path = resolve(path);
    this.file = new FileSettingsBackend(this.path);
  }

  async read(): Promise<RawRead> {
    // Conf reads a missing file as {} (without creating it): only the file tells the two apart.
    try {
      await stat(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return unreadable(error);
    }
    try {
      this.store ??= this.open();
      // Conf reads the file on every access to `store`.
      return { kind: 'ok', data: this.store.store };
    } catch (error) {
      if (error instanceof UnusableFile) return error.result;
      return unreadable(error);
    }
  }

  async write(settings: Settings): Promise<void> {
    if (this.store) {
      this.store.store = settings;
      return;
    }
    // No store yet: the file is missing, or it could not be opened (the repository has backed it
    // up before asking for this write). A Store cannot be built on a file it cannot parse, so
    // replace the file atomically (temp file, then rename: the original stays until the new one
    // is complete), then open the store on it for the writes that follow.
    await this.file.write(settings);
    this.store = this.open();
  }

  backup(now: Date): Promise<string> {
    return this.file.backup(now);
  }

  private open(): Store<StoreData> {
    return new Store<StoreData>({
      // name + fileExtension + cwd make Store#path exactly this.path, whatever the file is called
      // (DEDICATED_ADMIN_SETTINGS may point elsewhere than settings.json).
      name: basename(this.path, extname(this.path)),
      fileExtension: extname(this.path).slice(1),
      cwd: dirname(this.path),
      // A corrupt or hand-edited file is reported and backed up by the repository, never emptied.
      clearInvalidConfig: false,
      // The file names AWS accounts and profiles: readable by its owner only, as the CLI writes it.
      configFileMode: 0o600,
      // Only `store.store` is used; a key with a dot in it must never be split into nested objects.
      accessPropertiesByDotNotation: false,
      // Watching writes `{}` to a missing file (so "missing" would be lost) and polls the file; the
      // repository reads once and keeps the settings in memory.
      watch: false,
      serialize,
      deserialize,
      // Deliberately absent: `schema`/`defaults` (zod validates in the repository, and defaults
      // would be written into the file), `migrations` (they add an `__internal__` key; Settings
      // carry their own version), `encryptionKey` (the CLI must read plain JSON).
    });
  }
}

/** An fs error by its code (EACCES, EISDIR…), as FileSettingsBackend reports it; anything else by name. */
function unreadable(error: unknown): RawRead {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  return { kind: 'unreadable', detail: code ?? describeError(error) };
}
