// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN_HOW_TO } from '../../../../shared/app-status/app-status';
import type { CellAppView } from '../../../../shared/app-status/app-status-ipc';
import { ok } from '../../../../shared/errors';
import { appView } from '../../test/app-status-fixtures';
import { CELL_ID, cellView } from '../../test/cell-fixtures';
import { appStatusState, cellsState, createFakeApi, type FakeApi, failure } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { OverviewView } from '../OverviewView';

const TOKEN = 'gitpod_pat_renderer.test-secret-3b8f';
const HOUR = 3600 * 1000;

function withApp(view: CellAppView, storage = appStatusState().tokenStorage): FakeApi {
  const fake = createFakeApi();
  fake.cells.list.mockResolvedValue(ok(cellsState({ cells: [cellView()] })));
  fake.appStatus.get.mockResolvedValue(ok(appStatusState({ cells: [view], tokenStorage: storage })));
  return fake;
}

async function gitpod(): Promise<HTMLElement> {
  const card = await screen.findByRole('listitem', { name: 'production' });
  const section = within(card).getByRole('region', { name: 'production Gitpod' });
  await within(section).findByText(/Version|Add the cell’s domain/);
  return section;
}

/** The value next to a term in the section's facts. */
function fact(section: HTMLElement, term: string): string {
  const dt = within(section).getByText(term, { selector: 'dt' });
  return dt.nextElementSibling?.textContent ?? '';
}

function tokenInput(): HTMLInputElement {
  return screen.getByLabelText('Personal access token') as HTMLInputElement;
}

