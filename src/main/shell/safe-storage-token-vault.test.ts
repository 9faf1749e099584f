import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetElectronMock, safeStorage } from '../../../test/mocks/electron';
import { AppErrorException } from '../core/errors/app-error';
import { createMemoryLogger, type MemoryLogger } from '../core/log/logger';
import { SafeStorageTokenVault, TOKENS_FILE_NAME, tokensFileBeside } from './safe-storage-token-vault';

vi.mock('electron', () => import('../../../test/mocks/electron'));

const CELL = '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
const OTHER = '0b9e6a52-4f0c-4a57-9c55-3d1f7e2b8a10';
const TOKEN = 'gitpod_pat_vault.test-secret-8d2c';

let dir: string;
let path: string;
let logger: MemoryLogger;

function vault(platform: NodeJS.Platform = 'linux'): SafeStorageTokenVault {
  return new SafeStorageTokenVault(path, { logger, platform });
}

function logText(): string {
  return logger.lines.map((line) => line.message).join('\n');
}

async function refusal(promise: Promise<unknown>): Promise<AppErrorException> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppErrorException) return error;
    throw error;
  }
  throw new Error('expected the token to be refused');
}

beforeEach(async () => {
  resetElectronMock();
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-tokens-'));
  path = join(dir, TOKENS_FILE_NAME);
  logger = createMemoryLogger();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('main/shell/safe-storage-token-vault', () => {
  it('lives beside the settings file', () => {
    expect(tokensFileBeside('/home/a/.config/Dedicated Admin/settings.json')).toBe(
      '/home/a/.config/Dedicated Admin/tokens.json',
    );
  });

  it('stores only the ciphertext, base64 per cell, in a 0600 file, and reads the token back', async () => {
    const tokens = vault();
    await tokens.set(CELL, TOKEN);
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain('vault.test-secret');
    const file = JSON.parse(text) as { version: number; tokens: Record<string, string> };
    expect(file.version).toBe(1);
    expect(Object.keys(file.tokens)).toEqual([CELL]);
    expect(Buffer.from(file.tokens[CELL] ?? '', 'base64').toString('utf8')).toMatch(/^fake-keychain:/);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await tokens.has(CELL)).toBe(true);
    expect(await tokens.has(OTHER)).toBe(false);
    expect(await tokens.get(CELL)).toBe(TOKEN);
    expect(await tokens.get(OTHER)).toBeNull();
    expect(logText()).not.toContain(TOKEN);
  });

  it('keeps other cells’ tokens when one is set or cleared, and clears only what is there', async () => {
    const tokens = vault();
    await tokens.set(CELL, TOKEN);
    await tokens.set(OTHER, `${TOKEN}-other`);
    await tokens.clear(CELL);
    expect(await tokens.get(CELL)).toBeNull();
    expect(await tokens.get(OTHER)).toBe(`${TOKEN}-other`);
    await tokens.clear(CELL);
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')).tokens)).toEqual([OTHER]);
  });

  it('runs concurrent changes one after another, losing none', async () => {
    const tokens = vault();
    await Promise.all([tokens.set(CELL, TOKEN), tokens.set(OTHER, `${TOKEN}-2`)]);
    expect(await tokens.get(CELL)).toBe(TOKEN);
    expect(await tokens.get(OTHER)).toBe(`${TOKEN}-2`);
  });

  it('refuses to store a token on Linux without a keyring (basic_text), saying what to install', async () => {
    safeStorage.backend = 'basic_text';
    const tokens = vault('linux');
    expect(tokens.storage()).toMatchObject({ available: false, nextStep: expect.stringMatching(/keyring/i) });
    const error = await refusal(tokens.set(CELL, TOKEN));
    expect(error.appError.code).toBe('keychain-unavailable');
    expect(error.appError.nextStep).toMatch(/GNOME Keyring or KWallet/);
    expect(safeStorage.encryptions).toBe(0);
    await expect(readFile(path, 'utf8')).rejects.toThrow(/ENOENT/);
    expect(JSON.stringify(error.appError)).not.toContain(TOKEN);
  });

  it('ignores the Linux backend on macOS, where the keychain decides', async () => {
    safeStorage.backend = 'basic_text';
    expect(vault('darwin').storage().available).toBe(true);
  });

  it('refuses to store a token when encryption is unavailable, with the platform’s next step', async () => {
    safeStorage.available = false;
    const mac = await refusal(vault('darwin').set(CELL, TOKEN));
    expect(mac.appError).toMatchObject({
      code: 'keychain-unavailable',
      nextStep: expect.stringMatching(/keychain/i),
    });
    const linux = await refusal(vault('linux').set(CELL, TOKEN));
    expect(linux.appError.nextStep).toMatch(/keyring/i);
    await expect(readFile(path, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('fails a read it cannot decrypt without logging the ciphertext or a token', async () => {
    const tokens = vault();
    await tokens.set(CELL, TOKEN);
    const stored = JSON.parse(await readFile(path, 'utf8')).tokens[CELL] as string;
    safeStorage.available = false;
    await expect(tokens.get(CELL)).rejects.toThrow(/could not be decrypted/);
    expect(logText()).toMatch(/could not be decrypted/);
    expect(logText()).not.toContain(stored);
    expect(logText()).not.toContain(TOKEN);
  });

  it('reads a missing or unusable file as empty, and copies an unusable one aside before a set replaces it', async () => {
    const tokens = vault();
    expect(await tokens.get(CELL)).toBeNull();
    await writeFile(path, '{"version": 1, "tokens": {');
    expect(await tokens.has(CELL)).toBe(false);
    expect(logText()).toMatch(/not valid JSON/);
    await tokens.set(CELL, TOKEN);
    expect(await tokens.get(CELL)).toBe(TOKEN);
    const backups = (await readdir(dir)).filter((name) => name.startsWith(`${TOKENS_FILE_NAME}.backup-`));
    expect(backups).toHaveLength(1);
    expect(await readFile(join(dir, backups[0] ?? ''), 'utf8')).toBe('{"version": 1, "tokens": {');
  });

  it('keeps the valid tokens of a hand-edited file, and keeps the original aside when it is rewritten', async () => {
    const tokens = vault();
    await tokens.set(CELL, TOKEN);
    const file = JSON.parse(await readFile(path, 'utf8'));
    const edited = JSON.stringify({ ...file, tokens: { ...file.tokens, [OTHER]: 42 }, note: 'hand edit' });
    await writeFile(path, edited);
    expect(await tokens.get(CELL)).toBe(TOKEN);
    expect(await tokens.has(OTHER)).toBe(false);
    await tokens.clear(CELL);
    const backups = (await readdir(dir)).filter((name) => name.startsWith(`${TOKENS_FILE_NAME}.backup-`));
    expect(backups).toHaveLength(1);
    expect(await readFile(join(dir, backups[0] ?? ''), 'utf8')).toBe(edited);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 1, tokens: {} });
  });

  it('leaves a newer app’s file alone: read as empty, and a set or a clear refused', async () => {
    const newer = '{"version": 9, "tokens": {}, "keychain": "v9"}';
    await writeFile(path, newer);
    const tokens = vault();
    expect(await tokens.has(CELL)).toBe(false);
    const refused = await refusal(tokens.set(CELL, TOKEN));
    expect(refused.appError.code).toBe('tokens-file-untouchable');
    expect(refused.appError.message).toMatch(/newer Dedicated Admin/);
    // Refused too: the newer file may hold the token, so "removed" would not be true.
    expect((await refusal(tokens.clear(CELL))).appError.code).toBe('tokens-file-untouchable');
    expect(await readFile(path, 'utf8')).toBe(newer);
    // Copied aside once, as the other stores do with a newer app's file.
    expect(await readFile(`${path}.v9.backup`, 'utf8')).toBe(newer);
    expect(logText()).not.toContain(TOKEN);
  });

  it('never replaces a file it could not read', async () => {
    await mkdir(path);
    const tokens = vault();
    expect(await tokens.has(CELL)).toBe(false);
    expect((await refusal(tokens.set(CELL, TOKEN))).appError.code).toBe('tokens-file-untouchable');
    expect((await stat(path)).isDirectory()).toBe(true);
  });
});
