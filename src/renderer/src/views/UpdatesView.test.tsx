// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/errors';
import type { UpdatesState } from '../../../shared/updates/pending-update';
import { cellView } from '../test/cell-fixtures';
import { cellsState, createFakeApi, type FakeApi, updatesState } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import {
  appliedUpdate,
  cellUpdates,
  importedUpdate,
  inDays,
  pendingUpdate,
  ROLE_SHA,
  toApplyFor,
} from '../test/update-fixtures';
import { UpdatesView } from './UpdatesView';

const SLA_SENTENCE =
  'Overdue: the cell no longer receives Gitpod updates and is outside the support SLA until this update is applied.';

function withUpdates(state: UpdatesState): FakeApi {
  const fake = createFakeApi();
  fake.updates.list.mockResolvedValue(ok(state));
  fake.cells.list.mockResolvedValue(ok(cellsState({ cells: [cellView()] })));
  return fake;
}

async function findToApply(): Promise<HTMLElement> {
  return screen.findByRole('region', { name: /production Update to apply/ });
}

async function findCard(label: string): Promise<HTMLElement> {
  return screen.findByRole('listitem', { name: label });
}

describe('UpdatesView', () => {
  afterEach(cleanup);

  it('the update to apply lists the role stack first, each with what it applies', async () => {
    const update = importedUpdate();
    // Sent instance-first on purpose: the order on screen must not depend on it.
    const toApply = toApplyFor(update);
    toApply.stacks.reverse();
    renderWithApi(
      <UpdatesView />,
      withUpdates(updatesState({ cells: [cellUpdates([update], { toApply })] })),
    );

    const panel = await findToApply();
    const steps = within(within(panel).getByRole('list', { name: /in apply order/ }))
      .getAllByRole('listitem')
      .filter((item) => item.classList.contains('stack-steps__step'));
    expect(steps.map((step) => step.querySelector('.stack-steps__stack')?.textContent)).toEqual([
      'Role stack gitpod-role',
      'Instance stack gitpod-instance',
    ]);
    expect(steps[0]?.textContent).toContain('role.json');
    expect(within(steps[0] as HTMLElement).getByText(ROLE_SHA).tagName).toBe('CODE');
  });

  it('a change set from Gitpod shows its name, its source, and a countdown with the absolute deadline', async () => {
    const update = pendingUpdate();
    renderWithApi(<UpdatesView />, withUpdates(updatesState({ cells: [cellUpdates([update])] })));

    const card = await findCard('Infrastructure Update v37');
    expect(card.textContent).toContain('Change set from Gitpod');
    expect(card.textContent).toContain('gitpod-v37-instance');
    expect(within(card).getByText('Due soon')).toBeTruthy();
    const countdown = card.querySelector('.countdown');
    expect(countdown?.textContent).toMatch(/^Due in 5 days \(.+\)$/);
    expect(countdown?.querySelector(`time[datetime="${update.deadline}"]`)).not.toBeNull();
  });

  it('an overdue update shows the SLA sentence and the Overdue badge in words', async () => {
    const update = pendingUpdate({ deadline: inDays(-2.1), releasedAt: inDays(-16.1), state: 'overdue' });
    renderWithApi(<UpdatesView />, withUpdates(updatesState({ cells: [cellUpdates([update])] })));

    const panel = await findToApply();
    expect(within(panel).getByText('Overdue')).toBeTruthy();
    expect(within(panel).getByText(SLA_SENTENCE)).toBeTruthy();
    expect(panel.textContent).toContain('Overdue by 2 days');
    const card = await findCard('Infrastructure Update v37');
    expect(within(card).getByText('Overdue')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: /^Snooze/ })).toBeNull();
  });

  it('a deadline Gitpod stated is marked as such, and notes and the changelog are shown', async () => {
    const user = userEvent.setup();
    const update = importedUpdate({
      deadlineOverridden: true,
      notes: 'Adds a NAT gateway.',
      changelogUrl: 'https://www.gitpod.io/changelog/v38',
    });
    const fake = withUpdates(updatesState({ cells: [cellUpdates([update])] }));
    renderWithApi(<UpdatesView />, fake);

    const card = await findCard('Infrastructure Update v38');
    expect(card.textContent).toContain('Imported');
    expect(card.textContent).toContain('(date stated by Gitpod)');
    expect(card.textContent).toContain('Adds a NAT gateway.');
    await user.click(within(card).getByRole('button', { name: /Changelog/ }));
    expect(fake.app.openExternal).toHaveBeenCalledWith({ url: 'https://www.gitpod.io/changelog/v38' });
  });

  it('snooze calls updates.snooze with the id and a time, and shows the snooze main returned', async () => {
    const user = userEvent.setup();
    const update = pendingUpdate();
    const fake = withUpdates(updatesState({ cells: [cellUpdates([update])] }));
    // Main cut the snooze at the deadline.
    const snoozed = { ...update, snoozedUntil: update.deadline };
    fake.updates.snooze.mockResolvedValue(ok(updatesState({ cells: [cellUpdates([snoozed])] })));
    renderWithApi(<UpdatesView />, fake);

    const card = await findCard('Infrastructure Update v37');
    const toggle = within(card).getByRole('button', { name: /^Snooze/ });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const before = Date.now();
    await user.click(within(card).getByRole('button', { name: 'For 3 days' }));

    expect(fake.updates.snooze).toHaveBeenCalledTimes(1);
    const request = fake.updates.snooze.mock.calls[0]?.[0];
    expect(request?.id).toBe(update.id);
    const until = Date.parse(request?.until ?? '');
    expect(until - before).toBeGreaterThanOrEqual(3 * 24 * 3600 * 1000 - 1000);
    expect(until - before).toBeLessThan(3 * 24 * 3600 * 1000 + 60_000);

    const status = await within(card).findByText(/^Reminders snoozed until /);
    const deadlineText = card.querySelector(`dd time[datetime="${update.deadline}"]`)?.textContent ?? '';
    expect(status.textContent).toBe(`Reminders snoozed until ${deadlineText}.`);
    expect(within(card).getByText('Reminders snoozed until', { selector: 'dt' })).toBeTruthy();
    expect(within(card).getByRole('button', { name: /^Unsnooze/ })).toBeTruthy();
    expect(document.activeElement).toBe(toggle);
  });

  it('offers "until the day before the deadline" only while that lies ahead', async () => {
    const user = userEvent.setup();
    const soon = pendingUpdate({ deadline: inDays(0.5) });
    renderWithApi(<UpdatesView />, withUpdates(updatesState({ cells: [cellUpdates([soon])] })));
    const card = await findCard('Infrastructure Update v37');
    await user.click(within(card).getByRole('button', { name: /^Snooze/ }));
    expect(within(card).getByRole('button', { name: 'For 1 day' })).toBeTruthy();
    expect(within(card).queryByRole('button', { name: 'Until the day before the deadline' })).toBeNull();
  });

  it('unsnooze resumes the reminders of a snoozed update', async () => {
    const user = userEvent.setup();
    const update = pendingUpdate({ snoozedUntil: inDays(1) });
    const fake = withUpdates(updatesState({ cells: [cellUpdates([update])] }));
    const resumed = { ...update, snoozedUntil: undefined };
    fake.updates.unsnooze.mockResolvedValue(ok(updatesState({ cells: [cellUpdates([resumed])] })));
    renderWithApi(<UpdatesView />, fake);

    const card = await findCard('Infrastructure Update v37');
    await user.click(within(card).getByRole('button', { name: /^Unsnooze/ }));
    expect(fake.updates.unsnooze).toHaveBeenCalledWith({ id: update.id });
    expect(await within(card).findByText('Reminders resumed.')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: /^Unsnooze/ })).toBeNull();
  });

  it('add to calendar shows where the event was saved, and nothing when the dialog was cancelled', async () => {
    const user = userEvent.setup();
    const update = pendingUpdate();
    const fake = withUpdates(updatesState({ cells: [cellUpdates([update])] }));
    fake.updates.saveCalendar.mockResolvedValueOnce(ok({ saved: false }));
    fake.updates.saveCalendar.mockResolvedValueOnce(ok({ saved: true, path: '/home/admin/v37.ics' }));
    renderWithApi(<UpdatesView />, fake);

    const card = await findCard('Infrastructure Update v37');
    const button = within(card).getByRole('button', { name: /^Add to calendar/ });
    await user.click(button);
    expect(fake.updates.saveCalendar).toHaveBeenCalledWith({ id: update.id });
    expect(card.textContent).not.toContain('Saved');

    await user.click(button);
    const saved = await within(card).findByText(/^Saved to/);
    expect(saved.textContent).toBe('Saved to /home/admin/v37.ics');
    expect(within(saved).getByText('/home/admin/v37.ics').tagName).toBe('CODE');
  });

  it('Apply… opens the Apply view for that update', async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '#/updates');
    renderWithApi(<UpdatesView />, withUpdates(updatesState({ cells: [cellUpdates([pendingUpdate()])] })));
    const card = await findCard('Infrastructure Update v37');
    await user.click(within(card).getByRole('button', { name: /^Apply…/ }));
    await waitFor(() => expect(window.location.hash).toBe('#/apply'));
  });

  it("the update to apply has its own Apply…, which opens the Apply view for the cell's update", async () => {
    const user = userEvent.setup();
    window.history.replaceState(null, '', '#/updates');
    renderWithApi(<UpdatesView />, withUpdates(updatesState({ cells: [cellUpdates([pendingUpdate()])] })));
    const panel = await findToApply();
    const apply = within(panel).getByRole('button', { name: /^Apply… the update to apply to production$/i });
    await user.click(apply);
    await waitFor(() => expect(window.location.hash).toBe('#/apply'));
  });

  it('an imported update is removed only after confirming in place, and focus moves to the cell', async () => {
    const user = userEvent.setup();
    const change = pendingUpdate();
    const imported = importedUpdate();
    const fake = withUpdates(updatesState({ cells: [cellUpdates([change, imported])] }));
    fake.updates.removeImport.mockResolvedValue(ok(updatesState({ cells: [cellUpdates([change])] })));
    renderWithApi(<UpdatesView />, fake);

    const changeCard = await findCard('Infrastructure Update v37');
    expect(within(changeCard).queryByRole('button', { name: /^Remove/ })).toBeNull();
    const card = await findCard('Infrastructure Update v38');
    await user.click(within(card).getByRole('button', { name: /^Remove…/ }));
    expect(fake.updates.removeImport).not.toHaveBeenCalled();
    expect(document.activeElement?.textContent).toContain('Nothing in AWS is changed');

    await user.click(within(card).getByRole('button', { name: 'Remove Infrastructure Update v38' }));
    expect(fake.updates.removeImport).toHaveBeenCalledWith({ id: imported.id });
    await waitFor(() =>
      expect(screen.queryByRole('listitem', { name: 'Infrastructure Update v38' })).toBeNull(),
    );
    expect(document.activeElement).toBe(screen.getByRole('heading', { level: 2, name: 'production' }));
  });

  it('copies a template’s sha256 to the clipboard', async () => {
    const user = userEvent.setup();
    renderWithApi(<UpdatesView />, withUpdates(updatesState({ cells: [cellUpdates([importedUpdate()])] })));
    const card = await findCard('Infrastructure Update v38');
    await user.click(within(card).getByRole('button', { name: 'Copy sha256 of role.json' }));
    expect(await navigator.clipboard.readText()).toBe(ROLE_SHA);
    expect(await within(card).findByText('Copied')).toBeTruthy();
  });

  it('without pending updates, says so with when each cell was last checked and how to import one', async () => {
    const checkedAt = new Date(Date.now() - 5 * 60 * 1000).toISOString();
    renderWithApi(
      <UpdatesView />,
      withUpdates(updatesState({ cells: [cellUpdates([], { checkedAt, toApply: null })] })),
    );
    expect(await screen.findByRole('heading', { name: 'No pending infrastructure updates' })).toBeTruthy();
    const checks = screen.getByRole('list', { name: 'Last checks' });
    expect(checks.textContent).toMatch(/^production: checked 5 minutes ago \(.+\)$/);
    expect(screen.getByText(/import them below/)).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Import an update' })).toBeTruthy();
  });

  it('shows the repaired-file notice until dismissed', async () => {
    const user = userEvent.setup();
    const fake = withUpdates(
      updatesState({
        notice: { message: 'The updates file was unreadable and was reset.', backupPath: '/tmp/updates.bak' },
      }),
    );
    fake.updates.dismissNotice.mockResolvedValue(ok(updatesState()));
    renderWithApi(<UpdatesView />, fake);

    const banner = await screen.findByRole('region', { name: 'Updates notice' });
    expect(banner.textContent).toContain('/tmp/updates.bak');
    await user.click(within(banner).getByRole('button', { name: 'Dismiss' }));
    expect(fake.updates.dismissNotice).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Updates notice' })).toBeNull());
  });

  it('read-only: snooze and remove are disabled with the reason, and import is off', async () => {
    const fake = withUpdates(updatesState({ readOnly: true, cells: [cellUpdates([importedUpdate()])] }));
    renderWithApi(<UpdatesView />, fake);

    const banner = await screen.findByRole('region', { name: 'Read-only updates' });
    const card = await findCard('Infrastructure Update v38');
    for (const name of [/^Snooze/, /^Remove…/]) {
      const button = within(card).getByRole('button', { name }) as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      expect(document.getElementById(button.getAttribute('aria-describedby') ?? '')).toBe(
        banner.querySelector('p'),
      );
    }
    expect(screen.queryByRole('button', { name: 'Import update' })).toBeNull();
  });

  it('follows updatesChanged: a pushed state replaces the one shown', async () => {
    const fake = withUpdates(updatesState({ cells: [cellUpdates([pendingUpdate()])] }));
    renderWithApi(<UpdatesView />, fake);
    await findCard('Infrastructure Update v37');
    act(() => fake.emit('updatesChanged', updatesState({ history: [appliedUpdate()] })));
    expect(await screen.findByRole('heading', { name: 'No pending infrastructure updates' })).toBeTruthy();
  });
});
