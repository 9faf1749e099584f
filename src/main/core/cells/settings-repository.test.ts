import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CellInput } from '../../../shared/cells/cell';
import { AppErrorException } from '../errors/app-error';
import { createMemoryLogger, type MemoryLogger } from '../log/logger';
import { DEFAULT_SETTINGS, type Settings } from './settings';
import { backupPathFor, FileSettingsBackend, type SettingsBackend } from './settings-backend';
import { SettingsRepository } from './settings-repository';

const NOW = new Date('2025-03-04T05:06:07.089Z');
const PRODUCTION = {
  name: 'Production',
  region: 'eu-central-1',
  accountId: '123456789012',
  roleStack: 'gitpod-role',
  instanceStack: 'gitpod-instance',
  domain: 'https://gitpod.example.com/',
} satisfies Omit<CellInput, 'id'>;
const STAGING = {
  name: 'Staging',
  profile: 'staging',
  region: 'us-east-1',
  accountId: '210987654321',
  instanceStack: 'cell',
} satisfies Omit<CellInput, 'id'>;

let dir: string;
let file: string;
let logger: MemoryLogger;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-settings-'));
  file = join(dir, 'settings.json');
  logger = createMemoryLogger();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open(backend: SettingsBackend = new FileSettingsBackend(file)): Promise<SettingsRepository> {
  return SettingsRepository.open(backend, logger, () => NOW);
}

async function readJson(path: string): Promise<unknown> {
  return JSON.parse(await readFile(path, 'utf8')) as unknown;
}

/** Resolves to the AppError code a promise rejects with. */
async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppErrorException) return error.appError.code;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

/** A file backend that counts its writes. */
class CountingBackend extends FileSettingsBackend {
  writes = 0;
  override async write(settings: Settings): Promise<void> {
    this.writes += 1;
    await super.write(settings);
  }
}

