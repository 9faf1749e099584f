import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { safeStorage } from 'electron';
import { z } from 'zod';
import type { TokenStorage } from '../../shared/app-status/app-status-ipc';
import { STORAGE_AVAILABLE, type TokenStore } from '../core/app-status/token-store';
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

const fileSchema = z
  .object({
    version: z.literal(FILE_VERSION),
    /** Cell id → base64 ciphertext. */
    tokens: z.record(z.string().min(1).max(64), z.string().min(1).max(8192)),
  })
  .strict();
type TokensFile = z.infer<typeof fileSchema>;

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
    return Object.hasOwn((await this.read()).tokens, cellId);
  }

  async get(cellId: string): Promise<string | null> {
    const file = await this.read();
    if (!Object.hasOwn(file.tokens, cellId)) return null;
    const ciphertext = Buffer.from(file.tokens[cellId] as string, 'base64');
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

  /** Read, change and write, one change at a time. Resolves with whether anything changed. */
  private change(edit: (tokens: TokensFile['tokens']) => TokensFile['tokens']): Promise<boolean> {
    const run = this.queue.then(async () => {
      const before = (await this.read()).tokens;
      const after = edit(before);
      if (after === before) return false;
      const file: TokensFile = { version: FILE_VERSION, tokens: after };
      await writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`);
      return true;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The file as it is; a missing or unusable one reads as empty (its ciphertexts are lost). */
  private async read(): Promise<TokensFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') this.logger.warn(`tokens: ${this.path} could not be read (${code ?? 'error'}).`);
      return { version: FILE_VERSION, tokens: {} };
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
    const parsed = fileSchema.safeParse(data);
    if (!parsed.success) {
      this.logger.warn(
        `tokens: ${this.path} is not a tokens file this version knows; tokens must be entered again.`,
      );
      return { version: FILE_VERSION, tokens: {} };
    }
    return parsed.data;
  }
}
