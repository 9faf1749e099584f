import { constants } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { safeStorage } from 'electron';
import { z } from 'zod';
import type { TokenStorage } from '../../shared/app-status/app-status-ipc';
import { STORAGE_AVAILABLE, type TokenStore } from '../core/app-status/token-store';
import { backupPathFor } from '../core/cells/settings-backend';
import { appError } from '../core/errors/app-error';
import { describeError, type Logger } from '../core/log/logger';
import { writeFileAtomic } from '../core/updates/update-file';

/**
 * The cells' Gitpod personal access tokens, encrypted with Electron safeStorage (a key kept in
 * the OS keychain: Keychain on macOS, DPAPI on Windows, the Secret Service or KWallet on
 * Linux). Only the ciphertexts are written, base64 per cell id, to tokens.json beside the
 * settings file (mode 0600, replaced atomically); never to settings.json, never to the log.
 *
 * On Linux without a keyring Electron falls back to `basic_text`, a key hard-coded in Chromium:
 * that is no protection, so a token is then refused rather than stored.
 *
 * Electron 45 marks the synchronous calls deprecated in favour of `encryptStringAsync` and
 * friends; they are used here because `getSelectedStorageBackend` is documented for them (the
 * way to tell `basic_text`). Data they encrypt can be decrypted by the asynchronous calls, so a
 * later switch keeps the stored tokens.
 */
export const TOKENS_FILE_NAME = 'tokens.json';
const FILE_VERSION = 1;

export function tokensFileBeside(settingsPath: string): string {
  return join(dirname(settingsPath), TOKENS_FILE_NAME);
}

const cellIdSchema = z.string().min(1).max(64);
const ciphertextSchema = z.string().min(1).max(8192);
const fileSchema = z
  .object({
    version: z.literal(FILE_VERSION),
    /** Cell id → base64 ciphertext. */
    tokens: z.record(cellIdSchema, ciphertextSchema),
  })
  .strict();
type TokensFile = z.infer<typeof fileSchema>;
type Tokens = TokensFile['tokens'];

/**
 * The file as read. A damaged one is copied aside before it is replaced, so the ciphertexts it
 * held are never lost; one that could not be read, or that a newer app wrote, is never replaced.
 */
type FileRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly tokens: Tokens }
  /** `tokens` holds the entries that were still valid. */
  | { readonly kind: 'damaged'; readonly tokens: Tokens; readonly problem: string }
  /** `version`: a newer app's file, copied aside once for safekeeping. */
  | { readonly kind: 'untouchable'; readonly problem: string; readonly version?: number };

function tokensOf(read: FileRead): Tokens {
  return read.kind === 'ok' || read.kind === 'damaged' ? read.tokens : {};
}