describe('main/core/cells/settings-repository', () => {
  describe('opening', () => {
    it('starts with no cells and writes nothing when there is no file', async () => {
      const repository = await open();
      expect(repository.cells()).toEqual([]);
      expect(repository.notice).toBeNull();
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it.each([
      ['truncated JSON', '{"version":1,"cells":[', /not valid JSON/],
      ['an empty file', '', /empty/],
      ['a file of whitespace', '  \n', /empty/],
    ])(
      'backs up %s with its exact bytes, reports it and starts from defaults',
      async (_label, content, detail) => {
        await writeFile(file, content);
        const repository = await open();

        const backupPath = backupPathFor(file, NOW);
        expect(repository.notice).toEqual({ message: expect.stringMatching(detail), backupPath });
        expect(repository.notice?.message).toMatch(/default settings/);
        expect(await readFile(backupPath, 'utf8')).toBe(content);
        expect(repository.get()).toEqual(DEFAULT_SETTINGS);
        expect(await readJson(file)).toEqual(DEFAULT_SETTINGS);
        expect(logger.lines).toEqual([
          { level: 'warn', message: expect.stringContaining(`The original was kept at ${backupPath}`) },
        ]);
      },
    );

    it('keeps binary garbage byte for byte in the backup', async () => {
      const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x22, 0xc3, 0x28]);
      await writeFile(file, bytes);
      const repository = await open();
      const backupPath = repository.notice?.backupPath ?? '';
      expect(Buffer.compare(await readFile(backupPath), bytes)).toBe(0);
    });

    it('loads a valid file with no notice and does not rewrite it', async () => {
      const text = `${JSON.stringify({
        version: 1,
        cells: [{ ...PRODUCTION, id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f', domain: 'gitpod.example.com' }],
      })}\n`;
      await writeFile(file, text);
      const before = await stat(file);
      const backend = new CountingBackend(file);

      const repository = await open(backend);

      expect(repository.notice).toBeNull();
      expect(repository.cells().map((cell) => cell.name)).toEqual(['Production']);
      expect(backend.writes).toBe(0);
      expect(await readFile(file, 'utf8')).toBe(text);
      expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
      expect(await readdir(dir)).toEqual(['settings.json']);
    });

    it('backs up a file with an invalid cell and keeps the valid ones', async () => {
      const original = JSON.stringify({
        version: 1,
        cells: [
          { ...STAGING, id: '0b7e5a1c-2d3f-4e5a-9b8c-7d6e5f4a3b2c' },
          { ...STAGING, id: '9c1d2e3f-4a5b-4c6d-8e7f-8a9b0c1d2e3f', name: 'Typo', accountId: '42' },
        ],
      });
      await writeFile(file, original);
      const repository = await open();

      expect(repository.cells().map((cell) => cell.name)).toEqual(['Staging']);
      expect(repository.notice?.message).toMatch(/Typo/);
      expect(await readFile(backupPathFor(file, NOW), 'utf8')).toBe(original);
      expect(await readJson(file)).toEqual({ ...DEFAULT_SETTINGS, cells: [repository.cells()[0]] });
    });

    it('removes a secret pasted at the top level from the live file, keeping the cells', async () => {
      const cell = { ...STAGING, id: '0b7e5a1c-2d3f-4e5a-9b8c-7d6e5f4a3b2c' };
      await writeFile(
        file,
        JSON.stringify({ version: 1, cells: [cell], aws_secret_access_key: 'wJalrXUtnFEMI' }),
      );
      const repository = await open();

      expect(repository.cells()).toEqual([cell]);
      expect(repository.notice?.message).toMatch(/aws_secret_access_key/);
      expect(await readFile(file, 'utf8')).not.toContain('wJalrXUtnFEMI');
      expect(logger.lines.map((line) => line.message).join('\n')).not.toContain('wJalrXUtnFEMI');
    });

    it('backs up a file from a newer version and starts from defaults', async () => {
      const original = JSON.stringify({ version: 99, cells: [], theme: 'dark' });
      await writeFile(file, original);
      const repository = await open();
      expect(repository.notice?.message).toMatch(/newer Dedicated Admin/);
      expect(await readFile(backupPathFor(file, NOW), 'utf8')).toBe(original);
      expect(repository.cells()).toEqual([]);
    });

    it('is read-only for a newer version, and keeps saying why when asked to dismiss the notice', async () => {
      await writeFile(file, JSON.stringify({ version: 99, cells: [] }));
      const repository = await open();
      expect(repository.readOnly).toBe(true);
      repository.dismissNotice();
      expect(repository.notice?.message).toMatch(/cannot be saved/);
    });

    it("drops a repaired file's notice once the admin dismisses it, and stays writable", async () => {
      await writeFile(file, '{"version":1,"cells":[');
      const repository = await open();
      expect(repository.readOnly).toBe(false);
      expect(repository.notice).not.toBeNull();
      repository.dismissNotice();
      expect(repository.notice).toBeNull();
      await repository.addCell(PRODUCTION);
      expect(repository.cells()).toHaveLength(1);
    });
  });

  describe('when the file cannot be backed up', () => {
    const original = '{"version":1,"cells":[';

    class NoBackupBackend extends CountingBackend {
      override async backup(): Promise<string> {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      }
    }

    it('leaves the original untouched and refuses every write with settings-read-only', async () => {
      await writeFile(file, original);
      const backend = new NoBackupBackend(file);
      const repository = await open(backend);

      expect(repository.notice?.backupPath).toBeUndefined();
      expect(repository.notice?.message).toMatch(/could not be backed up/);
      expect(repository.cells()).toEqual([]);
      expect(await errorCode(repository.addCell(PRODUCTION))).toBe('settings-read-only');
      expect(await errorCode(repository.removeCell('6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f'))).toBe(
        'settings-read-only',
      );
      expect(repository.cells()).toEqual([]);
      expect(backend.writes).toBe(0);
      expect(await readFile(file, 'utf8')).toBe(original);
      expect(await readdir(dir)).toEqual(['settings.json']);
      expect(logger.lines).toEqual([{ level: 'error', message: expect.stringMatching(/left as it is/) }]);
    });

    it('does not throw when the path cannot be read as a file at all', async () => {
      // A directory where the file should be: unreadable as a file, and impossible to copy.
      await mkdir(file);
      const repository = await open();
      expect(repository.notice?.message).toMatch(/could not be read \(EISDIR\)/);
      expect(await errorCode(repository.addCell(PRODUCTION))).toBe('settings-read-only');
      expect((await stat(file)).isDirectory()).toBe(true);
      expect(await readdir(dir)).toEqual(['settings.json']);
    });
  });

  it('does not throw when the defaults cannot be written after the backup', async () => {
    class FailingWriteBackend extends FileSettingsBackend {
      failWrites = true;
      override async write(settings: Settings): Promise<void> {
        if (this.failWrites)
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        await super.write(settings);
      }
    }
    await writeFile(file, '{');
    const backend = new FailingWriteBackend(file);
    const repository = await open(backend);

    expect(repository.notice?.backupPath).toBe(backupPathFor(file, NOW));
    expect(repository.cells()).toEqual([]);
    expect(logger.lines.some((line) => line.level === 'error' && /ENOSPC/.test(line.message))).toBe(true);
    backend.failWrites = false;
    await repository.addCell(PRODUCTION);
    expect(await readJson(file)).toMatchObject({ cells: [{ name: 'Production' }] });
  });

  describe('changing cells', () => {
    it('persists added, updated and removed cells across reopening', async () => {
      const first = await open();
      const production = await first.addCell(PRODUCTION);
      const staging = await first.addCell(STAGING);
      expect(production.domain).toBe('gitpod.example.com');

      const second = await open();
      expect(second.notice).toBeNull();
      expect(second.cells()).toEqual([production, staging]);

      const renamed = await second.updateCell({ ...staging, name: 'Staging EU', region: 'eu-west-1' });
      expect(renamed.id).toBe(staging.id);
      const third = await open();
      expect(third.cells()).toEqual([production, renamed]);
      expect(third.findCell('staging eu')).toEqual(renamed);
      expect(third.findCell(production.id)).toEqual(production);

      await third.removeCell(production.id);
      const fourth = await open();
      expect(fourth.cells()).toEqual([renamed]);
    });

    it('refuses a second cell with the same name, whatever its case', async () => {
      const repository = await open();
      await repository.addCell(PRODUCTION);
      expect(await errorCode(repository.addCell({ ...STAGING, name: 'production' }))).toBe('duplicate-cell');
      expect(await errorCode(repository.addCell({ ...STAGING, name: ' Production ' }))).toBe(
        'duplicate-cell',
      );
      expect((await readJson(file)) as Settings).toMatchObject({ cells: [{ name: 'Production' }] });
    });

    it('refuses to rename a cell to the name of another', async () => {
      const repository = await open();
      await repository.addCell(PRODUCTION);
      const staging = await repository.addCell(STAGING);
      expect(await errorCode(repository.updateCell({ ...staging, name: 'PRODUCTION' }))).toBe(
        'duplicate-cell',
      );
      expect(repository.findCell(staging.id)?.name).toBe('Staging');
    });

    it('lets a cell keep its own name on update', async () => {
      const repository = await open();
      const production = await repository.addCell(PRODUCTION);
      const updated = await repository.updateCell({ ...production, profile: 'prod' });
      expect(updated.profile).toBe('prod');
    });

    it('refuses an update of a cell that does not exist', async () => {
      const repository = await open();
      const update = { ...PRODUCTION, id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f' };
      expect(await errorCode(repository.updateCell(update))).toBe('cell-not-found');
    });

    it('refuses an invalid cell with invalid-cell and writes nothing', async () => {
      const backend = new CountingBackend(file);
      const repository = await open(backend);
      const attempts = [
        repository.addCell({ ...PRODUCTION, accountId: '1234' }),
        repository.addCell({ ...PRODUCTION, domain: 'http://gitpod.example.com' }),
        repository.addCell({ ...PRODUCTION, roleStack: undefined, instanceStack: undefined }),
      ];
      for (const attempt of attempts) expect(await errorCode(attempt)).toBe('invalid-cell');
      expect(backend.writes).toBe(0);
      await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
    });

    it('names the field in the invalid-cell message', async () => {
      const repository = await open();
      await expect(repository.addCell({ ...PRODUCTION, accountId: '1234' })).rejects.toMatchObject({
        appError: { code: 'invalid-cell', message: expect.stringMatching(/accountId.*12-digit/) },
      });
    });

    it('keeps every cell when two are added at once', async () => {
      const repository = await open();
      await Promise.all([repository.addCell(PRODUCTION), repository.addCell(STAGING)]);
      expect(repository.cells().map((cell) => cell.name)).toEqual(['Production', 'Staging']);
      const reopened = await open();
      expect(reopened.cells().map((cell) => cell.name)).toEqual(['Production', 'Staging']);
    });

    it('refuses the second of two cells with one name added at once', async () => {
      const repository = await open();
      const results = await Promise.allSettled([
        repository.addCell(PRODUCTION),
        repository.addCell({ ...STAGING, name: 'Production' }),
      ]);
      expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
      const second = results[1];
      expect(second?.status === 'rejected' && second.reason).toMatchObject({
        appError: { code: 'duplicate-cell' },
      });
      expect(repository.cells().map((cell) => cell.accountId)).toEqual(['123456789012']);
    });

    it('tells subscribers about every change, until they unsubscribe', async () => {
      const repository = await open();
      const heard: string[][] = [];
      const unsubscribe = repository.subscribe((settings) =>
        heard.push(settings.cells.map((cell) => cell.name)),
      );

      const production = await repository.addCell(PRODUCTION);
      await repository.updateCell({ ...production, name: 'Prod' });
      await repository.removeCell(production.id);
      await expect(repository.addCell({ ...PRODUCTION, accountId: 'x' })).rejects.toThrow();
      unsubscribe();
      await repository.addCell(STAGING);

      expect(heard).toEqual([['Production'], ['Prod'], []]);
    });

    it('writes the file readable by its owner only', async () => {
      await writeFile(file, JSON.stringify({ version: 1, cells: [] }), { mode: 0o644 });
      const repository = await open();
      await repository.addCell(PRODUCTION);
      const mode = (await stat(file)).mode & 0o777;
      // POSIX permissions; Windows reports its own mode bits.
      if (process.platform !== 'win32') expect(mode).toBe(0o600);
      else expect(mode).toBeGreaterThan(0);
    });

    it('writes atomically: no temporary file is left behind', async () => {
      const repository = await open();
      const production = await repository.addCell(PRODUCTION);
      await repository.addCell(STAGING);
      await repository.removeCell(production.id);
      expect(await readdir(dir)).toEqual(['settings.json']);
      expect(await readJson(file)).toMatchObject({ version: 2, cells: [{ name: 'Staging' }] });
    });

    it('does not use a stale temporary file left by a crash', async () => {
      const stale = `${file}.${process.pid}.tmp`;
      await writeFile(stale, 'stale', { mode: 0o644 });
      const repository = await open();
      await repository.addCell(PRODUCTION);
      if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readJson(file)).toMatchObject({ cells: [{ name: 'Production' }] });
    });

    it('keeps the settings unchanged and leaves no temporary file when a write fails', async () => {
      const repository = await open();
      await repository.addCell(PRODUCTION);
      const heard: Settings[] = [];
      repository.subscribe((settings) => heard.push(settings));
      // A directory where the file should be makes the final rename fail.
      await rm(file);
      await mkdir(file);
      await expect(repository.addCell(STAGING)).rejects.toThrow();
      expect(repository.cells().map((cell) => cell.name)).toEqual(['Production']);
      expect(heard).toEqual([]);
      expect(await readdir(dir)).toEqual(['settings.json']);
      // The failure does not jam later changes.
      await rm(file, { recursive: true });
      await repository.addCell(STAGING);
      expect(await readJson(file)).toMatchObject({ cells: [{ name: 'Production' }, { name: 'Staging' }] });
    });
  });
});

describe('main/core/cells/settings-repository (a file from a newer version)', () => {
  it('is backed up and left untouched, and changes are refused instead of overwriting it', async () => {
    const { mkdtemp, readFile, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { FileSettingsBackend } = await import('./settings-backend');
    const { SettingsRepository } = await import('./settings-repository');
    const { createMemoryLogger } = await import('../log/logger');
    const dir = await mkdtemp(join(tmpdir(), 'da-future-'));
    const file = join(dir, 'settings.json');
    const original = '{"version":99,"cells":[],"newThing":true}\n';
    await writeFile(file, original);
    const repo = await SettingsRepository.open(new FileSettingsBackend(file), createMemoryLogger());
    expect(repo.notice?.message).toMatch(/newer Dedicated Admin/);
    expect(repo.notice?.backupPath).toBeDefined();
    expect(await readFile(file, 'utf8')).toBe(original);
    await expect(
      repo.addCell({
        name: 'prod',
        region: 'eu-central-1',
        accountId: '123456789012',
        roleStack: 'gitpod-role',
      }),
    ).rejects.toMatchObject({ appError: { code: 'settings-read-only' } });
    expect(await readFile(file, 'utf8')).toBe(original);
  });
});
