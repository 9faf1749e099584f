import { expect, seriousA11yViolations, test } from './fixtures';

const VIEWS = ['Overview', 'Updates', 'Apply', 'History', 'Settings'];

test.describe('dashboard navigation and accessibility', () => {
  test('moves through every view by keyboard alone, with no serious accessibility violation on any', async ({
    dashboard,
  }) => {
    await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText('Overview');
    // From the top of the page, Tab reaches the view tabs (after the skip link).
    await dashboard.keyboard.press('Tab');
    await dashboard.keyboard.press('Tab');
    await expect(dashboard.getByRole('tab', { name: 'Overview' })).toBeFocused();
    for (const [index, view] of VIEWS.entries()) {
      if (index > 0) await dashboard.keyboard.press('ArrowDown');
      await expect(dashboard.getByRole('tab', { name: view })).toBeFocused();
      await expect(dashboard.getByRole('tab', { name: view })).toHaveAttribute('aria-selected', 'true');
      await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText(view);
      expect(await seriousA11yViolations(dashboard), `axe on ${view}`).toEqual([]);
    }
    await dashboard.keyboard.press('Home');
    await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText('Overview');
    await dashboard.keyboard.press('End');
    await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText('Settings');
  });

  test('has no serious accessibility violation in the dark theme either', async ({ dashboard }) => {
    await dashboard.emulateMedia({ colorScheme: 'dark' });
    for (const view of VIEWS) {
      await dashboard.getByRole('tab', { name: view }).click();
      await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText(view);
      expect(await seriousA11yViolations(dashboard), `axe on ${view} (dark)`).toEqual([]);
    }
  });

  test('follows the OS colour scheme', async ({ dashboard }) => {
    const background = () => dashboard.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await dashboard.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await dashboard.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    expect(light).not.toEqual(dark);
  });

  test('opens the view that main asks for, as a notification click does', async ({ dashboard, bridge }) => {
    await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText('Overview');
    bridge.emit('navigate', { view: 'history' });
    await expect(dashboard.getByRole('heading', { level: 1 })).toHaveText('History');
    await expect(dashboard.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');
  });

  test('starts on the view named in the URL hash, as the shell opens it', async ({ page, bridge }) => {
    const { bridgePreloadScript } = await import('../../bridge/bridge-server');
    await page.addInitScript({ content: await bridgePreloadScript() });
    await page.goto(`${bridge.url}/index.html#/updates`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Updates');
  });
});
