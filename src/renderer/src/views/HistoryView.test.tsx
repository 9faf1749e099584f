// @vitest-environment happy-dom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/errors';
import { ApplyProvider } from '../apply/apply-context';
import { useNavigation } from '../navigation/navigation-context';
import { OTHER_RUN_ID, RUN_ID, runSummary } from '../test/apply-fixtures';
import { applyState, createFakeApi, type FakeApi, failure, updatesState } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import { appliedUpdate } from '../test/update-fixtures';
import { HistoryView } from './HistoryView';

/** Shows where the dashboard navigated to, as the shell would act on it. */
function NavigationProbe(): ReactElement {
  const { view, target } = useNavigation();
  return <output aria-label="Navigation">{`${view} ${target?.itemId ?? ''}`}</output>;
}

function renderHistory(fake: FakeApi = createFakeApi()) {
  return renderWithApi(
    <ApplyProvider>
      <HistoryView />
      <NavigationProbe />
    </ApplyProvider>,
    fake,
  );
}

describe('HistoryView', () => {
  afterEach(cleanup);

  it('lists the applied updates newest first, with cell, times, how each was seen and its stacks', async () => {
    const fake = createFakeApi();
    const older = appliedUpdate();
    const newer = appliedUpdate({
      id: 'imp-applied0000000000000002',
      label: 'Infrastructure Update v37',
      cellName: 'staging',
      source: 'import',
      releasedAt: '2026-03-01T00:00:00.000Z',
      appliedAt: '2026-03-04T10:00:00.000Z',
      detectedBy: 'template-deployed',
      stacks: ['gitpod-role', 'gitpod-instance'],
    });
    // Out of order on purpose: the caption promises newest first whatever arrives.
    fake.updates.list.mockResolvedValue(ok(updatesState({ history: [older, newer] })));
    renderHistory(fake);

    const table = await screen.findByRole('table', { name: 'Applied infrastructure updates, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Infrastructure Update v37Imported',
      'Infrastructure Update v36Change set from Gitpod',
    ]);
    const [first, second] = rows;
    expect(first?.textContent).toContain('staging');
    expect(first?.textContent).toContain('The stacks now run the imported templates.');
    expect(first?.textContent).toContain('gitpod-rolegitpod-instance');
    expect(first?.querySelector('time[datetime="2026-03-04T10:00:00.000Z"]')).not.toBeNull();
    expect(first?.querySelector('time[datetime="2026-03-01T00:00:00.000Z"]')).not.toBeNull();
    expect(second?.textContent).toContain('Its change set was executed.');
  });

  it('without applied updates, says what will be recorded', async () => {
    renderHistory();
    expect(await screen.findByRole('heading', { name: 'No applied updates yet' })).toBeTruthy();
  });

  it('a failed load shows the error with a retry', async () => {
    const fake = createFakeApi();
    fake.updates.list.mockResolvedValue(failure({ message: 'The updates file could not be read.' }));
    renderHistory(fake);
    expect(await screen.findByText('The updates file could not be read.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
  it('lists the guided apply runs newest first: cell, who, when, outcome and each stack', async () => {
    const fake = createFakeApi();
    const older = runSummary({
      id: OTHER_RUN_ID,
      label: 'Infrastructure Update v37',
      createdAt: '2026-02-01T09:00:00.000Z',
      finishedAt: '2026-02-01T09:20:00.000Z',
      outcome: 'rolled-back',
      stacks: [{ stackName: 'gitpod-instance', phase: 'rolled-back' }],
    });
    fake.apply.list.mockResolvedValue(ok(applyState({ runs: [older, runSummary()] })));
    renderHistory(fake);

    const table = await screen.findByRole('table', { name: 'Guided apply runs, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Infrastructure Update v38',
      'Infrastructure Update v37',
    ]);
    const [newest, oldest] = rows;
    expect(newest?.textContent).toContain('production');
    expect(newest?.textContent).toContain(
      'arn:aws:sts::123456789012:assumed-role/AdminRole/admin@example.com',
    );
    expect(newest?.querySelector('time[datetime="2026-03-01T10:15:00.000Z"]')).not.toBeNull();
    expect(newest?.querySelector('time[datetime="2026-03-01T10:40:00.000Z"]')).not.toBeNull();
    expect(newest?.textContent).toContain('gitpod-role: Updated');
    expect(newest?.textContent).toContain('gitpod-instance: Updated');
    expect(oldest?.textContent).toContain('Rolled back');
    // The applied updates are still listed as before.
    expect(screen.getByRole('heading', { name: 'No applied updates yet' })).toBeTruthy();
  });

  it('Open shows the run in the Apply view, and Export saves its evidence in the format chosen', async () => {
    const user = userEvent.setup();
    const fake = createFakeApi();
    fake.apply.list.mockResolvedValue(ok(applyState({ runs: [runSummary()] })));
    window.history.replaceState(null, '', '#/history');
    renderHistory(fake);

    const table = await screen.findByRole('table', { name: 'Guided apply runs, newest first' });
    await user.click(within(table).getByRole('button', { name: /^Export .* as CSV$/ }));
    expect(fake.apply.exportRun).toHaveBeenCalledWith({ runId: RUN_ID, format: 'csv' });

    await user.click(
      within(table).getByRole('button', { name: 'Open the run of Infrastructure Update v38 on production' }),
    );
    expect(screen.getByRole('status', { name: 'Navigation' }).textContent).toBe(`apply ${RUN_ID}`);
    await waitFor(() => expect(window.location.hash).toBe('#/apply'));
  });

  it('without runs, says what will be recorded there', async () => {
    renderHistory();
    expect(await screen.findByText(/No guided apply has run yet/)).toBeTruthy();
  });
});
