/**
 * The reliability suite's figures (faults tried and survived, payloads fuzzed, files recovered):
 * each suite records its counts to `test-results/reliability/<suite>.json`, and `npm test`
 * prints them in its summary, so the README's Reliability section can quote a real run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TALLY_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'test-results',
  'reliability',
);

export interface Tally {
  /** e.g. "IPC fuzzing". */
  readonly suite: string;
  /** Named counts, e.g. { payloads: 4200, rejected: 4200, handlerRuns: 0 }. */
  readonly counts: Readonly<Record<string, number>>;
  /** One sentence for the summary, e.g. "4,200 hostile payloads on 38 channels: all rejected". */
  readonly summary: string;
}

export function recordTally(file: string, tally: Tally): void {
  mkdirSync(TALLY_DIR, { recursive: true });
  writeFileSync(join(TALLY_DIR, `${file}.json`), `${JSON.stringify(tally, null, 2)}\n`);
}
