// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../shared/errors';
import { App } from './App';
import { ApiProvider } from './api-context';
import { createFakeApi, type FakeApi, updatesState } from './test/fake-api';
import { appliedUpdate, cellUpdates, importedUpdate, pendingUpdate } from './test/update-fixtures';

function renderApp(fake: FakeApi = createFakeApi()): FakeApi {
  render(
    <ApiProvider api={fake.api}>
      <App />
    </ApiProvider>,
  );
  return fake;
}

function heading(): HTMLElement {
  return screen.getByRole('heading', { level: 1 });
}

describe('App navigation', () => {
  beforeEach(() => {
    window.history.replaceState(null, '', '#/overview');
  });
  afterEach(cleanup);

  it('renders a tab per view in order, with Overview selected by default', async () => {
    window.history.replaceState(null, '', '#');
    renderApp();
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.textContent)).toEqual([
      'Overview',
      'Updates',
      'Apply',
      'History',
      'Settings',
    ]);
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
    expect(tabs[0]?.getAttribute('tabindex')).toBe('0');
    expect(tabs[1]?.getAttribute('tabindex')).toBe('-1');
    expect(heading().textContent).toBe('Overview');
    await screen.findByText('No cell set up yet');
  });

  it('opens the view named in the URL hash at start', async () => {
    window.history.replaceState(null, '', '#/history');
    renderApp();
    expect(heading().textContent).toBe('History');
    expect(screen.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
  });

  it('arrow keys move focus between views and update aria-selected and the hash', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('tab', { name: 'Overview' }));

    await user.keyboard('{ArrowDown}');
    const updates = screen.getByRole('tab', { name: 'Updates' });
    expect(document.activeElement).toBe(updates);
    expect(updates.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: 'Overview' }).getAttribute('aria-selected')).toBe('false');
    expect(window.location.hash).toBe('#/updates');
    expect(heading().textContent).toBe('Updates');

    await user.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Settings' }));
    expect(window.location.hash).toBe('#/settings');
  });

  it('Home and End jump to the first and last view', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('tab', { name: 'Apply' }));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Settings' }));
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Overview' }));
    expect(window.location.hash).toBe('#/overview');
  });

  it('the selected tab controls the panel, which is labelled by the tab', () => {
    renderApp();
    const tab = screen.getByRole('tab', { selected: true });
    const panel = screen.getByRole('tabpanel');
    expect(tab.getAttribute('aria-controls')).toBe(panel.id);
    expect(panel.getAttribute('aria-labelledby')).toBe(tab.id);
  });

  it('Ctrl+2 opens Updates and moves focus to its heading', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.keyboard('{Control>}2{/Control}');
    expect(heading().textContent).toBe('Updates');
    expect(screen.getByRole('tab', { name: 'Updates' }).getAttribute('aria-selected')).toBe('true');
    expect(window.location.hash).toBe('#/updates');
    expect(document.activeElement).toBe(heading());
  });

  it('Cmd+5 opens Settings', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.keyboard('{Meta>}5{/Meta}');
    expect(heading().textContent).toBe('Settings');
  });

  it('a navigate event switches the view and moves focus to its heading', async () => {
    const fake = renderApp();
    act(() => fake.emit('navigate', { view: 'apply' }));
    expect(heading().textContent).toBe('Apply');
    expect(window.location.hash).toBe('#/apply');
    expect(document.activeElement).toBe(heading());
  });

  it('a navigate event naming an update opens Updates and focuses that update’s card', async () => {
    const fake = createFakeApi();
    const target = importedUpdate();
    fake.updates.list.mockResolvedValue(
      ok(updatesState({ cells: [cellUpdates([pendingUpdate(), target])] })),
    );
    renderApp(fake);
    await screen.findByText('No cell set up yet');

    act(() => fake.emit('navigate', { view: 'updates', itemId: target.id }));
    expect(heading().textContent).toBe('Updates');
    const card = screen.getByRole('listitem', { name: 'Infrastructure Update v38' });
    await waitFor(() => expect(document.activeElement).toBe(card));
    expect(window.location.hash).toBe('#/updates');
  });

  it('a window opened on #/updates/<id> focuses that update’s card once the updates load', async () => {
    window.history.replaceState(null, '', `#/updates/${encodeURIComponent(pendingUpdate().id)}`);
    const fake = createFakeApi();
    fake.updates.list.mockResolvedValue(
      ok(updatesState({ cells: [cellUpdates([pendingUpdate(), importedUpdate()])] })),
    );
    renderApp(fake);
    expect(heading().textContent).toBe('Updates');
    const card = await screen.findByRole('listitem', { name: 'Infrastructure Update v37' });
    await waitFor(() => expect(document.activeElement).toBe(card));
  });

  it('a navigate event naming an update that is applied says so and focuses that note', async () => {
    const fake = createFakeApi();
    const applied = appliedUpdate();
    fake.updates.list.mockResolvedValue(ok(updatesState({ history: [applied] })));
    renderApp(fake);
    await screen.findByText('No cell set up yet');

    act(() => fake.emit('navigate', { view: 'updates', itemId: applied.id }));
    const note = await screen.findByText(/It is listed in History/);
    await waitFor(() => expect(document.activeElement).toBe(note.closest('[data-update-id]')));
    expect(note.textContent).toContain('Infrastructure Update v36');
  });

  it('a navigate event naming an unknown update leaves focus on the view heading', async () => {
    const fake = renderApp();
    await screen.findByText('No cell set up yet');
    act(() => fake.emit('navigate', { view: 'updates', itemId: 'cs-gone' }));
    await screen.findByRole('heading', { name: 'No pending infrastructure updates' });
    expect(document.activeElement).toBe(heading());
  });

  it('unsubscribes from navigate, status, cells and updates events on unmount', () => {
    const fake = createFakeApi();
    const { unmount } = render(
      <ApiProvider api={fake.api}>
        <App />
      </ApiProvider>,
    );
    expect(fake.listenerCount('navigate')).toBe(1);
    expect(fake.listenerCount('statusChanged')).toBe(1);
    expect(fake.listenerCount('cellsChanged')).toBe(1);
    expect(fake.listenerCount('updatesChanged')).toBe(1);
    unmount();
    expect(fake.listenerCount('updatesChanged')).toBe(0);
    expect(fake.listenerCount('navigate')).toBe(0);
    expect(fake.listenerCount('statusChanged')).toBe(0);
    expect(fake.listenerCount('cellsChanged')).toBe(0);
  });

  it('the skip link moves focus to the main content without changing the hash', async () => {
    const user = userEvent.setup();
    renderApp();
    await user.click(screen.getByRole('link', { name: 'Skip to content' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('main')));
    expect(window.location.hash).toBe('#/overview');
  });
});
