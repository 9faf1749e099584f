/**
 * Bad files (issue 7, reliability suite): every file the app keeps × every way it gets damaged,
 * in one table. Each store is opened as the app opens it and used once through its own API;
 * then the suite checks that it opened, kept exactly what was salvageable, reported the
 * problem, never replaced what it could not copy or what a newer app wrote, and that the
 * damaged bytes are still on disk, beside the file (a byte-identical backup) or in its place.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppErrorException } from '../../src/main/core/errors/app-error';
import { createMemoryLogger } from '../../src/main/core/log/logger';
import { resetElectronMock } from '../mocks/electron';
import {
  backupsOf,
  type Damage,
  type DamagedState,
  damages,
  releaseDamage,
  stillThere,
} from './support/damaged-files';
import { KEPT_FILES, type KeptFile } from './support/kept-files';
import { recordTally } from './support/tally';

// electron-store and safeStorage run against the typed fake of the electron module.
vi.mock('electron', () => import('../mocks/electron'));

const DAMAGES = damages(0xbadf11e);
const tally = { damaged: 0, recovered: 0, backupsKept: 0, leftInPlace: 0, notApplicable: 0 };

interface Case {
  readonly file: KeptFile;
  readonly damage: Damage;
}

const CASES: Case[] = KEPT_FILES.flatMap((file) =>
  DAMAGES.filter((damage) => !file.notApplicable?.[damage.kind]).map((damage) => ({ file, damage })),
);
tally.notApplicable = KEPT_FILES.length * DAMAGES.length - CASES.length;

/** A newer app's file, and one that cannot be copied, must be left exactly as it is. */
function mustStayInPlace(file: KeptFile, damage: Damage): boolean {
  return !file.backsUp || damage.kind === 'future-version' || !damage.copyable;
}

beforeEach(() => {
  resetElectronMock();
});

afterAll(() => {
  recordTally('bad-files', {
    suite: 'Bad files',
    counts: {
      files: KEPT_FILES.length,
      damageKinds: DAMAGES.length,
      damaged: tally.damaged,
      recovered: tally.recovered,
      backupsKept: tally.backupsKept,
      leftInPlace: tally.leftInPlace,
    },
    summary: `${tally.damaged} damaged files (${KEPT_FILES.length} kinds of file × ${DAMAGES.length} kinds of damage): ${tally.recovered} recovered, ${tally.backupsKept} byte-identical backups kept, ${tally.leftInPlace} left in place untouched`,
  });
});

describe('test/reliability/bad-files', () => {
  it('covers every file the app keeps with every kind of damage that can happen to it', () => {
    expect(KEPT_FILES.map((file) => file.name)).toHaveLength(8);
    expect(DAMAGES.map((damage) => damage.kind)).toEqual([
      'corrupt',
      'truncated',
      'empty',
      'hand-edited: wrong-types',
      'hand-edited: unknown-keys',
      'hand-edited: out-of-range',
      'hand-edited: missing-field',
      'future-version',
      'directory',
      'unreadable',
    ]);
    // Only the template copy has no version field to be from the future.
    expect(CASES).toHaveLength(KEPT_FILES.length * DAMAGES.length - 1);
  });

  describe.each(KEPT_FILES.map((file) => [file.name, file] as const))('%s', (_name, file) => {
    const applicable = CASES.filter((entry) => entry.file === file).map(
      (entry) => [entry.damage.title, entry.damage] as const,
    );

    it.each(applicable)(
      '%s: opens, keeps what was salvageable, reports it, and loses nothing',
      async (_title, damage) => {
        const dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-bad-files-'));
        let state: DamagedState | null = null;
        let path = '';
        try {
          const seeded = await file.seed(dir, createMemoryLogger());
          path = seeded.path;
          state = await damage.apply(path, (data) =>
            seeded.edit(damage.kind.replace('hand-edited: ', '') as Parameters<typeof seeded.edit>[0], data),
          );
          tally.damaged += 1;

          // Opens without throwing, as the app opens it.
          const store = await seeded.open(createMemoryLogger());
          // Keeps exactly what was salvageable, and says what happened.
          expect((await store.kept()).sort()).toEqual([...seeded.survivors(damage.kind)].sort());
          expect(store.problems().length).toBeGreaterThan(0);

          // A change through the store's own API: saved, or refused with an AppError, never a crash.
          let refused = false;
          try {
            await store.write();
          } catch (error) {
            expect(error).toBeInstanceOf(AppErrorException);
            refused = true;
          }

          if (mustStayInPlace(file, damage)) {
            expect(await stillThere(path, state)).toBe(true);
            tally.leftInPlace += 1;
            if (file.backsUp && (damage.kind === 'future-version' || !damage.copyable)) {
              // Left alone: the store says so, or refuses the change outright.
              expect(refused || store.readOnly() !== false).toBe(true);
            }
          }
          if (state.kind === 'bytes' && file.backsUp) {
            const backups = await backupsOf(path, state.bytes);
            expect(backups.length).toBeGreaterThan(0);
            tally.backupsKept += 1;
          }
          tally.recovered += 1;
        } finally {
          if (state) await releaseDamage(path, state);
          await rm(dir, { recursive: true, force: true });
        }
      },
    );
  });
});
