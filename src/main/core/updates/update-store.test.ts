import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../../../../test/fixtures/templates/index';
import { CELL } from '../../../../test/support/update-fixtures';
import { AppErrorException } from '../errors/app-error';
import { createMemoryLogger, type MemoryLogger } from '../log/logger';
import { prepareImport, readImportFiles } from './import-update';
import { type StoredImport, UPDATES_FILE_NAME } from './update-file';
import { UpdateStore } from './update-store';

const NOW = new Date('2026-03-05T12:00:00.000Z');

let dir: string;
let path: string;
let logger: MemoryLogger;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-updates-store-'));
  path = join(dir, UPDATES_FILE_NAME);
  logger = createMemoryLogger();
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open(): Promise<UpdateStore> {
  return UpdateStore.open(path, { logger, now: () => NOW });
}

function prepared(label = 'Infrastructure Update v37') {
  const templates = readImportFiles([
    { name: 'role.json', bytes: new TextEncoder().encode(loadFixture('role.json')) },
    { name: 'instance.yaml', bytes: new TextEncoder().encode(loadFixture('instance.yaml')) },
  ]);
  return prepareImport(CELL, templates, { label }, [], NOW);
}

async function errorCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppErrorException) return error.appError.code;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

async function backups(): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.startsWith(`${UPDATES_FILE_NAME}.backup-`));
}

