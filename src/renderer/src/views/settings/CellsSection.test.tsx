// @vitest-environment happy-dom
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/errors';
import { CELL_ID, cellView, OTHER_CELL_ID, sampleCell } from '../../test/cell-fixtures';
import { cellsState, createFakeApi, type FakeApi, failure } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { CellsSection } from './CellsSection';

function withCells(overrides: Parameters<typeof cellsState>[0] = {}): FakeApi {
  const fake = createFakeApi();
  fake.cells.list.mockResolvedValue(ok(cellsState({ cells: [cellView()], ...overrides })));
  return fake;
}

function textbox(name: string | RegExp): HTMLInputElement {
  const element = screen.getByRole('textbox', { name });
  if (!(element instanceof HTMLInputElement)) throw new Error('not an input');
  return element;
}

describe('views/settings/CellsSection', () => {
  afterEach(cleanup);

  it('lists each cell with where it lives and its stacks', async () => {
    renderWithApi(<CellsSection />, withCells());
    const row = await screen.findByRole('listitem', { name: 'production' });
    expect(row.textContent).toContain('Account 123456789012 · eu-central-1 · prod');
    expect(row.textContent).toContain(
      'Role stack gitpod-role · Instance stack gitpod-instance · Domain gitpod.example.com',
    );
  });

  it('Edit shows every field, and Save updates the cell under the same id', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    fake.cells.update.mockImplementation(async (cell) =>
      ok(cellsState({ cells: [cellView({ cell: sampleCell({ ...cell, id: CELL_ID }) })] })),
    );
    renderWithApi(<CellsSection />, fake);
    await user.click(await screen.findByRole('button', { name: 'Edit production' }));
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Edit production' }));

    expect(textbox('Name').value).toBe('production');
    expect(
      (await screen.findByRole('option', { name: 'prod (IAM Identity Center)' })) as HTMLOptionElement,
    ).toBeTruthy();
    expect((screen.getByRole('combobox', { name: 'AWS profile' }) as HTMLSelectElement).value).toBe('prod');
    expect((screen.getByRole('combobox', { name: 'Region' }) as HTMLSelectElement).value).toBe(
      'eu-central-1',
    );
    expect(textbox('Account ID').value).toBe('123456789012');
    expect(textbox(/Role stack/).value).toBe('gitpod-role');
    expect(textbox(/Instance stack/).value).toBe('gitpod-instance');
    expect(textbox(/Domain/).value).toBe('gitpod.example.com');

    await user.clear(textbox('Name'));
    await user.type(textbox('Name'), 'prod-eu');
    await user.selectOptions(screen.getByRole('combobox', { name: 'AWS profile' }), '');
    await user.clear(textbox(/Instance stack/));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(fake.cells.update).toHaveBeenCalledWith({
      id: CELL_ID,
      name: 'prod-eu',
      region: 'eu-central-1',
      accountId: '123456789012',
      roleStack: 'gitpod-role',
      domain: 'gitpod.example.com',
    });
    expect(await screen.findByRole('listitem', { name: 'prod-eu' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit prod-eu' }));
  });

  it('Edit refuses an invalid account id and an http domain without saving', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    renderWithApi(<CellsSection />, fake);
    await user.click(await screen.findByRole('button', { name: 'Edit production' }));
    await user.clear(textbox('Account ID'));
    await user.type(textbox('Account ID'), '1234');
    await user.clear(textbox(/Domain/));
    await user.type(textbox(/Domain/), 'http://gitpod.example.com');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(screen.getByText('Enter a 12-digit AWS account id.')).toBeTruthy();
    expect(screen.getByText(/reached over https only/)).toBeTruthy();
    expect(document.activeElement).toBe(textbox('Account ID'));
    expect(fake.cells.update).not.toHaveBeenCalled();
  });

  it('Edit sets the optional Gitpod organization ID, refusing one that is not a UUID', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    fake.cells.update.mockImplementation(async (cell) =>
      ok(cellsState({ cells: [cellView({ cell: sampleCell({ ...cell, id: CELL_ID }) })] })),
    );
    renderWithApi(<CellsSection />, fake);
    await user.click(await screen.findByRole('button', { name: 'Edit production' }));
    expect(textbox(/Gitpod organization ID/).value).toBe('');
    await user.type(textbox(/Gitpod organization ID/), 'acme');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByText(/Enter a Gitpod organization ID/)).toBeTruthy();
    expect(fake.cells.update).not.toHaveBeenCalled();

    await user.clear(textbox(/Gitpod organization ID/));
    await user.type(textbox(/Gitpod organization ID/), ' 6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d ');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(fake.cells.update).toHaveBeenCalledWith(
      expect.objectContaining({ id: CELL_ID, organizationId: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' }),
    );
  });

  it('Edit refuses a cell without either stack', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    renderWithApi(<CellsSection />, fake);
    await user.click(await screen.findByRole('button', { name: 'Edit production' }));
    await user.clear(textbox(/Role stack/));
    await user.clear(textbox(/Instance stack/));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const message = screen.getByText(/A cell needs its role stack, its instance stack, or both/);
    expect(message.closest('[role="alert"]')).not.toBeNull();
    expect(fake.cells.update).not.toHaveBeenCalled();
  });

  it('Edit shows main’s refusal with its next step', async () => {
    const user = userEvent.setup();
    const fake = withCells({
      cells: [cellView(), cellView({ cell: sampleCell({ id: OTHER_CELL_ID, name: 'staging' }) })],
    });
    fake.cells.update.mockResolvedValue(
      failure({ message: 'The settings file is locked.', nextStep: 'Try again.' }),
    );
    renderWithApi(<CellsSection />, fake);
    await user.click(await screen.findByRole('button', { name: 'Edit production' }));
    await user.clear(textbox('Name'));
    await user.type(textbox('Name'), 'Staging');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByText(/A cell named “staging” already exists/)).toBeTruthy();
    expect(fake.cells.update).not.toHaveBeenCalled();

    await user.clear(textbox('Name'));
    await user.type(textbox('Name'), 'prod-eu');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const message = await screen.findByText('The settings file is locked.');
    expect(message.closest('[role="alert"]')?.textContent).toContain('Try again.');
  });

  it('Remove asks first, naming the cell and saying AWS is left alone; only the confirmation removes', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    fake.cells.remove.mockResolvedValue(ok(cellsState()));
    renderWithApi(<CellsSection />, fake);
    await user.click(await screen.findByRole('button', { name: 'Remove production' }));
    expect(fake.cells.remove).not.toHaveBeenCalled();

    const question = screen.getByText(/Remove production from Dedicated Admin\?/).closest('p');
    expect(question?.textContent).toContain('Nothing in AWS is changed');
    expect(document.activeElement).toBe(question);

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.cells.remove).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove production' }));

    await user.click(screen.getByRole('button', { name: 'Remove production' }));
    await user.click(screen.getByRole('button', { name: 'Remove production' }));
    expect(fake.cells.remove).toHaveBeenCalledWith({ id: CELL_ID });
    expect(await screen.findByText(/No cells yet/)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Removed production.');
  });

  it('read-only settings disable Add, Edit and Remove, with the reason', async () => {
    renderWithApi(<CellsSection />, withCells({ readOnly: true }));
    const add = await screen.findByRole('button', { name: 'Add cell' });
    const edit = screen.getByRole('button', { name: 'Edit production' });
    const remove = screen.getByRole('button', { name: 'Remove production' });
    for (const button of [add, edit, remove]) {
      expect((button as HTMLButtonElement).disabled).toBe(true);
      const reason = document.getElementById(button.getAttribute('aria-describedby') ?? '');
      expect(reason?.textContent).toMatch(/Changes are turned off/);
    }
  });

  it('Add cell shows the setup wizard in place, and Cancel returns to the list', async () => {
    const user = userEvent.setup();
    renderWithApi(<CellsSection />, withCells());
    await user.click(await screen.findByRole('button', { name: 'Add cell' }));
    const wizard = screen.getByRole('region', { name: 'Add a cell' });
    expect(document.activeElement).toBe(within(wizard).getByRole('heading', { name: /Step 1 of 3/ }));
    await user.click(await within(wizard).findByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('region', { name: 'Add a cell' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add cell' }));
  });
});