/** What can be read of a file that is not as it should be. */
function interpret(text: string): FileRead {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'damaged', tokens: {}, problem: text.trim() === '' ? 'is empty' : 'is not valid JSON' };
  }
  const parsed = fileSchema.safeParse(data);
  if (parsed.success) return { kind: 'ok', tokens: parsed.data.tokens };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { kind: 'damaged', tokens: {}, problem: 'does not hold an object' };
  }
  const { version, tokens } = data as Record<string, unknown>;
  if (typeof version === 'number' && version > FILE_VERSION) {
    return {
      kind: 'untouchable',
      problem: `was written by a newer Dedicated Admin (version ${version})`,
      version,
    };
  }
  // A hand edit: keep every entry that is still a cell id and a ciphertext (a file that lost
  // its version is read as this one, the only one there has been).
  const kept: Tokens = {};
  if (
    (version === FILE_VERSION || version === undefined) &&
    typeof tokens === 'object' &&
    tokens !== null &&
    !Array.isArray(tokens)
  ) {
    for (const [cellId, ciphertext] of Object.entries(tokens)) {
      if (cellIdSchema.safeParse(cellId).success && ciphertextSchema.safeParse(ciphertext).success) {
        Object.defineProperty(kept, cellId, {
          value: ciphertext,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
    }
  }
  return { kind: 'damaged', tokens: kept, problem: 'is not a tokens file this version knows' };
}

export interface SafeStorageTokenVaultOptions {
  readonly logger: Logger;
  /** Which OS rules apply (tests choose); default the running one. */
  readonly platform?: NodeJS.Platform;
}

const KEYRING_STEP =
  'Install and unlock a keyring (GNOME Keyring or KWallet), then restart Dedicated Admin. With one installed but not detected, start the app with --password-store=gnome-libsecret (or kwallet6).';

function unavailableStep(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Unlock your login keychain (Keychain Access), then try again.';
  if (platform === 'win32') return 'Sign in to Windows with your own user account, then try again.';
  return KEYRING_STEP;
}

export class SafeStorageTokenVault implements TokenStore {
  private readonly platform: NodeJS.Platform;
  private readonly logger: Logger;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    options: SafeStorageTokenVaultOptions,
  ) {
    this.platform = options.platform ?? process.platform;
    this.logger = options.logger;
  }

  storage(): TokenStorage {
    if (this.platform === 'linux') {
      const backend = safeStorage.getSelectedStorageBackend();
      if (backend === 'basic_text') {
        return {
          available: false,
          problem:
            'No keyring was found on this system, so a token could only be stored with a fixed, public key, that is, readable by anyone. It is not stored.',
          nextStep: KEYRING_STEP,
        };
      }
      if (backend === 'unknown') {
        return {
          available: false,
          problem: 'The system keyring could not be identified, so the token cannot be stored safely.',
          nextStep: KEYRING_STEP,
        };
      }
    }
    if (!safeStorage.isEncryptionAvailable()) {
      return {
        available: false,
        problem: 'The OS keychain is not available, so the token cannot be stored safely.',
        nextStep: unavailableStep(this.platform),
      };
    }
    return STORAGE_AVAILABLE;
  }

  async has(cellId: string): Promise<boolean> {
    return Object.hasOwn(tokensOf(await this.read()), cellId);
  }

  async get(cellId: string): Promise<string | null> {
    const tokens = tokensOf(await this.read());
    if (!Object.hasOwn(tokens, cellId)) return null;
    const ciphertext = Buffer.from(tokens[cellId] as string, 'base64');
    try {
      return safeStorage.decryptString(ciphertext);
    } catch (error) {
      // The message is Electron's and names no secret; the ciphertext is not logged either.
      this.logger.warn(
        `tokens: the token of cell ${cellId} could not be decrypted (${describeError(error)}).`,
      );
      throw new Error('the stored token could not be decrypted with the OS keychain');
    }
  }

  async set(cellId: string, token: string): Promise<void> {
    const storage = this.storage();
    if (!storage.available) {
      throw appError(
        'keychain-unavailable',
        storage.problem ?? 'The token was not stored.',
        storage.nextStep ?? undefined,
      );
    }
    let ciphertext: Buffer;
    try {
      ciphertext = safeStorage.encryptString(token);
    } catch (error) {
      this.logger.warn(`tokens: encryption failed (${describeError(error)}).`);
      throw appError(
        'keychain-unavailable',
        'The OS keychain refused to encrypt the token, so it was not stored.',
        unavailableStep(this.platform),
      );
    }
    await this.change((tokens) => ({ ...tokens, [cellId]: ciphertext.toString('base64') }));
    this.logger.info(`tokens: stored the token of cell ${cellId}.`);
  }

  async clear(cellId: string): Promise<void> {
    const changed = await this.change((tokens) => {
      if (!Object.hasOwn(tokens, cellId)) return tokens;
      const { [cellId]: _removed, ...rest } = tokens;
      return rest;
    });
    if (changed) this.logger.info(`tokens: removed the token of cell ${cellId}.`);
  }

  /**
   * Read, change and write, one change at a time. Resolves with whether anything changed. A
   * damaged file is copied aside before it is replaced; one that cannot be read or that a
   * newer app wrote is left alone, and the change refused.
   */
  private change(edit: (tokens: Tokens) => Tokens): Promise<boolean> {
    const run = this.queue.then(async () => {
      const read = await this.read();
      if (read.kind === 'untouchable') {
        if (read.version !== undefined) await this.keepNewerCopy(read.version);
        throw appError(
          'tokens-file-untouchable',
          `The token file ${this.path} ${read.problem}, so it is left as it is and tokens cannot be changed now.`,
          'Move the file aside (or use the newer Dedicated Admin), then restart and enter the tokens again.',
        );
      }
      const before = tokensOf(read);
      const after = edit(before);
      if (after === before) return false;
      if (read.kind === 'damaged') await this.backUp(read.problem);
      const file: TokensFile = { version: FILE_VERSION, tokens: after };
      await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`);
      return true;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** As the other stores do with a newer app's file: one copy beside it, the original untouched. */
  private async keepNewerCopy(version: number): Promise<void> {
    const copy = `${this.path}.v${version}.backup`;
    try {
      await copyFile(this.path, copy, constants.COPYFILE_EXCL);
      this.logger.warn(`tokens: ${this.path} is a newer app's; a copy is at ${copy}.`);
    } catch {
      // Already copied, or not copyable: the original is left alone either way.
    }
  }

  private async backUp(problem: string): Promise<void> {
    const backupPath = backupPathFor(this.path, new Date());
    try {
      await copyFile(this.path, backupPath);
    } catch (error) {
      this.logger.error(
        `tokens: ${this.path} ${problem} and could not be copied aside (${describeError(error)}).`,
      );
      throw appError(
        'tokens-file-untouchable',
        `The token file ${this.path} ${problem} and could not be copied aside, so it is left as it is.`,
        'Move the file aside, then restart Dedicated Admin and enter the tokens again.',
      );
    }
    this.logger.warn(
      `tokens: ${this.path} ${problem}; the original was kept at ${backupPath} before it was replaced.`,
    );
  }

  /** The file as it is; what cannot be used is logged (never a ciphertext or a token). */
  private async read(): Promise<FileRead> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { kind: 'missing' };
      this.logger.warn(`tokens: ${this.path} could not be read (${code ?? 'error'}).`);
      return { kind: 'untouchable', problem: `could not be read (${code ?? 'error'})` };
    }
    const read = interpret(text);
    if (read.kind === 'damaged') {
      this.logger.warn(`tokens: ${this.path} ${read.problem}; tokens not kept in it must be entered again.`);
    } else if (read.kind === 'untouchable') {
      this.logger.warn(`tokens: ${this.path} ${read.problem}; it is left as it is.`);
    }
    return read;
  }
}
