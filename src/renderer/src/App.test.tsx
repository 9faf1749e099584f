// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from './App';
import { ApiProvider } from './api-context';
import { createFakeApi, type FakeApi } from './test/fake-api';

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

  it('unsubscribes from navigate, status and cells events on unmount', () => {
    const fake = createFakeApi();
    const { unmount } = render(
      <ApiProvider api={fake.api}>
        <App />
      </ApiProvider>,
    );
    expect(fake.listenerCount('navigate')).toBe(1);
    expect(fake.listenerCount('statusChanged')).toBe(1);
    expect(fake.listenerCount('cellsChanged')).toBe(1);
    unmount();
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
