import { join } from 'node:path';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { Page } from '@playwright/test';
import type { Bridge } from '../bridge/bridge-server';
import {
  ACCOUNT_ID,
  CELL_REGION,
  expect,
  INSTANCE_STACK,
  PROFILE,
  ROLE_STACK,
  test,
} from '../e2e/dashboard/aws-fixtures';
import { changedRoleTemplate } from '../fixtures/templates/index';
import { type GitpodTestServer, startGitpodServer } from '../support/gitpod-server/server';
import { motoClientConfig } from '../support/moto-server';
import { restoreRoleStack } from '../support/restore-role-stack';

/**
 * Screenshots for the README (`npm run screenshots`): the real dashboard in Chromium against
 * the bridge and a seeded moto, in both themes. Not part of `npm test`.
 */
const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const LABEL = 'Infrastructure Update v38';
const TOKEN = 'gitpod_pat_readme.screenshot-token';
/** Tall enough for a whole cell card (its stacks and its Gitpod section) or a wizard screen. */
const TALL = { width: 1100, height: 1040 };

/** The Gitpod test server stands in for the cell's Gitpod, so the Overview's Gitpod section is live. */
const shots = test.extend<object, { gitpod: GitpodTestServer }>({
  gitpod: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this destructuring; it needs none.
    async ({}, use) => {
      const server = await startGitpodServer();
      server.tokens.set(TOKEN, 'owner');
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  bridgeOptions: async ({ gitpod }, use) => {
    await use({ appHttp: { ca: gitpod.ca, timeoutMs: 5_000 } });
  },
});

shots.use({ viewport: { width: 1100, height: 760 } });

/** The cell the README shows, with the update Gitpod might send next imported for it. */
async function productionWithUpdate(bridge: Bridge, gitpod: GitpodTestServer): Promise<void> {
  const { cell } = await bridge.cells.add({
    name: 'production',
    profile: PROFILE,
    region: CELL_REGION,
    accountId: ACCOUNT_ID,
    roleStack: ROLE_STACK,
    instanceStack: INSTANCE_STACK,
    // The test server's address: the only Gitpod the screenshots can reach.
    domain: gitpod.domain,
  });
  // As the token form does: through the runtime, so the dashboard learns a token is stored.
  await bridge.runtime.setAppToken(cell.id, TOKEN);
  const imported = await bridge.updates.importUpdate(
    cell.id,
    [{ name: 'role-v38.yaml', bytes: new TextEncoder().encode(changedRoleTemplate('v38')) }],
    { label: LABEL, notes: 'Rotates the EKS access entry for the setup role.' },
  );
  expect(imported.status).toBe('pending');
}

/** Still, so no button is caught halfway through its hover or theme transition. */
async function showScheme(page: Page, colorScheme: 'light' | 'dark'): Promise<void> {
  await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
}

for (const scheme of ['light', 'dark'] as const) {
  shots(
    `setup, overview, updates and settings in the ${scheme} theme`,
    async ({ dashboard, bridge, gitpod }) => {
      await showScheme(dashboard, scheme);
      await dashboard.getByRole('button', { name: 'Next' }).click();
      await expect(dashboard.getByText(/Signed in as/)).toBeVisible();
      await dashboard.screenshot({ path: join(OUT, `setup-${scheme}.png`) });

      await productionWithUpdate(bridge, gitpod);
      await bridge.status.refresh();
      await dashboard.setViewportSize(TALL);
      await dashboard.reload();
      await expect(dashboard.getByText(/^Checked /)).toBeVisible();
      await expect(dashboard.getByText('CREATE_COMPLETE').first()).toBeVisible();
      const gitpodSection = dashboard.getByRole('region', { name: 'production Gitpod' });
      await expect(gitpodSection).toContainText(gitpod.version, { timeout: 20_000 });
      await expect(gitpodSection).toContainText(/Maintenance\s*Off/, { timeout: 20_000 });
      await dashboard.screenshot({ path: join(OUT, `overview-${scheme}.png`) });

      await dashboard.setViewportSize({ width: 1100, height: 760 });
      await dashboard.getByRole('tab', { name: 'Updates' }).click();
      await expect(dashboard.locator('.update-card').first()).toBeVisible();
      await dashboard.screenshot({ path: join(OUT, `updates-${scheme}.png`) });

      await dashboard.setViewportSize(TALL);
      await dashboard.getByRole('tab', { name: 'Settings' }).click();
      await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText('Settings');
      await expect(dashboard.getByRole('heading', { name: 'Monitoring' })).toBeVisible();
      await dashboard.getByText('Report a problem').waitFor();
      await dashboard.screenshot({ path: join(OUT, `settings-${scheme}.png`) });
    },
  );

  shots(
    `the guided apply's review and finished screens in the ${scheme} theme`,
    async ({ dashboard, bridge, gitpod, moto }) => {
      shots.setTimeout(90_000);
      const cloudFormation = new CloudFormationClient(motoClientConfig(moto.endpoint, CELL_REGION));
      try {
        // Taller: the review's list of changes and the finished run's evidence buttons fit in.
        await dashboard.setViewportSize(TALL);
        await showScheme(dashboard, scheme);
        await productionWithUpdate(bridge, gitpod);
        await bridge.runtime.checkNow();
        await dashboard.reload();

        await dashboard.getByRole('tab', { name: 'Updates' }).click();
        await dashboard.getByRole('button', { name: `Apply… ${LABEL}` }).click();
        // Maintenance around the update: offered because the cell has a domain and a token.
        await dashboard.getByRole('checkbox', { name: /maintenance notice/ }).check();
        await dashboard.getByRole('checkbox', { name: /maintenance mode/ }).check();
        await dashboard.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await dashboard.screenshot({ path: join(OUT, `apply-start-${scheme}.png`) });
        await dashboard.getByRole('button', { name: 'Start guided apply' }).click();
        await dashboard.getByRole('button', { name: 'Continue', exact: true }).click({ timeout: 20_000 });
        await dashboard.getByRole('checkbox', { name: /^I acknowledge/ }).check();
        await dashboard.getByRole('button', { name: 'Create the change set' }).click();
        await expect(dashboard.getByRole('heading', { name: /Review the changes$/ })).toBeVisible({
          timeout: 30_000,
        });
        await expect(dashboard.getByRole('option').first()).toBeVisible();
        await dashboard.screenshot({ path: join(OUT, `apply-review-${scheme}.png`) });

        await dashboard.getByRole('button', { name: 'Continue to confirmation' }).click();
        await dashboard.getByRole('textbox', { name: /^Type the stack name/ }).fill(ROLE_STACK);
        await dashboard.getByRole('textbox', { name: /^Type the account id/ }).fill(ACCOUNT_ID);
        await dashboard.getByRole('button', { name: `Execute on ${ROLE_STACK}` }).click();
        await expect(dashboard.getByRole('heading', { name: /The run has finished$/ })).toBeVisible({
          timeout: 30_000,
        });
        await expect(dashboard.getByRole('region', { name: 'Gitpod maintenance' })).toContainText(
          'Maintenance mode: switched off again',
        );
        expect(gitpod.maintenance).toBe(false);
        // Focus sits on the heading; the screenshot should not show its focus ring.
        await dashboard.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        await dashboard.screenshot({ path: join(OUT, `apply-done-${scheme}.png`) });
      } finally {
        // Both themes apply the same update: the seeded template must be back for the next one.
        await restoreRoleStack(cloudFormation, ROLE_STACK);
        cloudFormation.destroy();
      }
    },
  );
}
