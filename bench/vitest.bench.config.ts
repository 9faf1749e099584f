/**
 * `npm run bench`'s Node half (scripts/bench.mjs runs it): the benchmarks under bench/node,
 * written as vitest files so they use the app's TypeScript sources as the tests do. Kept out
 * of `npm test` (vitest.config.ts includes only src/ and test/): a bench measures, it does not
 * pass or fail on a time.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'bench',
    root: new URL('..', import.meta.url).pathname,
    environment: 'node',
    include: ['bench/node/**/*.bench.ts'],
    // One file at a time, each in its own process: the benches share 2 cores with moto, and a
    // timing taken while another bench runs would measure the other bench too.
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    // The memory bench forces collections (global.gc) before it reads the heap and RSS.
    execArgv: ['--expose-gc'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    restoreMocks: true,
  },
});
