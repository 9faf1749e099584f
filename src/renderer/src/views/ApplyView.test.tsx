// @vitest-environment happy-dom
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApplyRunView } from '../../../shared/apply/run';
import { ok } from '../../../shared/errors';
import { ApplyProvider } from '../apply/apply-context';
import {
  applyRun,
  changeSetReview,
  preflightCheck,
  preflightReport,
  ROOT_CAUSE_REASON,
  RUN_ID,
  runAwaitingConfirmation,
  runAwaitingInput,
  runAwaitingRecovery,
  runFinished,
  runMonitoring,
  runPaused,
  runRolledBack,
  withCurrentStack,
} from '../test/apply-fixtures';
import { ACCOUNT, CELL_ID } from '../test/cell-fixtures';
import { applyState, createFakeApi, type FakeApi, failure, updatesState } from '../test/fake-api';
import { renderWithApi } from '../test/render';
import { cellUpdates, importedUpdate } from '../test/update-fixtures';
import { ApplyView } from './ApplyView';

const UPDATE = importedUpdate();

/** A fake whose updates hold the imported v38 for the cell, and whose apply state is `active`. */
function fakeWith(active: ApplyRunView[] = []): FakeApi {
  const fake = createFakeApi();
  fake.updates.list.mockResolvedValue(ok(updatesState({ cells: [cellUpdates([UPDATE])] })));
  fake.apply.list.mockResolvedValue(ok(applyState({ active })));
  return fake;
}

/** Opens the dashboard on the Apply view, with `itemId` as the navigation target (as main's deep links do). */
function renderApply(fake: FakeApi, itemId?: string) {
  window.history.replaceState(null, '', itemId ? `#/apply/${encodeURIComponent(itemId)}` : '#/apply');
  const user = userEvent.setup();
  const result = renderWithApi(
    <ApplyProvider>
      <ApplyView />
    </ApplyProvider>,
    fake,
  );
  return { ...result, user };
}

function push(fake: FakeApi, run: ApplyRunView): void {
  act(() => fake.emit('applyChanged', run));
}

async function findStepHeading(title: string): Promise<HTMLElement> {
  return screen.findByRole('heading', { level: 3, name: new RegExp(`${title}$`) });
}

