// @vitest-environment happy-dom
import { act, cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/errors';
import {
  CELL_ID,
  cellView,
  discoveryReport,
  sampleCell,
  sampleCheck,
  stackEvents,
  stackReport,
} from '../test/cell-fixtures';
import { cellsState, createFakeApi, type FakeApi, failure } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import { OverviewView } from './OverviewView';

function withCells(...views: ReturnType<typeof cellView>[]): FakeApi {
  const fake = createFakeApi();
  fake.cells.list.mockResolvedValue(ok(cellsState({ cells: views })));
  return fake;
}

async function findCard(name = 'production'): Promise<HTMLElement> {
  return screen.findByRole('listitem', { name });
}

function stackSection(card: HTMLElement, name: RegExp): HTMLElement {
  return within(card).getByRole('region', { name });
}

describe('OverviewView', () => {
  afterEach(cleanup);

  it('without cells, explains what a cell is and offers the setup wizard in place', async () => {
    renderWithApi(<OverviewView />);
    expect(await screen.findByRole('heading', { name: 'No cell set up yet' })).toBeTruthy();
    expect(screen.getByText(/Gitpod Dedicated installation in your AWS account/)).toBeTruthy();
    expect(await screen.findByRole('heading', { name: /Step 1 of 3/ })).toBeTruthy();
    expect(await screen.findByRole('combobox', { name: 'AWS profile' })).toBeTruthy();
  });

  it('the first-run wizard does not take focus from the view on its own', async () => {
    renderWithApi(<OverviewView />);
    await screen.findByRole('combobox', { name: 'AWS profile' });
    expect(document.activeElement).toBe(document.body);
  });

  it('after the first-run wizard adds a cell, its card appears and takes focus', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.cells.discover.mockResolvedValue(ok(discoveryReport()));
    fake.cells.add.mockResolvedValue(ok(cellsState({ cells: [cellView({ check: null })] })));
    renderWithApi(<OverviewView />, fake);
    await screen.findByRole('combobox', { name: 'AWS profile' });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Add cell' }));
    const card = await findCard();
    expect(document.activeElement).toBe(within(card).getByRole('heading', { name: 'production' }));
    expect(screen.queryByRole('region', { name: 'Add a cell' })).toBeNull();
  });

  it('a card shows the cell’s health, account, region, profile, domain and last check', async () => {
    renderWithApi(<OverviewView />, withCells(cellView()));
    const card = await findCard();
    expect(within(card).getByRole('heading', { level: 2, name: 'production' })).toBeTruthy();
    expect(card.textContent).toContain('Healthy');
    expect(card.textContent).toContain('123456789012');
    expect(card.textContent).toContain('eu-central-1');
    expect(card.textContent).toContain('prod');
    expect(within(card).getByRole('button', { name: /gitpod\.example\.com/ })).toBeTruthy();
    expect(card.querySelector('time[datetime="2025-05-13T08:00:00.000Z"]')).not.toBeNull();
  });

  it('each stack shows its status in words and as the raw code, with the next step and a blocks-updates badge', async () => {
    const threeHoursAgo = new Date(Date.now() - 3 * 3600 * 1000).toISOString();
    const check = sampleCheck({
      stacks: [
        stackReport(),
        stackReport({
          kind: 'instance',
          name: 'gitpod-instance',
          status: 'UPDATE_ROLLBACK_FAILED',
          lastUpdatedTime: threeHoursAgo,
          terminationProtection: false,
          explanation: {
            category: 'needs-continue-rollback',
            words: 'A rollback failed: the stack is stuck until the rollback is continued.',
            blocksUpdate: true,
            nextStep: 'Continue the rollback (ContinueUpdateRollback).',
          },
        }),
      ],
    });
    renderWithApi(<OverviewView />, withCells(cellView({ check })));
    const card = await findCard();
    expect(card.textContent).toContain('Needs attention');

    const role = stackSection(card, /Role stack gitpod-role/);
    expect(role.textContent).toContain('The stack is stable.');
    expect(role.textContent).toContain('UPDATE_COMPLETE');
    expect(role.textContent).not.toContain('Blocks updates');
    expect(role.textContent).toContain('Termination protection');
    expect(role.textContent).toContain('On');

    const instance = stackSection(card, /Instance stack gitpod-instance/);
    expect(instance.textContent).toContain('A rollback failed');
    expect(within(instance).getByText('UPDATE_ROLLBACK_FAILED')).toBeTruthy();
    expect(within(instance).getByText('Blocks updates')).toBeTruthy();
    expect(instance.textContent).toContain('Next step: Continue the rollback (ContinueUpdateRollback).');
    expect(instance.textContent).toContain('Off');
    expect(instance.querySelector(`time[datetime="${threeHoursAgo}"]`)?.textContent).toMatch(
      /^3 hours ago \(.+\)$/,
    );
  });

  it('a masked parameter shows as hidden (NoEcho), never its value', async () => {
    const check = sampleCheck({
      stacks: [
        stackReport({
          parameters: [
            { key: 'DatabasePassword', value: 'hunter2-should-never-show', masked: true },
            { key: 'ClusterName', value: 'gitpod-eu', masked: false },
          ],
          outputs: [
            { key: 'RoleArn', value: 'arn:aws:iam::123456789012:role/Gitpod', description: 'The role' },
          ],
          tags: [{ key: 'owner', value: 'platform' }],
        }),
      ],
    });
    renderWithApi(<OverviewView />, withCells(cellView({ check })));
    const card = await findCard();
    const parameters = within(card).getByRole('table', { name: 'Parameters' });
    const masked = within(parameters).getByRole('row', { name: /DatabasePassword/ });
    expect(masked.textContent).toContain('hidden (NoEcho)');
    expect(document.body.textContent).not.toContain('hunter2-should-never-show');
    expect(within(parameters).getByText('gitpod-eu')).toBeTruthy();
    expect(within(card).getByRole('table', { name: 'Outputs' }).textContent).toContain('The role');
    expect(within(card).getByRole('table', { name: 'Tags' }).textContent).toContain('platform');
  });

  it('loads a stack’s events only when asked, and marks a failed event in words', async () => {
    const user = userEvent.setup();
    const fake = withCells(cellView());
    fake.cells.events.mockResolvedValue(ok(stackEvents()));
    renderWithApi(<OverviewView />, fake);
    const card = await findCard();
    expect(fake.cells.events).not.toHaveBeenCalled();

    const button = within(card).getByRole('button', { name: 'Recent events of gitpod-role' });
    await user.click(button);
    expect(fake.cells.events).toHaveBeenCalledWith({ id: CELL_ID, kind: 'role' });
    expect(button.getAttribute('aria-expanded')).toBe('true');

    const table = await within(card).findByRole('table', { name: /Recent events of gitpod-role/ });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]?.textContent).toContain('Failed');
    expect(rows[1]?.textContent).toContain('Access denied for iam:UpdateRole');
    expect(rows[2]?.textContent).not.toContain('Failed');
  });

  it('a failed events load shows the error, and Retry loads them again', async () => {
    const user = userEvent.setup();
    const fake = withCells(cellView());
    fake.cells.events.mockResolvedValueOnce(
      failure({ message: 'Throttled.', nextStep: 'Try again in a minute.' }),
    );
    fake.cells.events.mockResolvedValueOnce(ok(stackEvents()));
    renderWithApi(<OverviewView />, fake);
    const card = await findCard();
    await user.click(within(card).getByRole('button', { name: 'Recent events of gitpod-role' }));
    const alert = await within(card).findByRole('alert');
    expect(alert.textContent).toContain('Throttled.');
    expect(alert.textContent).toContain('Try again in a minute.');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await within(card).findByRole('table', { name: /Recent events/ })).toBeTruthy();
  });

  it('Check now checks this cell by id and takes the state it returns', async () => {
    const user = userEvent.setup();
    const fake = withCells(cellView({ check: null }));
    fake.cells.check.mockResolvedValue(ok(cellsState({ cells: [cellView()] })));
    renderWithApi(<OverviewView />, fake);
    const card = await findCard();
    expect(card.textContent).toContain('Not checked yet');
    await user.click(within(card).getByRole('button', { name: 'Check now production' }));
    expect(fake.cells.check).toHaveBeenCalledWith({ id: CELL_ID });
    expect(await within(card).findByText('Healthy')).toBeTruthy();
  });

  it('while a cell is being checked, its button says so and does nothing', async () => {
    const user = userEvent.setup();
    const fake = withCells(cellView({ checking: true }));
    renderWithApi(<OverviewView />, fake);
    const card = await findCard();
    const button = within(card).getByRole('button', { name: /Checking…/ });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    await user.click(button);
    expect(fake.cells.check).not.toHaveBeenCalled();
  });

  it('a failed check shows its errors with their next steps', async () => {
    const check = sampleCheck({
      stacks: [],
      errors: [
        {
          code: 'account-mismatch',
          message: 'The profile prod signs in to account 999999999999, not 123456789012.',
          nextStep: 'Choose the profile for account 123456789012 in Settings → Cells.',
        },
      ],
    });
    renderWithApi(<OverviewView />, withCells(cellView({ check })));
    const card = await findCard();
    expect(card.textContent).toContain('Check failed');
    expect(card.textContent).toContain('signs in to account 999999999999');
    expect(card.textContent).toContain('Next step: Choose the profile for account 123456789012');
    expect(card.textContent).toContain('Status unknown: the last check did not reach this stack.');
  });

  it('the domain opens in the browser over https', async () => {
    const user = userEvent.setup();
    const fake = withCells(cellView());
    renderWithApi(<OverviewView />, fake);
    const card = await findCard();
    await user.click(within(card).getByRole('button', { name: /gitpod\.example\.com/ }));
    expect(fake.app.openExternal).toHaveBeenCalledWith({ url: 'https://gitpod.example.com' });
  });

  it('a notice shows its message and backup path until Dismiss', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.cells.list.mockResolvedValue(
      ok(
        cellsState({
          cells: [cellView()],
          notice: {
            message: 'The settings file was not valid and was replaced.',
            backupPath: '/home/admin/.config/Dedicated Admin/cells.json.bak',
          },
        }),
      ),
    );
    fake.cells.dismissNotice.mockResolvedValue(ok(cellsState({ cells: [cellView()] })));
    renderWithApi(<OverviewView />, fake);
    const banner = await screen.findByRole('region', { name: 'Settings notice' });
    expect(banner.textContent).toContain('The settings file was not valid and was replaced.');
    expect(within(banner).getByText('/home/admin/.config/Dedicated Admin/cells.json.bak').tagName).toBe(
      'CODE',
    );
    await user.click(within(banner).getByRole('button', { name: 'Dismiss' }));
    expect(fake.cells.dismissNotice).toHaveBeenCalledTimes(1);
    expect(screen.queryByRole('region', { name: 'Settings notice' })).toBeNull();
  });

  it('read-only settings are announced in a banner', async () => {
    const fake = createFakeApi();
    fake.cells.list.mockResolvedValue(ok(cellsState({ cells: [cellView()], readOnly: true })));
    renderWithApi(<OverviewView />, fake);
    const banner = await screen.findByRole('region', { name: 'Read-only settings' });
    expect(banner.textContent).toContain('Changes to cells cannot be saved.');
  });

  it('follows cellsChanged events from main', async () => {
    const fake = withCells(cellView({ check: null }));
    renderWithApi(<OverviewView />, fake);
    await findCard();
    act(() =>
      fake.emit('cellsChanged', cellsState({ cells: [cellView({ cell: sampleCell({ name: 'staging' }) })] })),
    );
    expect(await findCard('staging')).toBeTruthy();
    expect(screen.queryByRole('listitem', { name: 'production' })).toBeNull();
  });

  it('a failed cells load shows the error with a Retry that loads again', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.cells.list.mockResolvedValueOnce(failure({ message: 'The settings file could not be read.' }));
    renderWithApi(<OverviewView />, fake);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The settings file could not be read.');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No cell set up yet')).toBeTruthy();
    expect(fake.cells.list).toHaveBeenCalledTimes(2);
  });
});
