// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../../shared/errors';
import { CELL_ID, cellView, OTHER_CELL_ID, sampleCell } from '../../test/cell-fixtures';
import { cellsState, createFakeApi, type FakeApi, failure } from '../../test/fake-api';
import { renderWithApi } from '../../test/render';
import { importOutcome, ROLE_SHA } from '../../test/update-fixtures';
import { localDateString } from '../../updates/deadline-words';
import { ImportForm } from './ImportForm';

/** Bytes a text decode would change: a UTF-8 BOM, a lone 0xff, a NUL. */
const ROLE_BYTES = new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d, 0x0a, 0xff, 0x00]);

function withCells(): FakeApi {
  const fake = createFakeApi();
  fake.cells.list.mockResolvedValue(
    ok(
      cellsState({
        cells: [cellView(), cellView({ cell: sampleCell({ id: OTHER_CELL_ID, name: 'staging' }) })],
      }),
    ),
  );
  return fake;
}

function templateFile(name = 'role.json', bytes: Uint8Array<ArrayBuffer> = ROLE_BYTES): File {
  return new File([bytes], name, { type: 'application/json' });
}

function base64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

async function fileInput(): Promise<HTMLInputElement> {
  return (await screen.findByLabelText('Template files')) as HTMLInputElement;
}

describe('ImportForm', () => {
  afterEach(cleanup);

  it('sends the exact bytes of the file as base64 with the meta, and shows an already-applied outcome', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    fake.updates.import.mockResolvedValue(
      ok(
        importOutcome({
          status: 'already-applied',
          update: null,
          templates: [
            {
              kind: 'role',
              stackName: 'gitpod-role',
              name: 'role.json',
              sha256: ROLE_SHA,
              applied: true,
              evidence: ['creates the IAM role GitpodSetupAndInitialEKSUserAdmin'],
            },
          ],
        }),
      ),
    );
    renderWithApi(<ImportForm readOnly={false} />, fake);

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Cell' }), 'staging');
    await user.upload(await fileInput(), templateFile());
    expect(screen.getByRole('list', { name: 'Chosen template files' }).textContent).toContain('role.json');
    await user.type(screen.getByRole('textbox', { name: 'Label' }), 'Infrastructure Update v37');
    await user.type(screen.getByRole('textbox', { name: /Notes/ }), 'Adds a NAT gateway.');
    await user.click(screen.getByRole('button', { name: 'Import update' }));

    expect(fake.updates.import).toHaveBeenCalledWith({
      cellId: OTHER_CELL_ID,
      meta: {
        label: 'Infrastructure Update v37',
        releasedAt: localDateString(new Date()),
        notes: 'Adds a NAT gateway.',
      },
      sources: [{ kind: 'file', name: 'role.json', contentBase64: base64(ROLE_BYTES) }],
    });
    const outcome = await screen.findByRole('region', { name: 'Import outcome' });
    expect(
      within(outcome).getByRole('heading', { name: 'Infrastructure Update v37 is already applied' }),
    ).toBe(document.activeElement);
    expect(within(outcome).getByText('Already applied')).toBeTruthy();
    expect(outcome.textContent).toContain('nothing to apply');
    expect(within(outcome).getByText(ROLE_SHA).tagName).toBe('CODE');
    expect(outcome.textContent).toContain('creates the IAM role GitpodSetupAndInitialEKSUserAdmin');
    // A success clears the form for the next import.
    expect((screen.getByRole('textbox', { name: 'Label' }) as HTMLInputElement).value).toBe('');
  });

  it('shows a pending outcome with the stack each template updates', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    fake.updates.import.mockResolvedValue(ok(importOutcome()));
    renderWithApi(<ImportForm readOnly={false} />, fake);

    await user.upload(await fileInput(), templateFile());
    await user.type(screen.getByRole('textbox', { name: 'Label' }), 'Infrastructure Update v38');
    await user.click(screen.getByRole('button', { name: 'Import update' }));

    const outcome = await screen.findByRole('region', { name: 'Import outcome' });
    expect(within(outcome).getByRole('heading').textContent).toBe(
      'Infrastructure Update v38 imported for production',
    );
    expect(outcome.textContent).toContain('role.json updates the role stack gitpod-role');
    expect(within(outcome).getByText('Not applied yet')).toBeTruthy();
    expect(outcome.textContent).toMatch(/pending update, listed above: due in 5 days/);
    expect(fake.updates.import.mock.calls[0]?.[0].cellId).toBe(CELL_ID);
    // The list is fetched again (once at start, once after): an import returns its outcome, not the state.
    await waitFor(() => expect(fake.updates.list).toHaveBeenCalledTimes(2));
  });

  it('refuses a file over 1 MiB before reading or sending it', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    renderWithApi(<ImportForm readOnly={false} />, fake);

    await user.upload(await fileInput(), templateFile('huge.json', new Uint8Array(1024 * 1024 + 1)));
    expect(await screen.findByText(/huge\.json is 1\.0 MiB; a template can be at most 1 MiB/)).toBeTruthy();
    expect(screen.queryByRole('list', { name: 'Chosen template files' })).toBeNull();

    await user.type(screen.getByRole('textbox', { name: 'Label' }), 'Infrastructure Update v37');
    await user.click(screen.getByRole('button', { name: 'Import update' }));
    expect(screen.getByText('Choose a template file, or enter its address.')).toBeTruthy();
    expect(fake.updates.import).not.toHaveBeenCalled();
  });

  it('accepts a file of exactly 1 MiB and encodes it whole', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    fake.updates.import.mockResolvedValue(ok(importOutcome()));
    renderWithApi(<ImportForm readOnly={false} />, fake);
    const bytes = new Uint8Array(1024 * 1024).map((_, i) => i % 251);

    await user.upload(await fileInput(), templateFile('instance.json', bytes));
    await user.type(screen.getByRole('textbox', { name: 'Label' }), 'v37');
    await user.click(screen.getByRole('button', { name: 'Import update' }));

    await waitFor(() => expect(fake.updates.import).toHaveBeenCalledTimes(1));
    const source = fake.updates.import.mock.calls[0]?.[0].sources[0];
    const decoded = Uint8Array.from(atob(source?.kind === 'file' ? source.contentBase64 : ''), (c) =>
      c.charCodeAt(0),
    );
    expect(decoded.length).toBe(bytes.length);
    expect(decoded.every((byte, i) => byte === bytes[i])).toBe(true);
  });

  it('refuses an http:// address with a message, without calling import', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    renderWithApi(<ImportForm readOnly={false} />, fake);

    const address = await screen.findByRole('textbox', { name: /Template address/ });
    await user.type(address, 'http://example.com/role.json');
    await user.type(screen.getByRole('textbox', { name: 'Label' }), 'Infrastructure Update v37');
    await user.click(screen.getByRole('button', { name: 'Import update' }));

    expect(fake.updates.import).not.toHaveBeenCalled();
    expect(screen.getByText(/Use an https:\/\/ address/)).toBeTruthy();
    expect(address.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(address);
  });

  it('sends https:// and s3:// addresses as address sources', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    fake.updates.import.mockResolvedValue(ok(importOutcome()));
    renderWithApi(<ImportForm readOnly={false} />, fake);

    await user.type(
      await screen.findByRole('textbox', { name: /^Template address/ }),
      's3://gitpod/role.json',
    );
    await user.click(screen.getByRole('button', { name: 'Add a second address' }));
    await user.type(
      screen.getByRole('textbox', { name: /Second template address/ }),
      'https://example.com/instance.json',
    );
    await user.type(screen.getByRole('textbox', { name: 'Label' }), 'v37');
    await user.click(screen.getByRole('button', { name: 'Import update' }));

    await waitFor(() => expect(fake.updates.import).toHaveBeenCalledTimes(1));
    expect(fake.updates.import.mock.calls[0]?.[0].sources).toEqual([
      { kind: 'address', address: 's3://gitpod/role.json' },
      { kind: 'address', address: 'https://example.com/instance.json' },
    ]);
  });

  it('an import error shows its message and next step, and keeps everything entered', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    fake.updates.import.mockResolvedValue(
      failure({
        code: 'template-not-recognised',
        message: 'role.json does not look like a Gitpod Dedicated template.',
        nextStep: "Check that this is the file Gitpod's account manager sent.",
      }),
    );
    renderWithApi(<ImportForm readOnly={false} />, fake);

    await user.upload(await fileInput(), templateFile());
    await user.type(screen.getByRole('textbox', { name: 'Label' }), 'Infrastructure Update v37');
    await user.type(screen.getByRole('textbox', { name: /Changelog link/ }), 'https://gitpod.io/changelog');
    await user.click(screen.getByRole('button', { name: 'Import update' }));

    const message = await screen.findByText('role.json does not look like a Gitpod Dedicated template.');
    const alert = message.closest<HTMLElement>('[role="alert"]');
    expect(alert?.textContent).toContain("Check that this is the file Gitpod's account manager sent.");
    expect((screen.getByRole('textbox', { name: 'Label' }) as HTMLInputElement).value).toBe(
      'Infrastructure Update v37',
    );
    expect((screen.getByRole('textbox', { name: /Changelog link/ }) as HTMLInputElement).value).toBe(
      'https://gitpod.io/changelog',
    );
    expect(screen.getByRole('list', { name: 'Chosen template files' }).textContent).toContain('role.json');
    expect(screen.queryByRole('region', { name: 'Import outcome' })).toBeNull();
  });

  it('without a label, refuses and moves focus to the label', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    renderWithApi(<ImportForm readOnly={false} />, fake);
    await user.upload(await fileInput(), templateFile());
    await user.click(screen.getByRole('button', { name: 'Import update' }));
    const label = screen.getByRole('textbox', { name: 'Label' });
    expect(document.activeElement).toBe(label);
    expect(screen.getByText(/Enter a label/)).toBeTruthy();
    expect(fake.updates.import).not.toHaveBeenCalled();
  });

  it('takes template files dropped onto the templates group, two at most', async () => {
    renderWithApi(<ImportForm readOnly={false} />, withCells());
    const group = await screen.findByRole('group', { name: 'Templates' });
    fireEvent.drop(group, {
      dataTransfer: {
        files: [templateFile('role.json'), templateFile('instance.yaml'), templateFile('x.json')],
      },
    });
    const chosen = await screen.findByRole('list', { name: 'Chosen template files' });
    expect(
      within(chosen)
        .getAllByRole('listitem')
        .map((item) => item.firstChild?.textContent),
    ).toEqual(['role.json', 'instance.yaml']);
    expect(screen.getByText(/x\.json was not added: an update has at most two templates/)).toBeTruthy();
  });

  it('a vendor deadline before the release date is refused', async () => {
    const user = userEvent.setup();
    const fake = withCells();
    renderWithApi(<ImportForm readOnly={false} />, fake);
    await user.upload(await fileInput(), templateFile());
    await user.type(screen.getByRole('textbox', { name: 'Label' }), 'v37');
    const release = screen.getByLabelText('Release date');
    fireEvent.change(release, { target: { value: '2026-03-02' } });
    fireEvent.change(screen.getByLabelText(/Deadline stated by Gitpod/), { target: { value: '2026-03-01' } });
    await user.click(screen.getByRole('button', { name: 'Import update' }));
    expect(screen.getByText('The deadline must come after the release date.')).toBeTruthy();
    expect(fake.updates.import).not.toHaveBeenCalled();
  });
});
