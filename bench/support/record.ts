/**
 * How each benchmark reports: it writes its figures to `bench/.partial/<group>.json`, and
 * `scripts/bench.mjs` merges every group into `bench/results.json` and prints one table. Node
 * benches (vitest) and browser benches (Playwright) share this file, so the two halves of the
 * run agree on the format without importing each other.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PARTIAL_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '.partial');

/** One line of the printed table. */
export interface BenchRow {
  /** What was measured, e.g. "AWS calls per cell per hour (5 cells)". */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The naive baseline measured side by side in the same run, where one exists. */
  readonly baseline?: number;
  /** The goal the issue sets, e.g. "≤ 12" or "< 300". */
  readonly goal?: string;
  /** Whether `value` meets `goal` (absent when there is no goal). */
  readonly met?: boolean;
}

export interface BenchGroup {
  /** File name and heading, e.g. "idle-cost". */
  readonly group: string;
  /** The keys that go into bench/results.json (e.g. idleCallsPerCellHour), rounded sensibly. */
  readonly figures: Readonly<Record<string, number>>;
  readonly rows: readonly BenchRow[];
  /** How it was measured, one or two sentences: printed under the table. */
  readonly method: string;
}

export function recordBench(group: BenchGroup): void {
  mkdirSync(PARTIAL_DIR, { recursive: true });
  writeFileSync(join(PARTIAL_DIR, `${group.group}.json`), `${JSON.stringify(group, null, 2)}\n`);
}

/** The p-th percentile (0–100) of the samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Rounds to `digits` decimals, for figures that should not pretend to more precision than they have. */
export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
