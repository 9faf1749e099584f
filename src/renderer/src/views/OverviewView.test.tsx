// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/errors';
import { createFakeApi, failure, snapshot } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import { OverviewView } from './OverviewView';

describe('OverviewView', () => {
  afterEach(cleanup);

  it('without cells, explains what a cell is and what to do next', async () => {
    renderWithApi(<OverviewView />);
    expect(await screen.findByRole('heading', { name: 'No cell set up yet' })).toBeTruthy();
    expect(screen.getByText(/Gitpod Dedicated installation in your AWS account/)).toBeTruthy();
  });

  it('lists each cell with its name, state label and line', async () => {
    const fake = createFakeApi();
    fake.status.get.mockResolvedValue(
      ok(
        snapshot({
          state: 'attention',
          cells: [
            { name: 'prod-eu', state: 'attention', line: 'infrastructure update due in 5 days' },
            { name: 'staging', state: 'ok', line: '' },
          ],
        }),
      ),
    );
    renderWithApi(<OverviewView />, fake);
    const cards = within(await screen.findByRole('list', { name: 'Cells' })).getAllByRole('listitem');
    expect(cards).toHaveLength(2);
    expect(cards[0]?.textContent).toContain('prod-eu');
    expect(cards[0]?.textContent).toContain('Update pending');
    expect(cards[0]?.textContent).toContain('infrastructure update due in 5 days');
    expect(cards[1]?.textContent).toContain('All up to date');
  });

  it('a failed status load shows the error with a Retry that loads again', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.status.get.mockResolvedValueOnce(failure({ message: 'Status is unavailable.' }));
    renderWithApi(<OverviewView />, fake);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Status is unavailable.');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No cell set up yet')).toBeTruthy();
    expect(fake.status.get).toHaveBeenCalledTimes(2);
  });
});
