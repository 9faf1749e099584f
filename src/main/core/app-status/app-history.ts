import { z } from 'zod';
import {
  MAX_HISTORY_ENTRIES,
  MAX_NOTICE_LENGTH,
  maintenancePeriodSchema,
  versionEntrySchema,
} from '../../../shared/app-status/app-status';

/**
 * One cell's remembered application history, and the pure steps that extend it. Kept apart
 * from the file so the monitor's rules can be tested without a disk.
 */

export const lastMaintenanceSchema = z
  .object({
    on: z.boolean(),
    /** The notice text when a notice was on ('' for one without text), null when off. */
    notice: z.string().max(MAX_NOTICE_LENGTH).nullable(),
  })
  .strict();
export type LastMaintenance = z.infer<typeof lastMaintenanceSchema>;

export const cellHistoryRecordSchema = z
  .object({
    /** Oldest first; the last entry is the version last seen. */
    versions: z.array(versionEntrySchema).max(MAX_HISTORY_ENTRIES),
    /** Oldest first; at most the last one is open. */
    maintenance: z.array(maintenancePeriodSchema).max(MAX_HISTORY_ENTRIES),
    /** What maintenance looked like at the last successful read; null before the first. */
    lastMaintenance: lastMaintenanceSchema.nullable(),
  })
  .strict();
export type CellHistoryRecord = z.infer<typeof cellHistoryRecordSchema>;

export const EMPTY_CELL_HISTORY: CellHistoryRecord = { versions: [], maintenance: [], lastMaintenance: null };

function keepNewest<T>(entries: T[]): T[] {
  return entries.length > MAX_HISTORY_ENTRIES ? entries.slice(entries.length - MAX_HISTORY_ENTRIES) : entries;
}

export function currentVersion(record: CellHistoryRecord): { version: string; since: string } | null {
  return record.versions.at(-1) ?? null;
}

/**
 * Notes the version seen at `at`. Returns the same record when nothing changed, so a caller
 * can skip writing; `previous` is the version before, if there was one and it differs.
 */
export function recordVersion(
  record: CellHistoryRecord,
  version: string,
  at: string,
): { record: CellHistoryRecord; previous: string | null; changed: boolean } {
  const last = currentVersion(record);
  if (last?.version === version) return { record, previous: null, changed: false };
  return {
    record: { ...record, versions: keepNewest([...record.versions, { version, since: at }]) },
    previous: last?.version ?? null,
    changed: true,
  };
}

/**
 * Notes a maintenance reading: opens a period when maintenance starts, closes the open one
 * when it ends, and remembers the reading for the next comparison. The same record comes back
 * when nothing changed.
 */
export function recordMaintenance(
  record: CellHistoryRecord,
  reading: LastMaintenance,
  at: string,
): CellHistoryRecord {
  const last = record.lastMaintenance;
  if (last !== null && last.on === reading.on && last.notice === reading.notice) return record;
  const periods = [...record.maintenance];
  const open = periods.at(-1)?.end === null ? periods.at(-1) : undefined;
  if (reading.on && open === undefined) periods.push({ start: at, end: null });
  if (!reading.on && open !== undefined) periods[periods.length - 1] = { start: open.start, end: at };
  return {
    ...record,
    maintenance: keepNewest(periods),
    lastMaintenance: { on: reading.on, notice: reading.notice },
  };
}
