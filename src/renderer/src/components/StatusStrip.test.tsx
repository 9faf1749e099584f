// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, type Result } from '../../../shared/errors';
import { type StatusSnapshot, TRAY_STATES, type TrayState } from '../../../shared/status';
import { createFakeApi, failure, snapshot } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import { StatusStrip } from './StatusStrip';

const LABELS: Record<TrayState, string> = {
  ok: 'All up to date',
  attention: 'Update pending',
  urgent: 'Urgent',
  error: 'Problem',
  offline: 'Offline',
};

/** An ISO time that is 14:05 local time, whatever the test machine's zone. */
function localTime(hours: number, minutes: number): string {
  return new Date(2025, 0, 15, hours, minutes).toISOString();
}

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function checkButton(): HTMLElement {
  return screen.getByRole('button', { name: /check/i });
}

describe('StatusStrip', () => {
  afterEach(cleanup);

  it.each(TRAY_STATES)('status pill shows the text label for the %s state', async (state) => {
    const fake = createFakeApi();
    fake.status.get.mockResolvedValue(ok(snapshot({ state })));
    renderWithApi(<StatusStrip />, fake);
    expect(await screen.findByText(LABELS[state])).toBeTruthy();
  });

  it('shows "Not checked yet" before the first check and "Checked HH:MM" after one', async () => {
    const fake = createFakeApi();
    renderWithApi(<StatusStrip />, fake);
    expect(await screen.findByText('Not checked yet')).toBeTruthy();
    act(() => fake.emit('statusChanged', snapshot({ checkedAt: localTime(9, 7) })));
    expect(screen.getByText('Checked 09:07')).toBeTruthy();
  });

  it('a statusChanged event updates the pill and is announced in the live region', async () => {
    const fake = createFakeApi();
    const { container } = renderWithApi(<StatusStrip />, fake);
    await screen.findByText('All up to date');
    act(() => fake.emit('statusChanged', snapshot({ state: 'urgent', tooltip: 'Update due in 1 day' })));
    expect(screen.getByText('Urgent')).toBeTruthy();
    const live = container.querySelector('[aria-live="polite"]');
    expect(live?.textContent).toBe('Status changed: Urgent.');
  });

  it('Check now shows a busy state while running, then the new checked time', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    const pending = deferred<Result<StatusSnapshot>>();
    fake.status.checkNow.mockReturnValue(pending.promise);
    renderWithApi(<StatusStrip />, fake);
    await screen.findByText('Not checked yet');

    await user.click(screen.getByRole('button', { name: 'Check now' }));
    const busy = checkButton();
    expect(busy.textContent).toBe('Checking…');
    expect(busy.getAttribute('aria-busy')).toBe('true');
    expect(busy.getAttribute('aria-disabled')).toBe('true');

    await user.click(busy);
    expect(fake.status.checkNow).toHaveBeenCalledTimes(1);

    await act(async () => pending.resolve(ok(snapshot({ checkedAt: localTime(14, 5) }))));
    expect(screen.getByText('Checked 14:05')).toBeTruthy();
    const done = checkButton();
    expect(done.textContent).toBe('Check now');
    expect(done.getAttribute('aria-busy')).toBe('false');
    expect(done.getAttribute('aria-disabled')).toBe('false');
  });

  it('a failed Check now shows the error message and the next step', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.status.checkNow.mockResolvedValue(
      failure({
        message: 'AWS could not be reached.',
        nextStep: 'Check your network connection and try again.',
      }),
    );
    renderWithApi(<StatusStrip />, fake);
    await screen.findByText('Not checked yet');

    await user.click(screen.getByRole('button', { name: 'Check now' }));
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('AWS could not be reached.')).toBeTruthy();
    expect(within(alert).getByText('Check your network connection and try again.')).toBeTruthy();
    expect(checkButton().textContent).toBe('Check now');
  });

  it('a Check now that rejects shows a readable error, never the exception', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.status.checkNow.mockRejectedValue(new Error('ipc exploded at /secret/path'));
    renderWithApi(<StatusStrip />, fake);
    await screen.findByText('Not checked yet');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await user.click(screen.getByRole('button', { name: 'Check now' }));
    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('The app could not complete the request.'));
    expect(alert.textContent).not.toContain('/secret/path');
  });
});
