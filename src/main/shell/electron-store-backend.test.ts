import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resetElectronMock } from '../../../test/mocks/electron';
import { DEFAULT_SETTINGS, type Settings } from '../core/cells/settings';
import { backupPathFor, FileSettingsBackend } from '../core/cells/settings-backend';
import { SettingsRepository } from '../core/cells/settings-repository';
import { createMemoryLogger } from '../core/log/logger';
import { ElectronStoreBackend } from './electron-store-backend';

vi.mock('electron', () => import('../../../test/mocks/electron'));

const NOW = new Date('2025-03-04T05:06:07.089Z');
const SETTINGS: Settings = {
  ...DEFAULT_SETTINGS,
  cells: [
    {
      id: '6f1c1a52-4a8e-4d7c-9a43-2f0e8f3b9d11',
      name: 'Production',
      profile: 'prod',
      region: 'eu-central-1',
      accountId: '123456789012',
      roleStack: 'gitpod-role',
      instanceStack: 'gitpod-instance',
      domain: 'gitpod.example.com',
    },
  ],
};
const CORRUPT = '{"version": 1, "cells": [\n';
// POSIX permission bits mean nothing on Windows: there the file inherits the folder's ACL.
const posixOnly = it.skipIf(process.platform === 'win32');

let dir: string;
let file: string;

