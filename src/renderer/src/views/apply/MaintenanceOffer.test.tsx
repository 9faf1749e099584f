// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAINTENANCE_NOTICE } from '../../../../shared/apply/maintenance';
import { ok } from '../../../../shared/errors';
import { ApplyProvider } from '../../apply/apply-context';
import { appView } from '../../test/app-status-fixtures';
import { applyRun, runFinished } from '../../test/apply-fixtures';
import { CELL_ID } from '../../test/cell-fixtures';
import { applyState, appStatusState, createFakeApi, type FakeApi, updatesState } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { cellUpdates, importedUpdate } from '../../test/update-fixtures';
import { ApplyView } from '../ApplyView';

function fakeWith(app = appView()): FakeApi {
  const fake = createFakeApi();
  fake.updates.list.mockResolvedValue(ok(updatesState({ cells: [cellUpdates([importedUpdate()])] })));
  fake.appStatus.get.mockResolvedValue(ok(appStatusState({ cells: [app] })));
  fake.apply.start.mockResolvedValue(ok(applyRun()));
  return fake;
}

function renderApply(fake: FakeApi, itemId = CELL_ID) {
  window.history.replaceState(null, '', `#/apply/${encodeURIComponent(itemId)}`);
  const user = userEvent.setup();
  renderWithApi(
    <ApplyProvider>
      <ApplyView />
    </ApplyProvider>,
    fake,
  );
  return user;
}

describe('views/apply/MaintenanceOffer', () => {
  afterEach(cleanup);

  it('offers maintenance unticked, and starts without it when left so', async () => {
    const fake = fakeWith();
    const user = renderApply(fake);
    const offer = await screen.findByRole('group', { name: 'Gitpod maintenance around the update' });
    const notice = within(offer).getByRole('checkbox', { name: /maintenance notice/ }) as HTMLInputElement;
    const mode = within(offer).getByRole('checkbox', { name: /maintenance mode/ }) as HTMLInputElement;
    expect(notice.checked).toBe(false);
    expect(mode.checked).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Start guided apply' }));
    expect(fake.apply.start).toHaveBeenCalledWith({ cellId: CELL_ID });
  });

  it('starts with the notice text and maintenance mode the admin chose', async () => {
    const fake = fakeWith();
    const user = renderApply(fake);
    await user.click(await screen.findByRole('checkbox', { name: /maintenance notice/ }));
    const text = screen.getByRole('textbox', { name: 'Notice' }) as HTMLTextAreaElement;
    expect(text.value).toBe(DEFAULT_MAINTENANCE_NOTICE);
    await user.clear(text);
    await user.type(text, 'Update 14:00–15:00 UTC');
    await user.click(screen.getByRole('checkbox', { name: /maintenance mode/ }));
    await user.click(screen.getByRole('button', { name: 'Start guided apply' }));
    expect(fake.apply.start).toHaveBeenCalledWith({
      cellId: CELL_ID,
      maintenance: { notice: 'Update 14:00–15:00 UTC', mode: true },
    });
  });

  it('does not start with a ticked notice left empty, and says why at the field', async () => {
    const fake = fakeWith();
    const user = renderApply(fake);
    await user.click(await screen.findByRole('checkbox', { name: /maintenance notice/ }));
    await user.clear(screen.getByRole('textbox', { name: 'Notice' }));
    await user.click(screen.getByRole('button', { name: 'Start guided apply' }));
    expect(fake.apply.start).not.toHaveBeenCalled();
    const field = screen.getByRole('textbox', { name: 'Notice' });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/Write the notice your users will see/)).toBeTruthy();
  });

  it('without a stored token, says how to get the offer instead of making it', async () => {
    const fake = fakeWith(appView({ hasToken: false }));
    renderApply(fake);
    expect(await screen.findByText(/store an organization owner’s personal access token/)).toBeTruthy();
    expect(screen.queryByRole('group', { name: 'Gitpod maintenance around the update' })).toBeNull();
  });

  it('for a cell without a domain, offers nothing', async () => {
    const fake = fakeWith(appView({ domain: null }));
    renderApply(fake);
    await screen.findByRole('button', { name: 'Start guided apply' });
    await act(async () => undefined);
    expect(screen.queryByRole('group', { name: 'Gitpod maintenance around the update' })).toBeNull();
    expect(screen.queryByText(/personal access token/)).toBeNull();
  });

  it('a finished run that left maintenance on says so, and switches it off when asked', async () => {
    const stuck = runFinished({
      maintenance: {
        notice: { state: 'off', text: 'Update' },
        mode: { state: 'stuck-on' },
        problem: {
          message: 'Maintenance mode is still on at gitpod.example.com: the run could not switch it off.',
          nextStep: 'Choose “Switch maintenance off” to try again.',
        },
      },
    });
    const fake = fakeWith();
    fake.apply.list.mockResolvedValue(ok(applyState({ active: [], runs: [] })));
    fake.apply.get.mockResolvedValue(ok(stuck));
    fake.apply.endMaintenance.mockResolvedValue(
      ok({ ...stuck, maintenance: { notice: { state: 'off', text: 'Update' }, mode: { state: 'off' } } }),
    );
    const user = renderApply(fake, stuck.id);
    const status = await screen.findByRole('region', { name: 'Gitpod maintenance' });
    expect(status.textContent).toContain('Maintenance mode: still on');
    expect(status.textContent).toContain('Maintenance mode is still on at gitpod.example.com');
    await user.click(within(status).getByRole('button', { name: 'Switch maintenance off' }));
    expect(fake.apply.endMaintenance).toHaveBeenCalledWith({ runId: stuck.id });
    expect((await screen.findByRole('region', { name: 'Gitpod maintenance' })).textContent).toContain(
      'Maintenance mode: switched off again',
    );
  });
});
