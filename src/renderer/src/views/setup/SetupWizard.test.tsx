// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../../../shared/errors';
import { CALLER_ARN, cellView, discoveryReport, sampleCell } from '../../test/cell-fixtures';
import { cellsState, createFakeApi, type FakeApi, failure, SAMPLE_SETUP } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { SetupWizard } from './SetupWizard';

function select(name: string): HTMLSelectElement {
  const element = screen.getByRole('combobox', { name });
  if (!(element instanceof HTMLSelectElement)) throw new Error(`${name} is not a select`);
  return element;
}

function radio(name: string | RegExp, group: string): HTMLInputElement {
  const fieldset = screen.getByRole('group', { name: group });
  const element = within(fieldset).getByRole('radio', { name });
  if (!(element instanceof HTMLInputElement)) throw new Error('not an input');
  return element;
}

function fakeWithDiscovery(): FakeApi {
  const fake = createFakeApi();
  fake.cells.discover.mockResolvedValue(ok(discoveryReport()));
  fake.cells.add.mockImplementation(async (draft) =>
    ok(
      cellsState({ cells: [cellView({ cell: sampleCell({ ...draft, id: sampleCell().id }), check: null })] }),
    ),
  );
  return fake;
}

function renderWizard(fake: FakeApi = fakeWithDiscovery(), onCancel?: () => void) {
  const onDone = vi.fn();
  const user = userEvent.setup();
  renderWithApi(<SetupWizard focusOnOpen onDone={onDone} {...(onCancel ? { onCancel } : {})} />, fake);
  return { fake, onDone, user };
}

/** Step 1 with its defaults, then step 2 once discovery answered. */
async function toStacksStep(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await screen.findByRole('combobox', { name: 'AWS profile' });
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await screen.findByText(/Signed in as/);
}

