// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeSetReview } from '../../../../shared/apply/review';
import { ok } from '../../../../shared/errors';
import { ApplyProvider } from '../../apply/apply-context';
import {
  bigReview,
  changeSetReview,
  diffEntry,
  RUN_ID,
  runAwaitingConfirmation,
} from '../../test/apply-fixtures';
import { applyState, createFakeApi, type FakeApi, failure } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { ApplyView } from '../ApplyView';

function renderReview(review: ChangeSetReview | null): FakeApi {
  const fake = createFakeApi();
  fake.apply.list.mockResolvedValue(ok(applyState({ active: [runAwaitingConfirmation()] })));
  if (review) fake.apply.getReview.mockResolvedValue(ok(review));
  window.history.replaceState(null, '', `#/apply/${RUN_ID}`);
  renderWithApi(
    <ApplyProvider>
      <ApplyView />
    </ApplyProvider>,
    fake,
  );
  return fake;
}

async function findPart(name: string): Promise<HTMLElement> {
  return screen.findByRole('region', { name });
}

describe('views/apply/ReviewScreen', () => {
  afterEach(cleanup);

  it('fetches the review of the current stack, and with 2,000 changes counts them all but renders only a window', async () => {
    const fake = renderReview(bigReview(2_000));

    const summary = await findPart('Summary');
    expect(fake.apply.getReview).toHaveBeenCalledWith({ runId: RUN_ID, stackIndex: 0 });
    expect(summary.textContent).toContain('2,000 changes: 2,000 to modify.');
    const counts = Object.fromEntries(
      Array.from(summary.querySelectorAll('.review-counts > div')).map((fact) => [
        fact.querySelector('dt')?.textContent,
        fact.querySelector('dd')?.textContent,
      ]),
    );
    expect(counts).toMatchObject({
      Add: '0',
      Modify: '2,000',
      Remove: '0',
      Replaced: '0',
      'Broadens access': 'No',
    });

    const list = screen.getByRole('listbox', { name: 'Modify: 2,000 changes' });
    const rows = within(list).getAllByRole('option');
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(50);
    expect(document.querySelectorAll('[role="option"]').length).toBe(rows.length);
    expect(rows[0]?.getAttribute('aria-setsize')).toBe('2000');
  });

  it('puts the risks first, in plain words, with replacements before removals', async () => {
    renderReview(changeSetReview());

    const risks = await findPart('Risks');
    const items = within(risks).getAllByRole('listitem');
    expect(items.map((item) => item.textContent)).toEqual([
      'Replaced SetupRole (AWS::IAM::Role)SetupRole (AWS::IAM::Role) is replaced: a new role is created and the old one deleted.',
      'Removed LegacyBucket (AWS::S3::Bucket)LegacyBucket (AWS::S3::Bucket) is deleted with its contents.',
    ]);
    const parts = screen.getAllByRole('region').map((region) => region.getAttribute('aria-labelledby'));
    const order = ['Summary', 'Risks', 'IAM and security groups', 'Changes', 'Template diff'].map((name) =>
      parts.indexOf(screen.getByRole('region', { name }).getAttribute('aria-labelledby')),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('shows IAM statements and security-group rules in their own tables, each broadening row called out', async () => {
    renderReview(changeSetReview());

    const permissions = await findPart('IAM and security groups');
    expect(within(permissions).getByText('This update broadens access')).toBeTruthy();
    const iam = within(permissions).getByRole('table', { name: 'IAM policy statements' });
    const iamRow = within(iam).getAllByRole('row')[1];
    expect(iamRow?.textContent).toContain('Added');
    expect(iamRow?.textContent).toContain('Broadens');
    expect(iamRow?.textContent).toContain('iam:PassRole');
    const groups = within(permissions).getByRole('table', { name: 'Security-group rules' });
    expect(within(groups).getAllByRole('row')[1]?.textContent).toContain('Everyone (IPv4)');
    expect(within(groups).getAllByRole('row')[1]?.textContent).toContain('Broadens');
  });

  it('groups the changes Add, Modify, Remove, each in its own list', async () => {
    renderReview(changeSetReview());
    const changes = await findPart('Changes');
    expect(
      within(changes)
        .getAllByRole('heading', { level: 5 })
        .map((heading) => heading.textContent),
    ).toEqual(['Add (1)', 'Modify (1)', 'Remove (1)']);
    expect(within(changes).getByRole('listbox', { name: 'Remove: 1 change' }).textContent).toContain(
      'LegacyBucket',
    );
  });

  it('shows the template diff side by side once an entry is opened', async () => {
    const user = userEvent.setup();
    renderReview(
      changeSetReview({
        templateDiff: {
          available: true,
          entries: [diffEntry(), diffEntry({ key: 'AuditTopic', status: 'added', before: [] })],
        },
      }),
    );
    const diff = await findPart('Template diff');
    expect(within(diff).queryByRole('table')).toBeNull();
    await user.click(within(diff).getByText(/SetupRole/));
    const table = within(diff).getByRole('table');
    const changed = within(table)
      .getAllByRole('row')
      .find((row) => row.classList.contains('diff-table__row--changed'));
    const [before, after] = changed ? within(changed).getAllByRole('cell') : [];
    expect(before?.textContent).toBe('−Removed:   "MaxSessionDuration": 3600');
    expect(after?.textContent).toBe('+Added:   "MaxSessionDuration": 7200');
    expect(diff.textContent).toContain('AuditTopic added');
  });

  it('exports the review as Markdown and as JSON', async () => {
    const user = userEvent.setup();
    const fake = renderReview(changeSetReview());
    await findPart('Summary');

    await user.click(
      screen.getByRole('button', { name: 'Export the review of the role stack gitpod-role as Markdown' }),
    );
    expect(fake.apply.exportReview).toHaveBeenLastCalledWith({
      runId: RUN_ID,
      stackIndex: 0,
      format: 'markdown',
    });
    await user.click(
      screen.getByRole('button', { name: 'Export the review of the role stack gitpod-role as JSON' }),
    );
    expect(fake.apply.exportReview).toHaveBeenLastCalledWith({
      runId: RUN_ID,
      stackIndex: 0,
      format: 'json',
    });
  });

  it('a review that cannot be loaded shows the error with its next step and a retry', async () => {
    const user = userEvent.setup();
    const fake = renderReview(null);
    fake.apply.getReview.mockResolvedValueOnce(
      failure({ message: 'Rate exceeded.', nextStep: 'Wait a minute, then retry.' }),
    );
    fake.apply.getReview.mockResolvedValueOnce(ok(changeSetReview()));

    expect(await screen.findByText('Wait a minute, then retry.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await findPart('Summary')).toBeTruthy();
  });
});
