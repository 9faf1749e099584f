import { join } from 'node:path';
import {
  ACCOUNT_ID,
  CELL_REGION,
  expect,
  INSTANCE_STACK,
  PROFILE,
  ROLE_STACK,
  test,
} from '../e2e/dashboard/aws-fixtures';
import { loadFixture } from '../fixtures/templates/index';

/**
 * Screenshots for the README (`npm run screenshots`): the real dashboard in Chromium against
 * the bridge and a seeded moto, in both themes. Not part of `npm test`.
 */
/** The role template with one more tag: an update Gitpod might send. */
function changedRoleTemplate(): string {
  return loadFixture('role.yaml').replace(
    /(\n\s*Tags:\s*\n)/,
    '$1        - Key: gitpod:update\n          Value: v38\n',
  );
}

const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

test.use({ viewport: { width: 1100, height: 760 } });

for (const scheme of ['light', 'dark'] as const) {
  test(`setup, overview and settings in the ${scheme} theme`, async ({ dashboard, bridge }) => {
    await dashboard.emulateMedia({ colorScheme: scheme });
    await dashboard.getByRole('button', { name: 'Next' }).click();
    await expect(dashboard.getByText(/Signed in as/)).toBeVisible();
    await dashboard.screenshot({ path: join(OUT, `setup-${scheme}.png`) });

    await bridge.cells.add({
      name: 'production',
      profile: PROFILE,
      region: CELL_REGION,
      accountId: ACCOUNT_ID,
      roleStack: ROLE_STACK,
      instanceStack: INSTANCE_STACK,
      domain: 'gitpod.acme.example',
    });
    await bridge.status.refresh();
    await dashboard.reload();
    await expect(dashboard.getByText(/^Checked /)).toBeVisible();
    await expect(dashboard.getByText('CREATE_COMPLETE').first()).toBeVisible();
    await dashboard.screenshot({ path: join(OUT, `overview-${scheme}.png`) });

    const imported = await bridge.updates.importUpdate(
      bridge.cells.state().cells[0]?.cell.id ?? '',
      [{ name: 'role-v38.yaml', bytes: new TextEncoder().encode(changedRoleTemplate()) }],
      { label: 'Infrastructure Update v38', notes: 'Rotates the EKS access entry for the setup role.' },
    );
    expect(imported.status).toBe('pending');
    await dashboard.getByRole('tab', { name: 'Updates' }).click();
    await expect(dashboard.locator('.update-card').first()).toBeVisible();
    await dashboard.screenshot({ path: join(OUT, `updates-${scheme}.png`) });

    await dashboard.getByRole('tab', { name: 'Settings' }).click();
    await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await dashboard.getByText('Report a problem').waitFor();
    await dashboard.screenshot({ path: join(OUT, `settings-${scheme}.png`) });
  });
}