describe('main/core/updates/update-store', () => {
  it('starts empty without a file, and writes none until something changes', async () => {
    const store = await open();
    expect(store.imports()).toEqual([]);
    expect(store.history()).toEqual([]);
    expect(store.notice).toBeNull();
    await store.apply({});
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps an import with its template texts beside the file, mode 0600, and reads them back after a restart', async () => {
    const { record, texts } = prepared();
    await (await open()).addImport(record, texts);

    const reopened = await open();
    expect(reopened.imports()).toEqual([record]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const [role, instance] = record.templates;
    expect(await reopened.templateText(role?.sha256 ?? '')).toBe(loadFixture('role.json'));
    expect(await reopened.templateText(instance?.sha256 ?? '')).toBe(loadFixture('instance.yaml'));
    const files = await readdir(join(dir, 'updates'));
    expect(files.sort()).toEqual([`${role?.sha256}.json`, `${instance?.sha256}.yaml`].sort());
    for (const file of files) expect((await stat(join(dir, 'updates', file))).mode & 0o777).toBe(0o600);
  });

  it('refuses a stored template copy cut short or edited since the import, leaving it and the import in place', async () => {
    const { record, texts } = prepared();
    await (await open()).addImport(record, texts);
    const [role] = record.templates;
    const file = join(dir, 'updates', `${role?.sha256}.json`);
    const original = await readFile(file, 'utf8');
    for (const damaged of [
      original.slice(0, original.length / 2),
      original.replace('Resources', 'Resourcez'),
    ]) {
      await writeFile(file, damaged);
      const reopened = await open();
      expect(await errorCode(reopened.templateText(role?.sha256 ?? ''))).toBe('template-file-damaged');
      expect(reopened.imports()).toEqual([record]);
      expect(await readFile(file, 'utf8')).toBe(damaged);
    }
  });

  it('reads back a template imported with a UTF-8 byte-order mark, which the stored copy drops', async () => {
    const bytes = new TextEncoder().encode(`\ufeff${loadFixture('role.json')}`);
    const { record, texts } = prepareImport(
      CELL,
      readImportFiles([{ name: 'role.json', bytes }]),
      { label: 'v38' },
      [],
      NOW,
    );
    await (await open()).addImport(record, texts);
    expect(await (await open()).templateText(record.templates[0]?.sha256 ?? '')).toBe(
      loadFixture('role.json'),
    );
  });

  it('forgets an applied import with its template files, and records the history newest first', async () => {
    const store = await open();
    const { record, texts } = prepared();
    await store.addImport(record, texts);
    await store.apply({
      removeImports: [record.id],
      applied: [
        {
          id: record.id,
          label: record.label,
          cellId: CELL.id,
          cellName: CELL.name,
          source: 'import',
          releasedAt: record.releasedAt,
          appliedAt: NOW.toISOString(),
          detectedBy: 'template-deployed',
          stacks: ['gitpod-role', 'gitpod-instance'],
        },
      ],
    });
    expect(store.imports()).toEqual([]);
    expect(await readdir(join(dir, 'updates'))).toEqual([]);
    expect((await open()).history().map((h) => h.id)).toEqual([record.id]);
  });

  it('backs up a file that is not JSON, reports it, and starts over, never silently dropping it', async () => {
    await writeFile(path, '{"version": 1, "imports": [');
    const store = await open();
    expect(store.imports()).toEqual([]);
    expect(store.readOnly).toBe(false);
    const [backup] = await backups();
    expect(backup).toBeDefined();
    expect(await readFile(join(dir, backup ?? ''), 'utf8')).toBe('{"version": 1, "imports": [');
    expect(store.notice?.message).toMatch(/could not be used as it was: it is not valid JSON/);
    expect(store.notice?.message).toMatch(/imported again/);
    expect(store.notice?.backupPath).toBe(join(dir, backup ?? ''));
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 1, imports: [] });
    expect(logger.lines.some((line) => line.level === 'warn')).toBe(true);
  });

  it('keeps the valid entries of a partly damaged file and names what was left out', async () => {
    const { record, texts } = prepared();
    await (await open()).addImport(record, texts);
    const file = JSON.parse(await readFile(path, 'utf8')) as { imports: unknown[]; snoozes: unknown };
    file.imports.push({ id: 'imp-broken', label: 42 });
    file.snoozes = { [record.id]: 'tomorrow' };
    await writeFile(path, JSON.stringify(file));

    const store = await open();
    expect(store.imports()).toEqual([record]);
    expect(store.snoozes().size).toBe(0);
    expect(store.notice?.message).toMatch(/1 of 2 imported updates; 1 snoozes/);
    expect(await backups()).toHaveLength(1);
  });

  it('leaves a newer app’s file alone: backed up, read-only, imports refused, snoozes kept in memory', async () => {
    const newer = JSON.stringify({ version: 2, imports: [], somethingNew: true });
    await writeFile(path, newer);
    const store = await open();
    expect(store.readOnly).toBe(true);
    expect(store.notice?.message).toMatch(/newer Dedicated Admin \(version 2\)/);
    const { record, texts } = prepared();
    expect(await errorCode(store.addImport(record, texts))).toBe('updates-read-only');
    await store.setSnooze('cs-000000000000000000000001', new Date('2026-03-06T00:00:00.000Z'));
    expect(store.snoozes().size).toBe(1);
    expect(await readFile(path, 'utf8')).toBe(newer);
  });

  it('stores nothing when a template file cannot be written', async () => {
    const store = await open();
    // A file where the templates folder should be: every template write fails.
    await writeFile(join(dir, 'updates'), 'in the way');
    const { record, texts } = prepared();
    await expect(store.addImport(record, texts)).rejects.toThrow();
    expect(store.imports()).toEqual([]);
    expect(await readdir(dir)).toEqual(['updates']);
  });

  it('refuses the same update twice', async () => {
    const store = await open();
    const { record, texts } = prepared();
    await store.addImport(record, texts);
    const again: StoredImport = { ...record, label: 'again' };
    expect(await errorCode(store.addImport(again, texts))).toBe('update-already-imported');
    expect(store.imports()).toHaveLength(1);
  });

  describe('another writer (the CLI) changing the file while the app runs', () => {
    it("keeps the other writer's import when the app writes its own change", async () => {
      const app = await open();
      const cli = await open();
      const { record, texts } = prepared('Infrastructure Update v37');
      await cli.addImport(record, texts);

      await app.setSnooze('some-update', new Date('2026-03-06T12:00:00.000Z'));

      const onDisk = JSON.parse(await readFile(path, 'utf8'));
      expect(onDisk.imports.map((i: StoredImport) => i.label)).toEqual(['Infrastructure Update v37']);
      expect(Object.keys(onDisk.snoozes)).toEqual(['some-update']);
      expect(app.imports().map((i) => i.id)).toEqual([record.id]);
    });

    it("takes in the other writer's import on reload, without writing", async () => {
      const app = await open();
      const cli = await open();
      const { record, texts } = prepared();
      await cli.addImport(record, texts);
      const written = (await stat(path)).mtimeMs;

      expect(app.imports()).toEqual([]);
      await app.reload();

      expect(app.imports().map((i) => i.id)).toEqual([record.id]);
      expect((await stat(path)).mtimeMs).toBe(written);
      await expect(app.templateText(record.templates[0]?.sha256 ?? '')).resolves.toContain('Resources');
    });

    it('refuses the same update imported by the CLI and then in the app', async () => {
      const app = await open();
      const cli = await open();
      const first = prepared();
      await cli.addImport(first.record, first.texts);

      const again = prepared();
      expect(await errorCode(app.addImport(again.record, again.texts))).toBe('update-already-imported');
    });

    it('stops writing, keeping its state, when a newer app replaced the file', async () => {
      const app = await open();
      await app.setSnooze('some-update', new Date('2026-03-06T12:00:00.000Z'));
      const newer = JSON.stringify({ version: 99, imports: [] });
      await writeFile(path, newer);

      await app.setSnooze('other-update', new Date('2026-03-06T12:00:00.000Z'));

      expect(app.readOnly).toBe(true);
      expect(app.notice?.message).toMatch(/newer Dedicated Admin/);
      expect([...app.snoozes().keys()].sort()).toEqual(['other-update', 'some-update']);
      expect(await readFile(path, 'utf8')).toBe(newer);
    });

    it('backs up a file damaged since it was read before writing over it', async () => {
      const app = await open();
      await app.setSnooze('some-update', new Date('2026-03-06T12:00:00.000Z'));
      await writeFile(path, '{ not json');

      await app.setSnooze('other-update', new Date('2026-03-06T12:00:00.000Z'));

      const [backup] = await backups();
      expect(backup).toBeDefined();
      expect(await readFile(join(dir, backup ?? ''), 'utf8')).toBe('{ not json');
      const onDisk = JSON.parse(await readFile(path, 'utf8'));
      expect(Object.keys(onDisk.snoozes).sort()).toEqual(['other-update', 'some-update']);
    });
  });
});
