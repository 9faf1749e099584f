import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import {
  type Bridge,
  type BridgeOptions,
  bridgePreloadScript,
  startBridge,
} from '../../bridge/bridge-server';

const RENDERER_DIR = join(import.meta.dirname, '..', '..', '..', 'out', 'renderer');

interface Fixtures {
  bridgeOptions: Omit<BridgeOptions, 'rendererDir'>;
  bridge: Bridge;
  dashboard: Page;
}

/** A dashboard page in Chromium, wired to a fresh bridge (real main-process code) per test. */
export const test = base.extend<Fixtures>({
  bridgeOptions: [{}, { option: true }],
  bridge: async ({ bridgeOptions }, use) => {
    const bridge = await startBridge({ ...bridgeOptions, rendererDir: RENDERER_DIR });
    await use(bridge);
    await bridge.close();
  },
  dashboard: async ({ page, bridge }, use) => {
    await page.addInitScript({ content: await bridgePreloadScript() });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${bridge.url}/index.html`);
    await use(page);
    expect(errors, 'uncaught errors in the page').toEqual([]);
  },
});

export { expect };

/** Serious and critical axe violations on the page as it is now. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`);
}