describe('views/overview/GitpodSection', () => {
  afterEach(cleanup);

  it('shows the version and since when, that it answers and how fast, maintenance and the last check', async () => {
    renderWithApi(<OverviewView />, withApp(appView()));
    const section = await gitpod();
    expect(fact(section, 'Version')).toMatch(/^main-gha\.34501 since 2 hours ago/);
    expect(fact(section, 'Reachable')).toBe('Yes, answered in 84 ms');
    expect(fact(section, 'Maintenance')).toBe('Off');
    expect(fact(section, 'Last checked')).toMatch(/^1 minute ago/);
    expect(within(section).queryByText(/The last check failed/)).toBeNull();
  });

  it('names a certificate error as such, with the host’s message and the next step, as a state not an alert', async () => {
    const since = new Date(Date.now() - 3 * HOUR).toISOString();
    renderWithApi(
      <OverviewView />,
      withApp(
        appView({
          reachable: false,
          failedChecks: 3,
          unreachableSince: since,
          problem: {
            kind: 'tls',
            message:
              'The TLS certificate of gitpod.example.com was not accepted: certificate has expired (CERT_HAS_EXPIRED).',
            fix: 'The certificate of gitpod.example.com has expired: whoever runs the cell’s domain has to renew it.',
            code: 'CERT_HAS_EXPIRED',
          },
        }),
      ),
    );
    const section = await gitpod();
    expect(fact(section, 'Reachable')).toMatch(/^No: certificate not accepted since 3 hours ago/);
    const problem = within(section).getByText('Certificate not accepted');
    const box = problem.closest('.problems') as HTMLElement;
    expect(box.textContent).toContain('certificate has expired (CERT_HAS_EXPIRED)');
    expect(box.textContent).toContain('Next step: The certificate of gitpod.example.com has expired');
    expect(within(section).queryByRole('alert')).toBeNull();
  });

  it('says a single failed check is not yet an outage', async () => {
    renderWithApi(
      <OverviewView />,
      withApp(
        appView({
          reachable: null,
          version: null,
          versionSince: null,
          failedChecks: 1,
          problem: {
            kind: 'timeout',
            message: 'gitpod.example.com did not answer within 10 s.',
            fix: null,
            code: null,
          },
        }),
      ),
    );
    const section = await gitpod();
    expect(fact(section, 'Reachable')).toBe('Not sure yet: the last check failed');
    expect(within(section).getByText('The last check failed: no answer in time')).toBeTruthy();
  });

  it('shows maintenance on and the notice users see', async () => {
    renderWithApi(
      <OverviewView />,
      withApp(appView({ maintenance: true, maintenanceNotice: 'Infrastructure update Saturday 10:00 UTC' })),
    );
    const section = await gitpod();
    expect(fact(section, 'Maintenance')).toBe('On: workspaces cannot be started or stopped');
    expect(within(section).getByText('Maintenance announced to users')).toBeTruthy();
    expect(within(section).getByText('Infrastructure update Saturday 10:00 UTC')).toBeTruthy();
  });

  it('lists version changes and maintenance periods newest first, in words', async () => {
    const user = userEvent.setup();
    renderWithApi(
      <OverviewView />,
      withApp(
        appView({
          maintenance: true,
          history: {
            versions: [
              { version: 'main-gha.34488', since: '2026-05-01T08:00:00.000Z' },
              { version: 'main-gha.34501', since: '2026-05-03T08:00:00.000Z' },
            ],
            maintenance: [
              { start: '2026-05-02T08:00:00.000Z', end: '2026-05-02T08:45:00.000Z' },
              { start: '2026-05-04T08:00:00.000Z', end: null },
            ],
          },
        }),
      ),
    );
    const section = await gitpod();
    await user.click(within(section).getByText('History (4 entries)'));
    const list = within(section).getByRole('list', { name: 'Gitpod versions and maintenance, newest first' });
    const items = within(list)
      .getAllByRole('listitem')
      .map((item) => item.textContent ?? '');
    expect(items).toHaveLength(4);
    expect(items[0]).toMatch(/^Maintenance, still on .* \(for \d+ days so far\)$/);
    expect(items[1]).toMatch(/^Updated to main-gha\.34501 /);
    expect(items[2]).toMatch(/^Maintenance .* to .* \(45 minutes\)$/);
    expect(items[3]).toMatch(/^Running main-gha\.34488 /);
  });

  it('without a token says how to create one, and saves one: trimmed, sent once, the field emptied', async () => {
    const user = userEvent.setup();
    const fake = withApp(
      appView({ hasToken: false, maintenance: null, maintenanceNeedsToken: true, organization: null }),
    );
    fake.appStatus.setToken.mockResolvedValue(ok(appStatusState({ cells: [appView({ hasToken: true })] })));
    renderWithApi(<OverviewView />, fake);
    const section = await gitpod();
    expect(fact(section, 'Maintenance')).toBe('Unknown: needs a personal access token');
    expect(section.textContent).toContain(TOKEN_HOW_TO);
    expect(tokenInput().type).toBe('password');
    expect(within(section).queryByRole('button', { name: 'Remove token' })).toBeNull();

    await user.type(tokenInput(), `  ${TOKEN} `);
    await user.click(within(section).getByRole('button', { name: 'Save token' }));
    expect(fake.appStatus.setToken).toHaveBeenCalledTimes(1);
    expect(fake.appStatus.setToken).toHaveBeenCalledWith({ cellId: CELL_ID, token: TOKEN });
    expect(await within(section).findByRole('button', { name: 'Remove token' })).toBeTruthy();
    expect(tokenInput().value).toBe('');
    expect(section.textContent).toContain('A token is stored in your OS keychain');
    expect(document.body.innerHTML).not.toContain('test-secret');
    expect(screen.getByText('Token saved for production. Maintenance is being checked.')).toBeTruthy();
  });

  it('refuses what is not a Gitpod token without sending it', async () => {
    const user = userEvent.setup();
    const fake = withApp(appView({ hasToken: false, maintenance: null, maintenanceNeedsToken: true }));
    renderWithApi(<OverviewView />, fake);
    await gitpod();
    await user.type(tokenInput(), 'ghp_not-a-gitpod-token');
    await user.click(screen.getByRole('button', { name: 'Save token' }));
    expect(
      screen.getByText('Enter a Gitpod personal access token: it starts with gitpod_pat_.'),
    ).toBeTruthy();
    expect(tokenInput().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(tokenInput());
    expect(fake.appStatus.setToken).not.toHaveBeenCalled();
  });

  it('shows main’s refusal to store the token with its next step', async () => {
    const user = userEvent.setup();
    const fake = withApp(appView({ hasToken: false, maintenance: null, maintenanceNeedsToken: true }));
    fake.appStatus.setToken.mockResolvedValue(
      failure({
        code: 'keychain-unavailable',
        message: 'The OS keychain is not available.',
        nextStep: 'Unlock it.',
      }),
    );
    renderWithApi(<OverviewView />, fake);
    await gitpod();
    await user.type(tokenInput(), TOKEN);
    await user.click(screen.getByRole('button', { name: 'Save token' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The token was not saved');
    expect(alert.textContent).toContain('Unlock it.');
  });

  it('removes a stored token', async () => {
    const user = userEvent.setup();
    const fake = withApp(appView());
    fake.appStatus.clearToken.mockResolvedValue(
      ok(
        appStatusState({
          cells: [appView({ hasToken: false, maintenance: null, maintenanceNeedsToken: true })],
        }),
      ),
    );
    renderWithApi(<OverviewView />, fake);
    const section = await gitpod();
    await user.click(within(section).getByRole('button', { name: 'Remove token' }));
    expect(fake.appStatus.clearToken).toHaveBeenCalledWith({ cellId: CELL_ID });
    expect(await within(section).findByText('Unknown: needs a personal access token')).toBeTruthy();
  });

  it('says so, with the next step, where a token cannot be stored safely, and offers no field', async () => {
    renderWithApi(
      <OverviewView />,
      withApp(appView({ hasToken: false, maintenance: null, maintenanceNeedsToken: true }), {
        available: false,
        problem: 'No keyring was found on this system.',
        nextStep: 'Install and unlock a keyring (GNOME Keyring or KWallet), then restart Dedicated Admin.',
      }),
    );
    const section = await gitpod();
    expect(section.textContent).toContain('No keyring was found on this system.');
    expect(section.textContent).toContain('Next step: Install and unlock a keyring');
    expect(screen.queryByLabelText('Personal access token')).toBeNull();
  });

  it('asks for the domain of a cell without one', async () => {
    renderWithApi(<OverviewView />, withApp(appView({ domain: null, version: null, reachable: null })));
    const section = await gitpod();
    expect(section.textContent).toContain('Add the cell’s domain (Settings → Cells → Edit)');
  });

  it('follows main’s appStatusChanged events, and checks on demand', async () => {
    const user = userEvent.setup();
    const fake = withApp(appView());
    fake.appStatus.checkNow.mockResolvedValue(ok(appStatusState({ cells: [appView({ responseMs: 12 })] })));
    renderWithApi(<OverviewView />, fake);
    const section = await gitpod();
    act(() =>
      fake.emit('appStatusChanged', appStatusState({ cells: [appView({ version: 'main-gha.34600' })] })),
    );
    expect(fact(section, 'Version')).toMatch(/^main-gha\.34600/);
    await user.click(within(section).getByRole('button', { name: 'Check Gitpod now for production' }));
    expect(fake.appStatus.checkNow).toHaveBeenCalledWith({ cellId: CELL_ID });
    expect(fact(section, 'Reachable')).toBe('Yes, answered in 12 ms');
  });
});
