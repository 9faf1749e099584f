import type { TokenStorage } from '../../../shared/app-status/app-status-ipc';
import { appError } from '../errors/app-error';
import type { TokenVault } from './token-vault';

/**
 * A TokenVault the admin can write to: the desktop keeps tokens with Electron safeStorage
 * (shell/safe-storage-token-vault.ts), tests and the browser bridge in memory. `set` throws an
 * AppErrorException, with a next step, when the token cannot be kept safely here; no method
 * ever returns or logs a token except `get`, which only core calls right before a request.
 */
export interface TokenStore extends TokenVault {
  /** Whether a token is stored, without reading (or decrypting) it. */
  has(cellId: string): Promise<boolean>;
  set(cellId: string, token: string): Promise<void>;
  /** Removes the cell's token; nothing happens when there is none. */
  clear(cellId: string): Promise<void>;
  /** Whether `set` can work on this machine, and if not why. */
  storage(): TokenStorage;
}

export const STORAGE_AVAILABLE: TokenStorage = { available: true, problem: null, nextStep: null };

/** Tokens in memory only: the test bridge and tests. */
export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, string>();

  async get(cellId: string): Promise<string | null> {
    return this.tokens.get(cellId) ?? null;
  }

  async has(cellId: string): Promise<boolean> {
    return this.tokens.has(cellId);
  }

  async set(cellId: string, token: string): Promise<void> {
    this.tokens.set(cellId, token);
  }

  async clear(cellId: string): Promise<void> {
    this.tokens.delete(cellId);
  }

  storage(): TokenStorage {
    return STORAGE_AVAILABLE;
  }
}

const NO_STORAGE_PROBLEM = 'This copy of Dedicated Admin has no place to keep a personal access token.';
const NO_STORAGE_NEXT_STEP =
  'Use the desktop app, or the CLI with GITPOD_TOKEN set, to see maintenance status.';

/**
 * No token storage at all: every cell "needs a token", and storing one is refused. The default
 * of a runtime given no store, so nothing is ever kept somewhere it should not be.
 */
export const NO_TOKEN_STORE: TokenStore = {
  get: async () => null,
  has: async () => false,
  set: async () => {
    throw appError('token-storage-unavailable', NO_STORAGE_PROBLEM, NO_STORAGE_NEXT_STEP);
  },
  clear: async () => undefined,
  storage: () => ({ available: false, problem: NO_STORAGE_PROBLEM, nextStep: NO_STORAGE_NEXT_STEP }),
};
