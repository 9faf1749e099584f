// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MONITORING } from '../../../../shared/monitoring-settings';
import { createFakeApi, failure } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { MonitoringSettingsForm } from './MonitoringSettingsForm';

async function field(name: RegExp): Promise<HTMLInputElement> {
  const element = await screen.findByRole('textbox', { name });
  if (!(element instanceof HTMLInputElement)) throw new Error(`${name} is not an input`);
  return element;
}

function timeField(name: string): HTMLInputElement {
  const element = screen.getByLabelText(name);
  if (!(element instanceof HTMLInputElement)) throw new Error(`${name} is not an input`);
  return element;
}

const save = (): HTMLElement => screen.getByRole('button', { name: 'Save monitoring settings' });

describe('views/settings/MonitoringSettingsForm', () => {
  afterEach(cleanup);

  it('shows the saved settings: 15 minutes, no quiet hours, 60 s and 5 min polling', async () => {
    renderWithApi(<MonitoringSettingsForm />);
    expect((await field(/Check the stacks every/)).value).toBe('15');
    expect(screen.getByRole('switch', { name: 'Quiet hours' }).getAttribute('aria-checked')).toBe('false');
    expect(screen.queryByLabelText('Quiet from')).toBeNull();
    expect((await field(/dashboard open/)).value).toBe('60');
    expect((await field(/tray only/)).value).toBe('5');
  });

  it('saves a new interval and quiet hours through setMonitoring and says so', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderWithApi(<MonitoringSettingsForm />, fake);
    const interval = await field(/Check the stacks every/);
    await user.clear(interval);
    await user.type(interval, '30');
    await user.click(screen.getByRole('switch', { name: 'Quiet hours' }));
    expect(timeField('Quiet from').value).toBe('22:00');
    expect(timeField('Until').value).toBe('07:00');

    await user.click(save());

    expect(fake.preferences.setMonitoring).toHaveBeenCalledWith({
      ...DEFAULT_MONITORING,
      refreshIntervalMinutes: 30,
      quietHours: { start: '22:00', end: '07:00' },
    });
    expect(await screen.findByText(/Saved\. The next check follows the new interval\./)).toBeTruthy();
  });

  it.each([
    ['4', /at least 5 minutes/],
    ['61', /at most 60 minutes/],
    ['ten', /whole number/],
  ])('refuses an interval of %s, says why, focuses the field and saves nothing', async (value, why) => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderWithApi(<MonitoringSettingsForm />, fake);
    const interval = await field(/Check the stacks every/);
    await user.clear(interval);
    await user.type(interval, value);

    await user.click(save());

    expect(fake.preferences.setMonitoring).not.toHaveBeenCalled();
    expect(interval.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(interval);
    expect(screen.getByText(why)).toBeTruthy();
  });

  it('shows a field error when focus leaves the field, but not while focus moves to Save', async () => {
    renderWithApi(<MonitoringSettingsForm />);
    const interval = await field(/Check the stacks every/);
    fireEvent.change(interval, { target: { value: '3' } });

    fireEvent.blur(interval, { relatedTarget: save() });
    expect(screen.queryByText(/at least 5 minutes/)).toBeNull();

    fireEvent.blur(interval, { relatedTarget: document.body });
    expect(screen.getByText(/at least 5 minutes/)).toBeTruthy();
  });

  it('refuses quiet hours that end as they start', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    renderWithApi(<MonitoringSettingsForm />, fake);
    await user.click(await screen.findByRole('switch', { name: 'Quiet hours' }));
    const until = timeField('Until');
    await user.clear(until);
    await user.type(until, '22:00');

    await user.click(save());

    expect(fake.preferences.setMonitoring).not.toHaveBeenCalled();
    expect(screen.getByText(/an end different from the start/)).toBeTruthy();
  });

  it("shows main's refusal with its next step and keeps what was typed", async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.preferences.setMonitoring.mockResolvedValue(
      failure({
        code: 'settings-read-only',
        message: 'Settings cannot be saved.',
        nextStep: 'Move the file aside.',
      }),
    );
    renderWithApi(<MonitoringSettingsForm />, fake);
    const interval = await field(/Check the stacks every/);
    await user.clear(interval);
    await user.type(interval, '45');

    await user.click(save());

    expect(await screen.findByText('The monitoring settings were not saved')).toBeTruthy();
    expect(screen.getByText(/Move the file aside\./)).toBeTruthy();
    expect(interval.value).toBe('45');
  });
});
