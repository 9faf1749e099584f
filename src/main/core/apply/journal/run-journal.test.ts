import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT, CALLER_ARN, CELL, updateOf } from '../../../../../test/support/apply-fakes';
import { createMemoryLogger } from '../../log/logger';
import { newRunRecord } from '../run/run-records';
import { RUNS_DIR_NAME, RunJournal, runsDirBeside } from './run-journal';
import { RUN_RECORD_VERSION, type RunRecord } from './run-record';

let dir: string;

function record(id: string, at: string): RunRecord {
  return newRunRecord({
    id,
    at,
    cell: CELL,
    caller: { account: ACCOUNT, arn: CALLER_ARN },
    update: updateOf(['role', 'instance']),
  });
}

const FIRST = 'run-20260301T100000Z-aaaaaa';
const SECOND = 'run-20260302T100000Z-bbbbbb';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'apply-journal-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('core/apply/journal/run-journal', () => {
  it('keeps runs beside the settings file, in runs/', () => {
    expect(runsDirBeside('/home/alex/.config/Dedicated Admin/settings.json')).toBe(
      join('/home/alex/.config/Dedicated Admin', RUNS_DIR_NAME),
    );
  });

  it('opens an empty journal when the folder does not exist yet, and creates it on the first save', async () => {
    const runs = join(dir, 'runs');
    const journal = await RunJournal.open(runs, { logger: createMemoryLogger() });
    expect(journal.list()).toEqual([]);
    expect(journal.notices()).toEqual([]);
    await journal.save(record(FIRST, '2026-03-01T10:00:00.000Z'));
    expect(await readdir(runs)).toEqual([`${FIRST}.json`]);
  });

  it('writes each run atomically as its own 0600 file and reads it back validated, newest first', async () => {
    const journal = await RunJournal.open(dir, { logger: createMemoryLogger() });
    await journal.save(record(FIRST, '2026-03-01T10:00:00.000Z'));
    await journal.save(record(SECOND, '2026-03-02T10:00:00.000Z'));
    expect((await readdir(dir)).sort()).toEqual([`${FIRST}.json`, `${SECOND}.json`]);
    expect((await stat(join(dir, `${FIRST}.json`))).mode & 0o777).toBe(0o600);

    const reopened = await RunJournal.open(dir, { logger: createMemoryLogger() });
    expect(reopened.list().map((r) => r.id)).toEqual([SECOND, FIRST]);
    expect(reopened.get(FIRST)).toEqual(record(FIRST, '2026-03-01T10:00:00.000Z'));
  });

  it('refuses to write an invalid run, leaving the file as it was', async () => {
    const journal = await RunJournal.open(dir, { logger: createMemoryLogger() });
    const valid = record(FIRST, '2026-03-01T10:00:00.000Z');
    await journal.save(valid);
    await expect(journal.save({ ...valid, currentStack: 7 })).rejects.toThrow();
    expect(JSON.parse(await readFile(join(dir, `${FIRST}.json`), 'utf8'))).toEqual(valid);
    expect(journal.get(FIRST)).toEqual(valid);
  });

  it('moves a damaged run file aside and reports it; the other runs still load', async () => {
    const journal = await RunJournal.open(dir, { logger: createMemoryLogger() });
    await journal.save(record(FIRST, '2026-03-01T10:00:00.000Z'));
    await writeFile(join(dir, `${SECOND}.json`), '{"version":1,"id":');
    const logger = createMemoryLogger();
    const reopened = await RunJournal.open(dir, { logger, now: () => new Date('2026-03-03T08:00:00.000Z') });
    expect(reopened.list().map((r) => r.id)).toEqual([FIRST]);
    const backupPath = join(dir, `${SECOND}.json.corrupt-2026-03-03T08-00-00-000Z`);
    expect(reopened.notices()).toEqual([
      {
        file: join(dir, `${SECOND}.json`),
        message: expect.stringMatching(/could not be used: it is not valid JSON\. It was moved to .*corrupt/),
        backupPath,
      },
    ]);
    expect(await readFile(backupPath, 'utf8')).toBe('{"version":1,"id":');
    expect(logger.lines.some((line) => line.level === 'warn')).toBe(true);
    // Reported once: the next start finds nothing wrong.
    expect((await RunJournal.open(dir, { logger: createMemoryLogger() })).notices()).toEqual([]);
  });

  it('moves aside a run that is valid JSON but not a valid run, or that names another run', async () => {
    await writeFile(join(dir, `${FIRST}.json`), JSON.stringify({ version: 1, id: FIRST, status: 'flying' }));
    await writeFile(join(dir, `${SECOND}.json`), JSON.stringify(record(FIRST, '2026-03-01T10:00:00.000Z')));
    const journal = await RunJournal.open(dir, { logger: createMemoryLogger() });
    expect(journal.list()).toEqual([]);
    expect(journal.notices().map((n) => n.message)).toEqual([
      expect.stringContaining('it is not a valid run'),
      expect.stringContaining(`it holds run ${FIRST}, not the one its name says`),
    ]);
  });

  it('leaves a run written by a newer app in place, keeps one copy of it and reports it', async () => {
    const future = {
      ...record(FIRST, '2026-03-01T10:00:00.000Z'),
      version: RUN_RECORD_VERSION + 1,
      somethingNew: true,
    };
    const path = join(dir, `${FIRST}.json`);
    await writeFile(path, JSON.stringify(future));
    const journal = await RunJournal.open(dir, { logger: createMemoryLogger() });
    expect(journal.list()).toEqual([]);
    expect(journal.notices()).toEqual([
      {
        file: path,
        message: expect.stringContaining('written by a newer Dedicated Admin (version 2)'),
        backupPath: `${path}.v2.backup`,
      },
    ]);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(future);
    expect(JSON.parse(await readFile(`${path}.v2.backup`, 'utf8'))).toEqual(future);
    await RunJournal.open(dir, { logger: createMemoryLogger() });
    expect((await readdir(dir)).sort()).toEqual([`${FIRST}.json`, `${FIRST}.json.v2.backup`]);
  });

  it('ignores files that are not runs (temp files left by a crash, copies)', async () => {
    await writeFile(join(dir, `${FIRST}.json.123-abcdef.tmp`), '{');
    await writeFile(join(dir, 'notes.json'), '{}');
    const journal = await RunJournal.open(dir, { logger: createMemoryLogger() });
    expect(journal.list()).toEqual([]);
    expect(journal.notices()).toEqual([]);
  });
});
