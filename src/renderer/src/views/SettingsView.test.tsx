// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/errors';
import { DEFAULT_MONITORING } from '../../../shared/monitoring-settings';
import { createFakeApi, failure, SAMPLE_INFO } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import { SettingsView } from './SettingsView';

async function findSwitch(): Promise<HTMLInputElement> {
  const element = await screen.findByRole('switch', { name: 'Start at login' });
  if (!(element instanceof HTMLInputElement)) throw new Error('The switch is not an input');
  return element;
}

describe('SettingsView', () => {
  afterEach(cleanup);

  it('puts the Cells section first', async () => {
    renderWithApi(<SettingsView />);
    const titles = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(titles).toEqual(['Cells', 'Monitoring', 'General', 'About']);
    expect(await screen.findByRole('button', { name: 'Add cell' })).toBeTruthy();
  });

  it('the start-at-login switch calls setStartAtLogin and reflects the result', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderWithApi(<SettingsView />, fake);
    const toggle = await findSwitch();
    expect(toggle.checked).toBe(false);

    await user.click(toggle);
    expect(fake.preferences.setStartAtLogin).toHaveBeenCalledWith({ enabled: true });
    expect((await findSwitch()).checked).toBe(true);
    expect(toggle.getAttribute('aria-checked')).toBe('true');

    await user.click(toggle);
    expect(fake.preferences.setStartAtLogin).toHaveBeenLastCalledWith({ enabled: false });
    expect((await findSwitch()).checked).toBe(false);
  });

  it('the switch shows what main reports, not what was clicked', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.preferences.setStartAtLogin.mockResolvedValue(
      ok({ startAtLogin: false, startAtLoginSupported: true, monitoring: DEFAULT_MONITORING }),
    );
    renderWithApi(<SettingsView />, fake);
    const toggle = await findSwitch();
    await user.click(toggle);
    expect(fake.preferences.setStartAtLogin).toHaveBeenCalledWith({ enabled: true });
    expect(toggle.checked).toBe(false);
  });

  it('a failed setStartAtLogin shows the error and its next step, and leaves the switch unchanged', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.preferences.setStartAtLogin.mockResolvedValue(
      failure({
        message: 'The login item could not be saved.',
        nextStep: 'Allow Dedicated Admin in Login Items.',
      }),
    );
    renderWithApi(<SettingsView />, fake);
    const toggle = await findSwitch();
    await user.click(toggle);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('The login item could not be saved.')).toBeTruthy();
    expect(within(alert).getByText('Allow Dedicated Admin in Login Items.')).toBeTruthy();
    expect(toggle.checked).toBe(false);
  });

  it('unsupported start-at-login disables the switch with the explanation', async () => {
    const fake = createFakeApi();
    fake.preferences.get.mockResolvedValue(
      ok({ startAtLogin: false, startAtLoginSupported: false, monitoring: DEFAULT_MONITORING }),
    );
    renderWithApi(<SettingsView />, fake);
    const toggle = await findSwitch();
    expect(toggle.disabled).toBe(true);
    const descriptionId = toggle.getAttribute('aria-describedby') ?? '';
    expect(document.getElementById(descriptionId)?.textContent).toMatch(/no way for apps to start at login/);
  });

  it('About shows the version, platform, settings folder and log file', async () => {
    renderWithApi(<SettingsView />);
    expect(await screen.findByText(SAMPLE_INFO.version)).toBeTruthy();
    expect(screen.getByText('macOS')).toBeTruthy();
    expect(screen.getByText(SAMPLE_INFO.settingsDir).tagName).toBe('CODE');
    expect(screen.getByText(SAMPLE_INFO.logFile).tagName).toBe('CODE');
  });

  it('Open log folder calls openLogFolder', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderWithApi(<SettingsView />, fake);
    await user.click(await screen.findByRole('button', { name: 'Open log folder' }));
    expect(fake.app.openLogFolder).toHaveBeenCalledTimes(1);
  });

  it('Report a problem calls openExternal with the issuesUrl', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderWithApi(<SettingsView />, fake);
    await user.click(await screen.findByRole('button', { name: 'Report a problem' }));
    expect(fake.app.openExternal).toHaveBeenCalledWith({ url: SAMPLE_INFO.issuesUrl });
  });

  it('Report a problem shows the error openExternal returns', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.app.openExternal.mockResolvedValue(
      failure({
        message: 'No browser could be opened.',
        nextStep: `Open ${SAMPLE_INFO.issuesUrl} yourself.`,
      }),
    );
    renderWithApi(<SettingsView />, fake);
    await user.click(await screen.findByRole('button', { name: 'Report a problem' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('No browser could be opened.')).toBeTruthy();
    expect(within(alert).getByText(`Open ${SAMPLE_INFO.issuesUrl} yourself.`)).toBeTruthy();
  });
});
