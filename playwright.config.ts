import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './test/e2e/browser';

const executablePath = chromiumPath();
if (!executablePath) {
  throw new Error(
    'No Chromium found for the end-to-end tests. Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH.',
  );
}

const launchOptions = {
  executablePath,
  // Root (as in CI containers) cannot use Chromium's sandbox; elsewhere keep it.
  chromiumSandbox: process.getuid?.() !== 0,
  args: CHROMIUM_ARGS,
};

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/playwright',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: { trace: 'retain-on-failure' },
  projects: [
    {
      name: 'chromium',
      testDir: 'test/e2e/dashboard',
      use: {
        browserName: 'chromium',
        launchOptions,
        // Buttons fade their colours for 120 ms when the theme changes; an axe scan right after
        // the switch to dark could measure contrast mid-fade. The app's CSS honours reduced
        // motion, so with it the scans see the theme as it settles.
        reducedMotion: 'reduce',
      },
    },
    { name: 'electron', testDir: 'test/e2e/electron' },
    // README screenshots: only with `npm run screenshots`, never as part of the tests.
    ...(process.env.SCREENSHOTS === '1'
      ? [
          {
            name: 'screenshots',
            testDir: 'test/screenshots',
            use: { browserName: 'chromium' as const, launchOptions },
          },
        ]
      : []),
    // Browser benchmarks: only with `npm run bench` (BENCH=1), never as part of the tests.
    ...(process.env.BENCH === '1'
      ? [
          {
            name: 'bench',
            testDir: 'bench/browser',
            // Its own artifacts folder: an e2e run meanwhile must not clear the traces of a 2-minute bench.
            outputDir: 'test-results/bench',
            timeout: 300_000,
            use: { browserName: 'chromium' as const, launchOptions, reducedMotion: 'reduce' as const },
          },
        ]
      : []),
  ],
});
