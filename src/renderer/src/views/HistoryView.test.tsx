// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../shared/errors';
import { createFakeApi, failure, updatesState } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import { appliedUpdate } from '../test/update-fixtures';
import { HistoryView } from './HistoryView';

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
    renderWithApi(<HistoryView />, fake);

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
    renderWithApi(<HistoryView />);
    expect(await screen.findByRole('heading', { name: 'No applied updates yet' })).toBeTruthy();
  });

  it('a failed load shows the error with a retry', async () => {
    const fake = createFakeApi();
    fake.updates.list.mockResolvedValue(failure({ message: 'The updates file could not be read.' }));
    renderWithApi(<HistoryView />, fake);
    expect(await screen.findByText('The updates file could not be read.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });
});
