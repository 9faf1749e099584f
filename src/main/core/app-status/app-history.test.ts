import { describe, expect, it } from 'vitest';
import { MAX_HISTORY_ENTRIES } from '../../../shared/app-status/app-status';
import { currentVersion, EMPTY_CELL_HISTORY, recordMaintenance, recordVersion } from './app-history';

const T1 = '2026-03-01T10:00:00.000Z';
const T2 = '2026-03-01T11:00:00.000Z';

describe('main/core/app-status/app-history', () => {
  it('records the first version without a previous one, and a change with it', () => {
    const first = recordVersion(EMPTY_CELL_HISTORY, 'main-gha.1', T1);
    expect(first).toMatchObject({ previous: null, changed: true });
    const second = recordVersion(first.record, 'main-gha.2', T2);
    expect(second.previous).toBe('main-gha.1');
    expect(currentVersion(second.record)).toEqual({ version: 'main-gha.2', since: T2 });
  });

  it('returns the same record when the version is unchanged, so nothing is written', () => {
    const { record } = recordVersion(EMPTY_CELL_HISTORY, 'main-gha.1', T1);
    const again = recordVersion(record, 'main-gha.1', T2);
    expect(again.record).toBe(record);
    expect(again.changed).toBe(false);
  });

  it('keeps only the newest entries', () => {
    let record = EMPTY_CELL_HISTORY;
    for (let n = 0; n < MAX_HISTORY_ENTRIES + 10; n += 1) {
      record = recordVersion(
        record,
        `main-gha.${n}`,
        new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString(),
      ).record;
    }
    expect(record.versions).toHaveLength(MAX_HISTORY_ENTRIES);
    expect(record.versions[0]?.version).toBe('main-gha.10');
  });

  it('opens a maintenance period when it starts and closes it when it ends', () => {
    const on = recordMaintenance(EMPTY_CELL_HISTORY, { on: true, notice: null }, T1);
    expect(on.maintenance).toEqual([{ start: T1, end: null }]);
    const stillOn = recordMaintenance(on, { on: true, notice: null }, T2);
    expect(stillOn).toBe(on);
    const off = recordMaintenance(on, { on: false, notice: null }, T2);
    expect(off.maintenance).toEqual([{ start: T1, end: T2 }]);
    expect(off.lastMaintenance).toEqual({ on: false, notice: null });
  });

  it('remembers a notice change even while maintenance stays off', () => {
    const first = recordMaintenance(EMPTY_CELL_HISTORY, { on: false, notice: null }, T1);
    const noticed = recordMaintenance(first, { on: false, notice: 'Sat' }, T2);
    expect(noticed).not.toBe(first);
    expect(noticed.maintenance).toEqual([]);
    expect(noticed.lastMaintenance).toEqual({ on: false, notice: 'Sat' });
  });
});