beforeEach(async () => {
  resetElectronMock();
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-store-'));
  file = join(dir, 'Dedicated Admin', 'settings.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeRaw(text: string): Promise<void> {
  await mkdir(join(dir, 'Dedicated Admin'), { recursive: true });
  await writeFile(file, text);
}

describe('main/shell/electron-store-backend', () => {
  it('reads a file that does not exist as missing, without creating it', async () => {
    const backend = new ElectronStoreBackend(file);
    expect(await backend.read()).toEqual({ kind: 'missing' });
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reads an existing empty object as ok, not as missing', async () => {
    await writeRaw('{}');
    expect(await new ElectronStoreBackend(file).read()).toEqual({ kind: 'ok', data: {} });
  });

  it('writes the settings as plain JSON at exactly the given path and reads them back', async () => {
    const backend = new ElectronStoreBackend(file);
    await backend.read();
    await backend.write(SETTINGS);
    await backend.write({ ...SETTINGS, cells: [] });
    await backend.write(SETTINGS);

    expect(JSON.parse(await readFile(file, 'utf8'))).toStrictEqual(SETTINGS);
    expect(await readdir(join(dir, 'Dedicated Admin'))).toEqual(['settings.json']);
    expect(await backend.read()).toEqual({ kind: 'ok', data: SETTINGS });
    expect(await new ElectronStoreBackend(file).read()).toEqual({ kind: 'ok', data: SETTINGS });
  });

  it("writes the same bytes as the CLI's FileSettingsBackend, which reads them identically", async () => {
    const backend = new ElectronStoreBackend(file);
    await backend.write(SETTINGS); // first write: the file is created
    await backend.write(SETTINGS); // later writes go through electron-store
    const written = await readFile(file, 'utf8');
    expect(await new FileSettingsBackend(file).read()).toEqual(await backend.read());

    const cliFile = join(dir, 'cli.json');
    await new FileSettingsBackend(cliFile).write(SETTINGS);
    expect(written).toBe(await readFile(cliFile, 'utf8'));
  });

  it('reads and writes a settings file with any name, not only settings.json', async () => {
    const other = join(dir, 'elsewhere', 'my-cells');
    const backend = new ElectronStoreBackend(other);
    await backend.write(SETTINGS);
    await backend.write(SETTINGS);
    expect(await new FileSettingsBackend(other).read()).toEqual({ kind: 'ok', data: SETTINGS });
    expect(await readdir(join(dir, 'elsewhere'))).toEqual(['my-cells']);
  });

  posixOnly('keeps the file readable and writable by its owner only (0600)', async () => {
    const backend = new ElectronStoreBackend(file);
    await backend.write(SETTINGS); // creates the file
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await backend.write(SETTINGS); // replaces it through electron-store
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  posixOnly('narrows a file that was readable by others to 0600 when it writes to it', async () => {
    await writeRaw(JSON.stringify(SETTINGS));
    await chmod(file, 0o644);
    const backend = new ElectronStoreBackend(file);
    await backend.read();
    await backend.write(SETTINGS);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('reads a file that is not valid JSON as unreadable and leaves it as it is', async () => {
    await writeRaw(CORRUPT);
    expect(await new ElectronStoreBackend(file).read()).toEqual({
      kind: 'unreadable',
      detail: 'the file is not valid JSON',
    });
    expect(await readFile(file, 'utf8')).toBe(CORRUPT);
  });

  it("reads an empty file as unreadable: 'the file is empty'", async () => {
    await writeRaw(' \n');
    expect(await new ElectronStoreBackend(file).read()).toEqual({
      kind: 'unreadable',
      detail: 'the file is empty',
    });
  });

  it('hands JSON that is not an object to the repository as it is, like FileSettingsBackend', async () => {
    await writeRaw('["not", "settings"]');
    const expected = { kind: 'ok', data: ['not', 'settings'] };
    expect(await new ElectronStoreBackend(file).read()).toEqual(expected);
    expect(await new FileSettingsBackend(file).read()).toEqual(expected);
  });

  it('reports a file it cannot read by the error code', async () => {
    await mkdir(file, { recursive: true });
    expect(await new ElectronStoreBackend(file).read()).toEqual({ kind: 'unreadable', detail: 'EISDIR' });
  });

  it('copies the original bytes to the backup path', async () => {
    await writeRaw(CORRUPT);
    const backend = new ElectronStoreBackend(file);
    await backend.read();
    const backupPath = await backend.backup(NOW);
    expect(backupPath).toBe(backupPathFor(file, NOW));
    expect(await readFile(backupPath, 'utf8')).toBe(CORRUPT);
    expect(await readFile(file, 'utf8')).toBe(CORRUPT);
  });

  it('leaves a file it only read byte for byte as it was', async () => {
    const handWritten = '{\n\t"version": 1,\n\t"cells": []\n}';
    await writeRaw(handWritten);
    const logger = createMemoryLogger();
    await SettingsRepository.open(new ElectronStoreBackend(file), logger, () => NOW);
    expect(await readFile(file, 'utf8')).toBe(handWritten);
  });

  it('leaves a file from a newer version untouched when the repository opens it', async () => {
    const future = '{"version": 99, "cells": [], "theme": "dark"}';
    await writeRaw(future);
    const repository = await SettingsRepository.open(new ElectronStoreBackend(file), createMemoryLogger());
    expect(repository.notice?.backupPath).toBeDefined();
    expect(await readFile(file, 'utf8')).toBe(future);
  });

  it('keeps a corrupt file as a backup, repairs it, and saves later changes', async () => {
    await writeRaw(CORRUPT);
    const logger = createMemoryLogger();
    const repository = await SettingsRepository.open(new ElectronStoreBackend(file), logger, () => NOW);

    const backupPath = repository.notice?.backupPath;
    expect(backupPath).toBe(backupPathFor(file, NOW));
    expect(await readFile(backupPathFor(file, NOW), 'utf8')).toBe(CORRUPT);
    expect(await new FileSettingsBackend(file).read()).toEqual({
      kind: 'ok',
      data: DEFAULT_SETTINGS,
    });

    const cell = await repository.addCell({
      name: 'Staging',
      region: 'us-east-1',
      accountId: '210987654321',
      instanceStack: 'cell',
    });
    const saved = JSON.parse(await readFile(file, 'utf8')) as Settings;
    expect(saved.cells).toEqual([cell]);
    expect(await readFile(backupPathFor(file, NOW), 'utf8')).toBe(CORRUPT);
    expect(logger.lines.map((line) => line.level)).toEqual(['warn']);
  });
});
