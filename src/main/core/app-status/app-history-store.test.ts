import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/logger';
import { recordVersion } from './app-history';
import { APP_HISTORY_FILE_NAME, AppHistoryStore, appHistoryFileBeside, MAX_CELLS } from './app-history-store';

let dir: string;
let path: string;
const NOW = new Date('2026-03-01T10:00:00.000Z');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'app-history-'));
  path = join(dir, APP_HISTORY_FILE_NAME);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('main/core/app-status/app-history-store', () => {
  it('lives beside the settings file', () => {
    expect(appHistoryFileBeside('/home/a/.config/dedicated-admin/settings.json')).toBe(
      '/home/a/.config/dedicated-admin/app-history.json',
    );
  });

  it('starts empty without a file and writes changes that a new store reads back', async () => {
    const logger = createMemoryLogger();
    const store = await AppHistoryStore.open(path, { logger });
    expect(store.get('cell-1').versions).toEqual([]);
    await store.update('cell-1', (record) => recordVersion(record, 'main-gha.1', NOW.toISOString()).record);
    const reopened = await AppHistoryStore.open(path, { logger });
    expect(reopened.get('cell-1').versions).toEqual([{ version: 'main-gha.1', since: NOW.toISOString() }]);
    expect(reopened.problem).toBeNull();
  });

  it('writes nothing when a change returns the same record', async () => {
    const store = await AppHistoryStore.open(path, { logger: createMemoryLogger() });
    await store.update('cell-1', (record) => record);
    await expect(readFile(path, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('copies a corrupt file aside and starts fresh instead of failing', async () => {
    await writeFile(path, '{"version": 1, "cells": ', 'utf8');
    const logger = createMemoryLogger();
    const store = await AppHistoryStore.open(path, { logger, now: () => NOW });
    expect(store.get('cell-1').versions).toEqual([]);
    expect(store.problem).toMatch(/not valid JSON.*kept at .*backup-2026-03-01T10-00-00-000Z/);
    const files = await readdir(dir);
    expect(files.filter((name) => name.includes('.backup-'))).toHaveLength(1);
    const backup = files.find((name) => name.includes('.backup-')) as string;
    expect(await readFile(join(dir, backup), 'utf8')).toBe('{"version": 1, "cells": ');
    expect(logger.lines.some((line) => line.level === 'warn')).toBe(true);
    // The fresh file replaces the corrupt one at the next change.
    await store.update('cell-1', (record) => recordVersion(record, 'main-gha.2', NOW.toISOString()).record);
    expect(JSON.parse(await readFile(path, 'utf8')).cells['cell-1'].versions).toHaveLength(1);
  });

  it('keeps the valid cells of a partly damaged file', async () => {
    await writeFile(
      path,
      JSON.stringify({
        version: 1,
        cells: {
          good: {
            versions: [{ version: 'main-gha.1', since: NOW.toISOString() }],
            maintenance: [],
            lastMaintenance: null,
          },
          bad: { versions: 'nope' },
        },
      }),
    );
    const logger = createMemoryLogger();
    const store = await AppHistoryStore.open(path, { logger });
    expect(store.get('good').versions).toHaveLength(1);
    expect(store.get('bad').versions).toEqual([]);
    expect(logger.lines.map((line) => line.message).join('\n')).toMatch(/1 invalid cell entries/);
  });

  it('remembers a bounded number of cells', async () => {
    const store = await AppHistoryStore.open(path, { logger: createMemoryLogger() });
    for (let n = 0; n <= MAX_CELLS; n += 1) {
      void store.update(
        `cell-${n}`,
        (record) => recordVersion(record, 'main-gha.1', NOW.toISOString()).record,
      );
    }
    await store.flush();
    const written = JSON.parse(await readFile(path, 'utf8'));
    expect(Object.keys(written.cells)).toHaveLength(MAX_CELLS);
    expect(written.cells['cell-0']).toBeUndefined();
    expect(written.cells[`cell-${MAX_CELLS}`]).toBeDefined();
  });

  it('logs a failed write instead of throwing', async () => {
    const logger = createMemoryLogger();
    const store = await AppHistoryStore.open(path, { logger });
    // A directory where the file should be, made after the store opened, makes the rename fail.
    await mkdir(path);
    await expect(
      store.update('cell-1', (record) => recordVersion(record, 'main-gha.1', NOW.toISOString()).record),
    ).resolves.toBeUndefined();
    expect(
      logger.lines.some((line) => line.level === 'error' && /could not be written/.test(line.message)),
    ).toBe(true);
    expect(store.get('cell-1').versions).toHaveLength(1);
  });

  it('copies a partly damaged file aside before anything replaces it, and keeps its valid cells', async () => {
    const good = {
      versions: [{ version: 'main-gha.1', since: NOW.toISOString() }],
      maintenance: [],
      lastMaintenance: null,
    };
    const text = JSON.stringify({
      version: 1,
      cells: { good, bad: { versions: 'nope' } },
      note: 'hand edit',
    });
    await writeFile(path, text);
    const store = await AppHistoryStore.open(path, { logger: createMemoryLogger(), now: () => NOW });
    expect(store.get('good').versions).toHaveLength(1);
    expect(store.problem).toMatch(/1 invalid cell entries.*note.*kept at .*backup-2026-03-01T10-00-00-000Z/);
    expect(store.readOnly).toBe(false);
    const backup = (await readdir(dir)).find((name) => name.includes('.backup-')) as string;
    expect(await readFile(join(dir, backup), 'utf8')).toBe(text);
    await store.update('good', (record) => recordVersion(record, 'main-gha.2', NOW.toISOString()).record);
    expect(Object.keys(JSON.parse(await readFile(path, 'utf8')).cells)).toEqual(['good']);
  });

  it('leaves a newer app’s file alone: copied aside, read-only, changes kept in memory', async () => {
    const newer = JSON.stringify({ version: 2, cells: {}, timeline: [] });
    await writeFile(path, newer);
    const store = await AppHistoryStore.open(path, { logger: createMemoryLogger(), now: () => NOW });
    expect(store.readOnly).toBe(true);
    expect(store.problem).toMatch(/newer Dedicated Admin \(version 2\).*left as it is/);
    await store.update('cell-1', (record) => recordVersion(record, 'main-gha.1', NOW.toISOString()).record);
    expect(store.get('cell-1').versions).toHaveLength(1);
    expect(await readFile(path, 'utf8')).toBe(newer);
    expect((await readdir(dir)).filter((name) => name.includes('.backup-'))).toHaveLength(1);
  });

  it('never replaces a file it could not read', async () => {
    await mkdir(path);
    await writeFile(join(path, 'inside'), 'kept');
    const store = await AppHistoryStore.open(path, { logger: createMemoryLogger() });
    expect(store.readOnly).toBe(true);
    expect(store.problem).toMatch(/could not be read \(EISDIR\)/);
    await store.update('cell-1', (record) => recordVersion(record, 'main-gha.1', NOW.toISOString()).record);
    expect(await readFile(join(path, 'inside'), 'utf8')).toBe('kept');
  });
});
