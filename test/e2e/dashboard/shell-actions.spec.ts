import { expect, test } from './fixtures';

test.describe('dashboard actions through the IPC bridge', () => {
  test('Check now runs a real status check and shows when it ran', async ({ dashboard, bridge }) => {
    await expect(dashboard.getByText('Not checked yet')).toBeVisible();
    await dashboard.getByRole('button', { name: /^check now$/i }).click();
    await expect(dashboard.getByText(/^Checked /)).toBeVisible();
    expect(bridge.status.snapshot().checkedAt).not.toBeNull();
  });

  test('Start at login switch changes the OS login item and survives a reload', async ({
    dashboard,
    bridge,
  }) => {
    await dashboard.getByRole('tab', { name: 'Settings' }).click();
    const toggle = dashboard
      .getByRole('switch', { name: /start at login/i })
      .or(dashboard.getByRole('checkbox', { name: /start at login/i }));
    await expect(toggle).not.toBeChecked();
    await toggle.click();
    await expect(toggle).toBeChecked();
    expect(bridge.loginItemEnabled()).toBe(true);
    await dashboard.reload();
    await dashboard.getByRole('tab', { name: 'Settings' }).click();
    await expect(toggle).toBeChecked();
  });

  test('Monitoring settings saved in the dashboard move the refresh interval in main and survive a reload', async ({
    dashboard,
    bridge,
  }) => {
    await dashboard.getByRole('tab', { name: 'Settings' }).click();
    const interval = dashboard.getByRole('textbox', { name: /check the stacks every/i });
    await expect(interval).toHaveValue('15');
    await interval.fill('3');
    await dashboard.getByRole('button', { name: 'Save monitoring settings' }).click();
    await expect(dashboard.getByText('Enter at least 5 minutes.')).toBeVisible();
    await expect(interval).toBeFocused();
    expect(bridge.runtime.scheduler.state().intervalMinutes).toBe(15);

    await interval.fill('30');
    await dashboard.getByRole('switch', { name: 'Quiet hours' }).click();
    await dashboard.getByRole('button', { name: 'Save monitoring settings' }).click();
    await expect(dashboard.getByText(/^Saved\./)).toBeVisible();
    expect(bridge.runtime.scheduler.state().intervalMinutes).toBe(30);
    expect(bridge.runtime.settings.monitoring().quietHours).toEqual({ start: '22:00', end: '07:00' });

    await dashboard.reload();
    await dashboard.getByRole('tab', { name: 'Settings' }).click();
    await expect(dashboard.getByRole('textbox', { name: /check the stacks every/i })).toHaveValue('30');
  });

  test('Report a problem opens the https issues page through main', async ({ dashboard, bridge }) => {
    await dashboard.getByRole('tab', { name: 'Settings' }).click();
    await dashboard.getByRole('button', { name: /report a problem/i }).click();
    await expect.poll(() => bridge.opened).toEqual(['https://github.com/gitpod-io/dedicated-admin/issues']);
  });

  test('a page that asks main to open a javascript: URL gets a clear refusal and nothing opens', async ({
    dashboard,
    bridge,
  }) => {
    const result = await dashboard.evaluate(() =>
      (
        window as unknown as {
          dedicatedAdmin: { app: { openExternal(r: { url: string }): Promise<unknown> } };
        }
      ).dedicatedAdmin.app.openExternal({ url: 'javascript:alert(1)' }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'unsafe-url' } });
    expect(bridge.opened).toEqual([]);
  });

  test('a malformed call from the page is rejected by validation before any handler runs', async ({
    dashboard,
    bridge,
  }) => {
    const result = await dashboard.evaluate(() =>
      (
        window as unknown as {
          dedicatedAdmin: { preferences: { setStartAtLogin(r: unknown): Promise<unknown> } };
        }
      ).dedicatedAdmin.preferences.setStartAtLogin({ enabled: 'yes', extra: 1 }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    expect(bridge.loginItemEnabled()).toBe(false);
  });
});