describe('views/setup/SetupWizard', () => {
  afterEach(cleanup);

  it('preselects the default profile and region, with each profile’s kind in words', async () => {
    renderWizard();
    const profile = await screen.findByRole('combobox', { name: 'AWS profile' });
    expect((profile as HTMLSelectElement).value).toBe('default');
    expect(select('Region').value).toBe('us-east-1');
    const options = within(profile)
      .getAllByRole('option')
      .map((option) => option.textContent);
    expect(options).toEqual([
      'default (static keys)',
      'prod (IAM Identity Center)',
      expect.stringMatching(/^Default credential chain/),
    ]);
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: /Step 1 of 3/ }));
  });

  it('walks from profile to saved cell: discovers with the defaults, preselects the suggestions and adds the draft', async () => {
    const { fake, onDone, user } = renderWizard();
    await toStacksStep(user);

    expect(fake.cells.discover).toHaveBeenCalledWith({ profile: 'default', region: 'us-east-1' });
    expect(document.activeElement).toBe(
      screen.getByRole('heading', { name: /Step 2 of 3.*Find the cell’s stacks/ }),
    );
    expect(screen.getByRole('status').textContent).toContain(
      `Signed in as ${CALLER_ARN} in account 123456789012`,
    );
    expect(radio(/^gitpod-role/, 'Role stack').checked).toBe(true);
    expect(radio(/^gitpod-instance/, 'Instance stack').checked).toBe(true);
    expect(radio(/^old-instance/, 'Instance stack').checked).toBe(false);
    expect(screen.getByText('its resources carry CDK metadata under gitpod-cell/')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: /Step 3 of 3.*Name the cell/ }));
    expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('production');

    await user.click(screen.getByRole('button', { name: 'Add cell' }));
    expect(fake.cells.add).toHaveBeenCalledWith({
      name: 'production',
      profile: 'default',
      region: 'us-east-1',
      accountId: '123456789012',
      roleStack: 'gitpod-role',
      instanceStack: 'gitpod-instance',
    });
    expect(onDone).toHaveBeenCalledWith(
      expect.objectContaining({ cell: expect.objectContaining({ name: 'production' }) }),
    );
  });

  it('a profile that names a region picks that region, and the default chain sends no profile', async () => {
    const { fake, user } = renderWizard();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'AWS profile' }), 'prod');
    expect(select('Region').value).toBe('eu-central-1');
    await user.selectOptions(select('AWS profile'), '');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByText(/Signed in as/);
    expect(fake.cells.discover).toHaveBeenCalledWith({ region: 'eu-central-1' });

    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(screen.getByRole('button', { name: 'Add cell' }));
    expect(fake.cells.add.mock.calls[0]?.[0]).not.toHaveProperty('profile');
  });

  it('without profiles, says where profiles are read from and that aws configure sso creates one', async () => {
    const fake = fakeWithDiscovery();
    fake.aws.getSetup.mockResolvedValue(ok({ ...SAMPLE_SETUP, profiles: [], defaultProfile: null }));
    renderWizard(fake);
    const callout = (await screen.findByText(/No AWS profiles were found/)).closest('.callout');
    expect(callout?.textContent).toContain('/home/admin/.aws/config');
    expect(callout?.textContent).toContain('/home/admin/.aws/credentials');
    expect(callout?.textContent).toContain('aws configure sso');
    expect(select('AWS profile').value).toBe('');
  });

  it('a failed discovery shows its message and next step; Retry runs it again', async () => {
    const fake = fakeWithDiscovery();
    fake.cells.discover.mockResolvedValueOnce(
      failure({
        message: 'The SSO session has expired.',
        nextStep: 'Run "aws sso login --profile default".',
      }),
    );
    const { user } = renderWizard(fake);
    await screen.findByRole('combobox', { name: 'AWS profile' });
    await user.click(screen.getByRole('button', { name: 'Next' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The SSO session has expired.');
    expect(alert.textContent).toContain('Run "aws sso login --profile default".');
    expect(screen.getByRole('button', { name: 'Back' })).toBeTruthy();

    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText(/Signed in as/)).toBeTruthy();
    expect(fake.cells.discover).toHaveBeenCalledTimes(2);
  });

  it('Back from a failed discovery returns to step 1 with the choices kept', async () => {
    const fake = fakeWithDiscovery();
    fake.cells.discover.mockResolvedValue(failure({ message: 'Access denied.' }));
    const { user } = renderWizard(fake);
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Region' }), 'eu-west-1');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await screen.findByRole('alert');
    await user.click(screen.getByRole('button', { name: 'Back' }));
    expect(((await screen.findByRole('combobox', { name: 'Region' })) as HTMLSelectElement).value).toBe(
      'eu-west-1',
    );
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: /Step 1 of 3/ }));
  });

  it('shows a progress message while discovery runs', async () => {
    const fake = fakeWithDiscovery();
    fake.cells.discover.mockReturnValue(new Promise(() => {}));
    const { user } = renderWizard(fake);
    await screen.findByRole('combobox', { name: 'AWS profile' });
    await user.click(screen.getByRole('button', { name: 'Next' }));
    const status = screen.getByRole('status');
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(status.textContent).toContain('Looking for the cell’s stacks in us-east-1 with profile default');
  });

  it('a cell with only a role stack is accepted and saved without an instance stack', async () => {
    const { fake, user } = renderWizard();
    await toStacksStep(user);
    await user.click(radio('No instance stack', 'Instance stack'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Add cell' }));
    const draft = fake.cells.add.mock.calls[0]?.[0];
    expect(draft).toMatchObject({ roleStack: 'gitpod-role' });
    expect(draft).not.toHaveProperty('instanceStack');
  });

  it('refuses to go on with neither stack, and says a cell needs at least one', async () => {
    const { user } = renderWizard();
    await toStacksStep(user);
    await user.click(radio('No role stack', 'Role stack'));
    await user.click(radio('No instance stack', 'Instance stack'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText(/A cell needs its role stack, its instance stack, or both/)).toBeTruthy();
    expect(screen.getByRole('heading', { name: /Step 2 of 3/ })).toBeTruthy();
  });

  it('a typed stack name is checked like a CloudFormation name and then saved', async () => {
    const { fake, user } = renderWizard();
    await toStacksStep(user);
    await user.click(radio('Enter a name', 'Role stack'));
    const input = screen.getByRole('textbox', { name: 'Role stack name' });
    await user.type(input, '1-bad name');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText(/Enter a CloudFormation stack name/)).toBeTruthy();
    expect(document.activeElement).toBe(input);

    await user.clear(input);
    await user.type(input, 'my-role-stack');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Add cell' }));
    expect(fake.cells.add.mock.calls[0]?.[0]).toMatchObject({ roleStack: 'my-role-stack' });
  });

  it('refuses a plain http domain with a message, and sends an https one', async () => {
    const { fake, user } = renderWizard();
    await toStacksStep(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    const domain = await screen.findByRole('textbox', { name: /Domain/ });
    await user.type(domain, 'http://gitpod.example.com');
    await user.click(screen.getByRole('button', { name: 'Add cell' }));
    expect(screen.getByText(/reached over https only/)).toBeTruthy();
    expect(domain.getAttribute('aria-invalid')).toBe('true');
    expect(fake.cells.add).not.toHaveBeenCalled();

    await user.clear(domain);
    await user.type(domain, 'https://gitpod.example.com');
    await user.click(screen.getByRole('button', { name: 'Add cell' }));
    expect(fake.cells.add.mock.calls[0]?.[0]).toMatchObject({ domain: 'https://gitpod.example.com' });
  });

  it('an empty name is refused as required', async () => {
    const { fake, user } = renderWizard();
    await toStacksStep(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.clear(await screen.findByRole('textbox', { name: 'Name' }));
    await user.click(screen.getByRole('button', { name: 'Add cell' }));
    expect(screen.getByText('This field is required.')).toBeTruthy();
    expect(fake.cells.add).not.toHaveBeenCalled();
  });

  it('shows main’s answer when it refuses the cell', async () => {
    const fake = fakeWithDiscovery();
    fake.cells.add.mockResolvedValue(
      failure({ message: 'A cell named "production" already exists.', nextStep: 'Choose another name.' }),
    );
    const { onDone, user } = renderWizard(fake);
    await toStacksStep(user);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Add cell' }));
    const alert = (await screen.findByText('A cell named "production" already exists.')).closest(
      '[role="alert"]',
    );
    expect(alert?.textContent).toContain('Choose another name.');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('Back from step 3 keeps the stack choices without discovering again', async () => {
    const { fake, user } = renderWizard();
    await toStacksStep(user);
    await user.click(radio(/^old-instance/, 'Instance stack'));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await user.click(await screen.findByRole('button', { name: 'Back' }));
    expect(radio(/^old-instance/, 'Instance stack').checked).toBe(true);
    expect(fake.cells.discover).toHaveBeenCalledTimes(1);
  });

  it('Cancel leaves the wizard', async () => {
    const onCancel = vi.fn();
    const { user } = renderWizard(fakeWithDiscovery(), onCancel);
    await screen.findByRole('combobox', { name: 'AWS profile' });
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('has no Cancel when there is nothing to go back to', async () => {
    renderWizard();
    await screen.findByRole('combobox', { name: 'AWS profile' });
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  });
});
