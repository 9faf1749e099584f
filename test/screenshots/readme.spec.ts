import { join } from 'node:path';
import { expect, test } from '../e2e/dashboard/fixtures';

/**
 * Screenshots for the README (`npm run screenshots`): the real dashboard in Chromium against
 * the bridge, in both themes. Not part of `npm test`.
 */
const OUT = join(import.meta.dirname, '..', '..', 'docs', 'screenshots');

test.use({ viewport: { width: 1100, height: 700 } });

for (const scheme of ['light', 'dark'] as const) {
  test(`overview and settings in the ${scheme} theme`, async ({ dashboard }) => {
    await dashboard.emulateMedia({ colorScheme: scheme });
    await dashboard.getByRole('button', { name: /^check now$/i }).click();
    await expect(dashboard.getByText(/^Checked /)).toBeVisible();
    await dashboard.screenshot({ path: join(OUT, `overview-${scheme}.png`) });
    await dashboard.getByRole('tab', { name: 'Settings' }).click();
    await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await dashboard.getByText('Report a problem').waitFor();
    await dashboard.screenshot({ path: join(OUT, `settings-${scheme}.png`) });
  });
}