describe('views/ApplyView', () => {
  afterEach(cleanup);

  it('opened on a cell id, shows what will be applied, role stack first, and starts the run for that cell', async () => {
    const fake = fakeWith();
    fake.apply.start.mockResolvedValue(ok(applyRun()));
    const { user } = renderApply(fake, CELL_ID);

    const start = await screen.findByRole('region', {
      name: 'Apply Infrastructure Update v38 to production',
    });
    const stacks = within(within(start).getByRole('list', { name: /in apply order/ }))
      .getAllByRole('listitem')
      .map((item) => item.querySelector('.stack-steps__stack')?.textContent);
    expect(stacks).toEqual(['Role stack gitpod-role', 'Instance stack gitpod-instance']);
    expect(start.textContent).toMatch(/Due in 5 days/);

    await user.click(within(start).getByRole('button', { name: 'Start guided apply' }));
    expect(fake.apply.start).toHaveBeenCalledWith({ cellId: CELL_ID });
    const heading = await findStepHeading('Preflight checks');
    expect(heading.textContent).toContain('Role stack gitpod-role');
    expect(document.activeElement).toBe(heading);
    expect(
      screen.getByRole('progressbar', { name: 'Preflight checks of the role stack gitpod-role' }),
    ).toBeTruthy();
  });

  it('the new run pushed before start answers takes over the screen, and focus still moves to its first step', async () => {
    const fake = fakeWith();
    let answer: (result: ReturnType<typeof ok<ApplyRunView>>) => void = () => {};
    fake.apply.start.mockReturnValue(
      new Promise((resolve) => {
        answer = resolve;
      }),
    );
    const { user } = renderApply(fake, UPDATE.id);

    await user.click(await screen.findByRole('button', { name: 'Start guided apply' }));
    // As main does: apply:changed with the new run arrives before apply:start's answer.
    push(fake, applyRun());
    const heading = await findStepHeading('Preflight checks');
    expect(document.activeElement).toBe(heading);
    await act(async () => answer(ok(applyRun())));
    expect(document.activeElement).toBe(heading);
  });

  it('opened on a pending update id, starts the run for the cell that update belongs to', async () => {
    const fake = fakeWith();
    fake.apply.start.mockResolvedValue(ok(applyRun()));
    const { user } = renderApply(fake, UPDATE.id);

    await user.click(await screen.findByRole('button', { name: 'Start guided apply' }));
    expect(fake.apply.start).toHaveBeenCalledWith({ cellId: CELL_ID });
  });

  it('a failed start shows the error with its next step, and the Start button stays', async () => {
    const fake = fakeWith();
    fake.apply.start.mockResolvedValue(
      failure({ message: 'The credentials expired.', nextStep: 'Run "aws sso login --profile prod".' }),
    );
    const { user } = renderApply(fake, CELL_ID);

    await user.click(await screen.findByRole('button', { name: 'Start guided apply' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The credentials expired.');
    expect(alert.textContent).toContain('Run "aws sso login --profile prod".');
    expect(screen.getByRole('button', { name: 'Start guided apply' })).toBeTruthy();
  });

  it('a cell with an unfinished run resumes it instead of offering a second one', async () => {
    const fake = fakeWith([runMonitoring()]);
    renderApply(fake, CELL_ID);

    expect(await findStepHeading('Follow the update')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Start guided apply' })).toBeNull();
    expect(fake.apply.start).not.toHaveBeenCalled();
    const steps = screen.getByRole('list', { name: 'Steps for the role stack gitpod-role' });
    const current = steps.querySelector('[aria-current="step"]');
    expect(current?.textContent).toBe('◔Follow the update: In progress');
  });

  it('without a target, lists the runs under way and the cells with an update to apply', async () => {
    const fake = createFakeApi();
    fake.updates.list.mockResolvedValue(
      ok(
        updatesState({
          cells: [cellUpdates([UPDATE]), cellUpdates([], { cellId: 'other', cellName: 'staging' })],
        }),
      ),
    );
    fake.apply.list.mockResolvedValue(ok(applyState({ active: [runMonitoring({})] })));
    const { user } = renderApply(fake);

    const runs = await screen.findByRole('region', { name: 'Runs under way' });
    expect(runs.textContent).toContain('Infrastructure Update v38 on production');
    // The cell's update is under way already: it is not offered a second time.
    expect(screen.queryByRole('region', { name: 'Updates to apply' })).toBeNull();
    await user.click(within(runs).getByRole('button', { name: /^Open/ }));
    expect(await findStepHeading('Follow the update')).toBe(document.activeElement);
  });

  it('a blocking preflight check stops the run: its reason and fix are shown, and there is no way on', async () => {
    const blocked = withCurrentStack(
      applyRun({ status: 'finished', outcome: 'blocked', finishedAt: '2026-03-01T10:15:10.000Z' }),
      {
        phase: 'blocked',
        preflight: preflightReport({
          canProceed: false,
          checks: [
            preflightCheck(),
            preflightCheck({
              id: 'stack-state',
              outcome: 'blocking',
              title: 'Stack state',
              reason: 'The stack is UPDATE_IN_PROGRESS: another update is running.',
              fix: 'Wait until it has finished, then start again.',
            }),
          ],
        }),
      },
    );
    const fake = fakeWith();
    fake.apply.get.mockResolvedValue(ok(blocked));
    renderApply(fake, RUN_ID);

    expect(await findStepHeading('Preflight checks')).toBeTruthy();
    expect(fake.apply.get).toHaveBeenCalledWith({ runId: RUN_ID });
    expect(screen.getByText('The update cannot go on')).toBeTruthy();
    const checks = screen.getByRole('list', { name: 'Preflight checks of the role stack gitpod-role' });
    const [passed, blocking] = within(checks).getAllByRole('listitem');
    expect(passed?.textContent).toContain('Passed: Credentials');
    expect(blocking?.textContent).toContain('Blocking: Stack state');
    expect(blocking?.textContent).toContain('another update is running');
    expect(blocking?.textContent).toContain('What to do: Wait until it has finished, then start again.');
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Start the apply again' })).toBeTruthy();
  });

  it('a stack that needs recovery says so in preflight and leads to the recovery', async () => {
    const run = runAwaitingRecovery();
    const fake = fakeWith([
      withCurrentStack(run, { preflight: preflightReport({ needsRecovery: true, canProceed: false }) }),
    ]);
    const { user } = renderApply(fake, CELL_ID);

    expect(await screen.findByText('The stack must be recovered first')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Continue to recovery' }));
    expect(await findStepHeading('Recover from the failed rollback')).toBe(document.activeElement);
  });

  it('input asks for a NoEcho parameter in a password field and for the IAM acknowledgement naming the resources', async () => {
    const run = runAwaitingInput({
      missingParameters: [
        { key: 'DbPassword', noEcho: true, description: 'The database password.' },
        { key: 'Size', noEcho: false, allowedValues: ['small', 'large'] },
      ],
      capabilities: ['CAPABILITY_NAMED_IAM'],
      capabilityResources: [
        { logicalId: 'SetupRole', type: 'AWS::IAM::Role', named: true },
        { logicalId: 'SetupPolicy', type: 'AWS::IAM::Policy', named: false },
      ],
    });
    const fake = fakeWith([run]);
    fake.apply.provideInput.mockResolvedValue(ok(applyRun({ updatedAt: '2026-03-01T10:15:30.000Z' })));
    const { user } = renderApply(fake, CELL_ID);

    await user.click(await screen.findByRole('button', { name: 'Continue' }));
    expect(await findStepHeading('Parameters and acknowledgement')).toBe(document.activeElement);

    const secret = screen.getByLabelText('DbPassword') as HTMLInputElement;
    expect(secret.type).toBe('password');
    const ack = screen.getByRole('checkbox', {
      name: 'I acknowledge that this update may create or change IAM resources',
    });
    expect(ack.getAttribute('aria-describedby')).toBeTruthy();
    const described = document.getElementById(
      (ack.getAttribute('aria-describedby') ?? '').split(' ')[0] ?? '',
    );
    expect(described?.textContent).toBe('Resources: SetupRole, SetupPolicy.');

    // Nothing is sent while something is missing; focus goes to the first field to fix.
    await user.click(screen.getByRole('button', { name: 'Create the change set' }));
    expect(fake.apply.provideInput).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(secret);
    expect(screen.getByText('Give a value for DbPassword.')).toBeTruthy();

    await user.type(secret, 's3cret-value');
    await user.selectOptions(screen.getByLabelText('Size'), 'large');
    await user.click(ack);
    await user.click(screen.getByRole('button', { name: 'Create the change set' }));
    expect(fake.apply.provideInput).toHaveBeenCalledWith({
      runId: RUN_ID,
      parameterValues: { DbPassword: 's3cret-value', Size: 'large' },
      acknowledgeCapabilities: true,
    });
    // The secret is never echoed back into the page.
    await waitFor(() => expect(document.body.innerHTML).not.toContain('s3cret-value'));
  });

  it('confirmation refuses names that do not match, then executes with both', async () => {
    const fake = fakeWith([runAwaitingConfirmation()]);
    fake.apply.getReview.mockResolvedValue(ok(changeSetReview()));
    fake.apply.confirm.mockResolvedValue(ok(runMonitoring()));
    const { user } = renderApply(fake, CELL_ID);

    await user.click(await screen.findByRole('button', { name: 'Continue to confirmation' }));
    expect(await findStepHeading('Confirm and execute')).toBe(document.activeElement);
    expect(screen.getByText(/rolls back all stack resources if anything fails/)).toBeTruthy();
    expect(screen.queryByRole('checkbox', { name: /rollback/i })).toBeNull();

    const execute = screen.getByRole('button', { name: 'Execute on gitpod-role' }) as HTMLButtonElement;
    const stackField = screen.getByLabelText('Type the stack name gitpod-role');
    const accountField = screen.getByLabelText(`Type the account id ${ACCOUNT}`);
    expect(execute.disabled).toBe(true);

    await user.type(stackField, 'gitpod-instance');
    await user.type(accountField, ACCOUNT);
    expect(execute.disabled).toBe(true);
    await user.click(execute);
    await user.type(accountField, '{Enter}');
    expect(fake.apply.confirm).not.toHaveBeenCalled();

    await user.clear(stackField);
    await user.type(stackField, 'gitpod-role');
    expect(execute.disabled).toBe(false);
    await user.click(execute);
    expect(fake.apply.confirm).toHaveBeenCalledTimes(1);
    expect(fake.apply.confirm).toHaveBeenCalledWith({
      runId: RUN_ID,
      stackName: 'gitpod-role',
      accountId: ACCOUNT,
    });
    expect(await findStepHeading('Follow the update')).toBe(document.activeElement);
  });

  it('cancel before execute asks first, then calls cancel', async () => {
    const fake = fakeWith([runAwaitingConfirmation()]);
    fake.apply.getReview.mockResolvedValue(ok(changeSetReview()));
    fake.apply.cancel.mockResolvedValue(
      ok(runAwaitingConfirmation({ status: 'finished', outcome: 'cancelled', awaiting: undefined })),
    );
    const { user } = renderApply(fake, CELL_ID);

    await user.click(await screen.findByRole('button', { name: 'Cancel the apply…' }));
    expect(fake.apply.cancel).not.toHaveBeenCalled();
    expect(document.activeElement?.textContent).toContain('the change set this run created is deleted');
    await user.click(screen.getByRole('button', { name: 'Cancel the apply' }));
    expect(fake.apply.cancel).toHaveBeenCalledWith({ runId: RUN_ID });
    expect(await findStepHeading('The run has finished')).toBeTruthy();
  });

  it('monitor shows a progress bar with the run’s percent, resources done, and Reconnecting… while AWS is out of reach', async () => {
    const fake = fakeWith([runMonitoring()]);
    renderApply(fake, CELL_ID);

    const bar = await screen.findByRole('progressbar', { name: 'Progress of the role stack gitpod-role' });
    expect(bar.getAttribute('aria-valuenow')).toBe('30');
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    expect(bar.getAttribute('aria-valuetext')).toBe('12 of 40 resources done');
    expect(screen.queryByText(/Reconnecting…/)).toBeNull();

    const events = screen.getByRole('table', { name: 'Recent events of gitpod-role, newest first' });
    const rows = within(events).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'SetupPolicy',
      'SetupRole',
      'gitpod-role',
    ]);
    expect(screen.getByRole('list', { name: /Resources of gitpod-role/ }).textContent).toContain('18 s');

    const later = runMonitoring({
      progress: {
        resourcesDone: 20,
        resourcesTotal: 40,
        percent: 50,
        startedAt: '2026-03-01T10:17:00.000Z',
        elapsedMs: 90_000,
        reconnecting: true,
        message: 'Updating gitpod-role: 20 of 40 resources done.',
      },
    });
    push(fake, { ...later, updatedAt: '2026-03-01T10:18:30.000Z' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('50'));
    expect(screen.getByText(/Reconnecting…/).closest('[role="status"]')).not.toBeNull();
  });

  it('a rollback is announced, with the root-cause events and what to do next', async () => {
    const fake = fakeWith([runMonitoring()]);
    renderApply(fake, CELL_ID);
    await findStepHeading('Follow the update');
    const announcement = document.querySelector('.apply-run__announcement');
    expect(announcement?.textContent).toBe('');

    push(fake, runRolledBack());
    expect(await findStepHeading('The run has finished')).toBe(document.activeElement);
    expect(announcement?.getAttribute('role')).toBe('status');
    expect(announcement?.textContent).toMatch(/^The run has finished: Rolled back\./);
    const causes = screen.getByRole('table', { name: 'What caused the rollback' });
    expect(causes.textContent).toContain('SetupPolicy');
    expect(causes.textContent).toContain(ROOT_CAUSE_REASON);
    expect(screen.getByText(/Give the execution role iam:PutRolePolicy/)).toBeTruthy();
  });

  it('recovery sends the resources the admin chose to skip, after a confirmation', async () => {
    const fake = fakeWith([runAwaitingRecovery()]);
    fake.apply.recover.mockResolvedValue(
      ok(
        withCurrentStack(
          { ...runMonitoring(), updatedAt: '2026-03-01T10:26:00.000Z' },
          { phase: 'recovering' },
        ),
      ),
    );
    const { user } = renderApply(fake, CELL_ID);

    expect(await findStepHeading('Recover from the failed rollback')).toBeTruthy();
    expect(screen.getByText(/Skipped resources are left as they are now/)).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: /Skip SetupBucket/ }));
    await user.click(screen.getByRole('button', { name: 'Continue the rollback…' }));
    expect(fake.apply.recover).not.toHaveBeenCalled();
    expect(document.activeElement?.textContent).toBe(
      'Continue the rollback of gitpod-role, skipping SetupBucket?',
    );

    await user.click(screen.getByRole('button', { name: 'Continue the rollback' }));
    expect(fake.apply.recover).toHaveBeenCalledWith({ runId: RUN_ID, resourcesToSkip: ['SetupBucket'] });
    expect(await findStepHeading('Follow the update')).toBeTruthy();
  });

  it('a paused run shows why with the next step, and Resume resumes it', async () => {
    const fake = fakeWith([runPaused()]);
    fake.apply.resume.mockResolvedValue(ok({ ...runMonitoring(), updatedAt: '2026-03-01T10:20:00.000Z' }));
    const { user } = renderApply(fake, CELL_ID);

    expect(await findStepHeading('The run is paused')).toBeTruthy();
    expect(screen.getByText(/The AWS credentials of profile prod expired\./)).toBeTruthy();
    expect(screen.getByText(/Run "aws sso login --profile prod", then resume\./)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Resume' }));
    expect(fake.apply.resume).toHaveBeenCalledWith({ runId: RUN_ID });
    expect(await findStepHeading('Follow the update')).toBeTruthy();
  });

  it('a finished run shows each stack’s result and exports its evidence in the format asked for', async () => {
    const fake = fakeWith();
    fake.apply.get.mockResolvedValue(ok(runFinished()));
    fake.apply.exportRun.mockResolvedValue(ok({ saved: true, path: '/home/admin/run.md' }));
    const { user } = renderApply(fake, RUN_ID);

    expect(await findStepHeading('The run has finished')).toBeTruthy();
    const stacks = screen.getByRole('table', { name: 'Stacks of the run, in apply order' });
    const rows = within(stacks).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual([
      'Role stack gitpod-roleUpdatedUPDATE_COMPLETE—10 min 00 s',
      'Instance stack gitpod-instanceUpdatedUPDATE_COMPLETE—15 min 00 s',
    ]);
    expect(screen.getByText('25 min 00 s')).toBeTruthy();

    for (const [name, format] of [
      ['Markdown', 'markdown'],
      ['JSON', 'json'],
      ['CSV', 'csv'],
    ] as const) {
      await user.click(
        screen.getByRole('button', { name: new RegExp(`^Export the evidence .* as ${name}$`) }),
      );
      expect(fake.apply.exportRun).toHaveBeenLastCalledWith({ runId: RUN_ID, format });
    }
    expect((await screen.findByText(/^Saved to/)).textContent).toBe('Saved to /home/admin/run.md');
    // Read-only: nothing to act on but the exports and the way out.
    expect(screen.queryByRole('button', { name: /^Cancel/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Go to History' })).toBeTruthy();
  });

  it('a pushed run replaces the one shown: the screen follows and focus moves to the new step', async () => {
    const fake = fakeWith([applyRun()]);
    renderApply(fake, CELL_ID);
    const preflight = await findStepHeading('Preflight checks');
    expect(document.activeElement).not.toBe(preflight);

    push(fake, runAwaitingConfirmation());
    fake.apply.getReview.mockResolvedValue(ok(changeSetReview()));
    expect(await findStepHeading('Review the changes')).toBe(document.activeElement);
    // An older copy of the run arriving late changes nothing.
    push(fake, applyRun());
    expect(screen.getByRole('heading', { level: 3, name: /Review the changes$/ })).toBeTruthy();
  });

  it('a failed load of the runs shows the error with a retry', async () => {
    const fake = fakeWith();
    fake.apply.list.mockResolvedValueOnce(failure({ message: 'The runs folder could not be read.' }));
    const { user } = renderApply(fake);
    expect(await screen.findByText('The runs folder could not be read.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('region', { name: 'Updates to apply' })).toBeTruthy();
  });
});
