import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/logger';
import { JsonFileLedger, LEDGER_RETENTION_MS, ledgerFilePath, MemoryLedger } from './notification-ledger';
import { remindersDue } from './reminders';
import { DAY_MS, HOUR_MS } from './zoned-time';

const NOW = new Date('2026-06-10T10:00:00Z');

function later(ms: number): Date {
  return new Date(NOW.getTime() + ms);
}

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-ledger-'));
  file = join(dir, 'notifications.json');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open(now = NOW, logger = createMemoryLogger()): Promise<JsonFileLedger> {
  return JsonFileLedger.open(file, { now: () => now, logger });
}

async function readJson(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

describe('src/main/core/updates/notification-ledger', () => {
  describe('JsonFileLedger', () => {
    it('starts empty without a file, and remembers recorded keys across a restart', async () => {
      const first = await open();
      expect(first.has('update:u-1:new')).toBe(false);
      await first.record(['update:u-1:new'], NOW);
      expect(first.has('update:u-1:new')).toBe(true);
      const second = await open(later(HOUR_MS));
      expect(second.has('update:u-1:new')).toBe(true);
      expect(second.recovery).toBeNull();
    });

    it('writes a versioned file readable only by the user, leaving no temp files behind', async () => {
      const ledger = await open();
      await ledger.record(['b', 'a'], NOW);
      expect(await readJson(file)).toEqual({
        version: 1,
        keys: { a: NOW.toISOString(), b: NOW.toISOString() },
      });
      if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readdir(dir)).toEqual(['notifications.json']);
    });

    it('does not rewrite the file for keys it recorded less than a day ago', async () => {
      const ledger = await open();
      await ledger.record(['a'], NOW);
      await rm(file);
      await ledger.record(['a'], later(23 * HOUR_MS));
      await expect(stat(file)).rejects.toThrow(/ENOENT/);
      await ledger.record(['a'], later(DAY_MS));
      expect(await readJson(file)).toMatchObject({ keys: { a: later(DAY_MS).toISOString() } });
    });

    it('forgets keys not recorded again for 60 days, and keeps those still recorded', async () => {
      const ledger = await open();
      await ledger.record(['gone', 'kept'], NOW);
      for (let day = 1; day <= 61; day += 1) await ledger.record(['kept'], later(day * DAY_MS));
      expect(ledger.has('gone')).toBe(false);
      expect(ledger.has('kept')).toBe(true);
      expect(await readJson(file)).toMatchObject({ keys: { kept: later(61 * DAY_MS).toISOString() } });
    });

    it('prunes old keys when it opens', async () => {
      await writeFile(
        file,
        JSON.stringify({
          version: 1,
          keys: { old: NOW.toISOString(), recent: later(50 * DAY_MS).toISOString() },
        }),
      );
      const ledger = await open(later(LEDGER_RETENTION_MS + DAY_MS));
      expect(ledger.has('old')).toBe(false);
      expect(ledger.has('recent')).toBe(true);
    });

    it('serialises records made at the same time, so none is lost', async () => {
      const ledger = await open();
      await Promise.all([ledger.record(['a'], NOW), ledger.record(['b'], NOW), ledger.record(['c'], NOW)]);
      const reopened = await open();
      expect(['a', 'b', 'c'].every((key) => reopened.has(key))).toBe(true);
    });

    it('does not take keys as recorded when the file cannot be written', async () => {
      const nested = join(dir, 'sub', 'notifications.json');
      const ledger = await JsonFileLedger.open(nested, { now: () => NOW });
      await writeFile(join(dir, 'sub'), 'a file where the folder should be');
      await expect(ledger.record(['a'], NOW)).rejects.toThrow();
      expect(ledger.has('a')).toBe(false);
    });

    describe('with a file it cannot use', () => {
      const lastWritten = new Date('2026-06-09T08:00:00Z');

      async function corrupt(text: string): Promise<void> {
        await writeFile(file, text);
        await utimes(file, lastWritten, lastWritten);
      }

      it.each([
        ['not JSON', '{"version": 1, "keys": {'],
        ['empty', ''],
        ['of another shape', JSON.stringify({ version: 1, keys: { a: 'yesterday' } })],
      ])(
        'that is %s, backs it up and takes what came due before its last write as sent',
        async (_name, text) => {
          await corrupt(text);
          const logger = createMemoryLogger();
          const ledger = await open(NOW, logger);

          expect(ledger.recovery?.backupPath).toBeTruthy();
          expect(await readFile(ledger.recovery?.backupPath ?? '', 'utf8')).toBe(text);
          expect(ledger.assumeSentBefore).toEqual(lastWritten);
          expect(ledger.recovery?.assumeSentBefore).toEqual(lastWritten);
          expect(logger.lines.some((line) => line.level === 'warn' && line.message.includes('kept at'))).toBe(
            true,
          );
          expect(await readJson(file)).toEqual({
            version: 1,
            assumeSentBefore: lastWritten.toISOString(),
            keys: {},
          });
        },
      );

      it('that was hand-edited, keeps its valid keys beside the assumption, and the original aside', async () => {
        const edited = JSON.stringify({
          version: 1,
          keys: { good: NOW.toISOString(), bad: 'yesterday' },
          note: 'hand edit',
        });
        await corrupt(edited);
        const ledger = await open(NOW, createMemoryLogger());

        expect(ledger.has('good')).toBe(true);
        expect(ledger.has('bad')).toBe(false);
        expect(ledger.assumeSentBefore).toEqual(lastWritten);
        expect(await readFile(ledger.recovery?.backupPath ?? '', 'utf8')).toBe(edited);
        expect(await readJson(file)).toEqual({
          version: 1,
          assumeSentBefore: lastWritten.toISOString(),
          keys: { good: NOW.toISOString() },
        });
      });

      it('from a newer version, copies it aside but leaves it as it is, remembering in memory only', async () => {
        const newer = JSON.stringify({ version: 2, keys: {}, channels: ['tray'] });
        await corrupt(newer);
        const logger = createMemoryLogger();
        const ledger = await open(NOW, logger);

        expect(ledger.persistent).toBe(false);
        expect(ledger.recovery?.problem).toMatch(/newer Dedicated Admin \(version 2\)/);
        expect(await readFile(ledger.recovery?.backupPath ?? '', 'utf8')).toBe(newer);
        expect(ledger.assumeSentBefore).toEqual(lastWritten);
        await ledger.record(['a'], NOW);
        expect(ledger.has('a')).toBe(true);
        expect(await readFile(file, 'utf8')).toBe(newer);
        expect(
          logger.lines.some((line) => line.level === 'warn' && line.message.includes('left as it is')),
        ).toBe(true);
      });

      it('keeps that assumption across a restart', async () => {
        await corrupt('garbage');
        await open();
        const restarted = await open(later(HOUR_MS));
        expect(restarted.recovery).toBeNull();
        expect(restarted.assumeSentBefore).toEqual(lastWritten);
      });

      it('does not re-announce an update seen before the loss, but raises a reminder due since', async () => {
        await corrupt('garbage');
        const ledger = await open();
        const deadline = new Date('2026-06-13T09:00:00Z'); // the 3-day reminder came due on the 10th
        const plan = remindersDue({
          update: {
            id: 'u-1',
            cellName: 'prod',
            label: 'Infrastructure Update v37',
            releasedAt: new Date(deadline.getTime() - 14 * DAY_MS),
            deadline,
          },
          now: NOW,
          sent: ledger,
          timeZone: 'UTC',
        });
        expect(plan.notifications.map((n) => n.key.split(':').at(-1))).toEqual(['before-3d']);
      });

      it('uses the present, not a modification time in the future', async () => {
        await writeFile(file, 'garbage');
        await utimes(file, later(DAY_MS), later(DAY_MS));
        const ledger = await open();
        expect(ledger.assumeSentBefore).toEqual(NOW);
      });

      it('that cannot even be copied is left alone, and the ledger lives in memory', async () => {
        await mkdir(file);
        const logger = createMemoryLogger();
        const ledger = await open(NOW, logger);
        expect(ledger.persistent).toBe(false);
        expect(ledger.recovery?.backupPath).toBeNull();
        expect(ledger.recovery?.problem).toContain('could not be read');
        await ledger.record(['a'], NOW);
        expect(ledger.has('a')).toBe(true);
        expect((await stat(file)).isDirectory()).toBe(true);
        expect(logger.lines.some((line) => line.level === 'error')).toBe(true);
      });
    });
  });

  describe('MemoryLedger', () => {
    it('remembers, refreshes and prunes like the file ledger', async () => {
      const ledger = new MemoryLedger();
      await ledger.record(['a'], NOW);
      expect(ledger.has('a')).toBe(true);
      await ledger.record([], later(LEDGER_RETENTION_MS + 1));
      expect(ledger.has('a')).toBe(false);
      expect(ledger.assumeSentBefore).toBeNull();
    });
  });

  it('lives beside the settings file', () => {
    expect(ledgerFilePath({ DEDICATED_ADMIN_SETTINGS: '/tmp/x/settings.json' }, 'linux')).toBe(
      '/tmp/x/notifications.json',
    );
  });
});
