import { type FormEvent, type ReactElement, useRef, useState } from 'react';
import type { CellView } from '../../../../shared/cells/cells-state';
import { fail, type Result } from '../../../../shared/errors';
import type { ImportOutcome } from '../../../../shared/updates/pending-update';
import type { ImportRequest, ImportSourceRequest } from '../../../../shared/updates/update-ipc';
import type { ImportMeta } from '../../../../shared/updates/update-requests';
import { useApi } from '../../api-context';
import { useCells } from '../../cells/cells-context';
import { SelectField, TextAreaField, TextField } from '../../components/FormField';
import { ErrorState, Loading } from '../../components/States';
import { useAction } from '../../hooks/useAction';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useNow } from '../../hooks/useNow';
import { bytesToBase64 } from '../../updates/base64';
import { localDateString } from '../../updates/deadline-words';
import {
  addressProblem,
  changelogProblem,
  deadlineProblem,
  labelProblem,
  MAX_TEMPLATES,
  notesProblem,
  releaseDateProblem,
} from '../../updates/import-validation';
import { useUpdates } from '../../updates/updates-context';
import { ImportOutcomePanel } from './ImportOutcomePanel';
import { type PickedFile, TemplateSources } from './TemplateSources';

/** Imports an update Gitpod's account manager sent, for one of the cells. */
export function ImportForm({ readOnly }: { readOnly: boolean }): ReactElement {
  const { state } = useCells();
  if (readOnly) {
    return (
      <p className="callout">Updates cannot be imported while the updates file is read-only (see above).</p>
    );
  }
  if (state.status === 'loading') return <Loading label="Loading cells…" />;
  if (state.status === 'error') return <ErrorState title="Could not load the cells" error={state.error} />;
  if (state.value.cells.length === 0) {
    return <p className="callout">An update is imported for a cell: set up a cell in Overview first.</p>;
  }
  return <ImportFields cells={state.value.cells} />;
}

interface Draft {
  readonly cellId: string;
  readonly label: string;
  /** YYYY-MM-DD, as the date input gives it; empty for "now". */
  readonly releasedOn: string;
  readonly deadlineOn: string;
  readonly notes: string;
  readonly changelogUrl: string;
  readonly addresses: readonly string[];
}

type Field = 'label' | 'releasedOn' | 'deadlineOn' | 'notes' | 'changelogUrl' | `address${number}`;

interface Imported {
  readonly outcome: ImportOutcome;
  readonly label: string;
  readonly cellName: string;
}

function emptyDraft(cellId: string, today: string): Draft {
  return {
    cellId,
    label: '',
    releasedOn: today,
    deadlineOn: '',
    notes: '',
    changelogUrl: '',
    addresses: [''],
  };
}

function ImportFields({ cells }: { cells: readonly CellView[] }): ReactElement {
  const api = useApi();
  const { refresh } = useUpdates();
  const now = useNow();
  const submit = useAction();
  const form = useRef<HTMLFormElement>(null);
  const [draft, setDraft] = useState<Draft>(() => emptyDraft(cells[0]?.cell.id ?? '', localDateString(now)));
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [refused, setRefused] = useState(0);
  const [imported, setImported] = useState<Imported | null>(null);
  useFocusFirstInvalid(form, refused);

  // A cell removed meanwhile falls back to the first one rather than to nothing.
  const cell = cells.find((view) => view.cell.id === draft.cellId) ?? cells[0];
  const addresses = draft.addresses.map((address) => address.trim());
  const sourceCount = files.length + addresses.filter((address) => address !== '').length;
  const errors = {
    label: labelProblem(draft.label),
    releasedOn: releaseDateProblem(draft.releasedOn, now),
    deadlineOn: deadlineProblem(draft.deadlineOn, draft.releasedOn),
    notes: notesProblem(draft.notes),
    changelogUrl: changelogProblem(draft.changelogUrl),
    addresses: addresses.map((address) => (address === '' ? undefined : addressProblem(address))),
    sources:
      sourceCount === 0
        ? 'Choose a template file, or enter its address.'
        : sourceCount > MAX_TEMPLATES
          ? 'An update has at most two templates, one for each stack: remove a file or an address.'
          : undefined,
  };
  const shown = (field: Field, error: string | undefined): string | undefined =>
    refused > 0 || touched[field] ? error : undefined;
  const touch = (field: Field) => (): void => setTouched((t) => ({ ...t, [field]: true }));
  const edit = (patch: Partial<Draft>): void => setDraft((d) => ({ ...d, ...patch }));
  const invalid =
    errors.label ??
    errors.releasedOn ??
    errors.deadlineOn ??
    errors.notes ??
    errors.changelogUrl ??
    errors.addresses.find(Boolean) ??
    errors.sources;

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (submit.running || !cell) return;
    if (invalid) {
      setRefused((n) => n + 1);
      return;
    }
    const meta = buildMeta(draft);
    const cellId = cell.cell.id;
    const cellName = cell.cell.name;
    void submit.run(
      async () => {
        const read = await readFiles(files);
        if (!read.ok) return read;
        const sources: ImportSourceRequest[] = [
          ...read.value,
          ...addresses
            .filter((address) => address !== '')
            .map((address) => ({ kind: 'address' as const, address })),
        ];
        const request: ImportRequest = { cellId, meta, sources };
        return api.updates.import(request);
      },
      (outcome) => {
        setImported({ outcome, label: meta.label, cellName });
        // Only on success: after an error everything the admin entered stays.
        setDraft(emptyDraft(cellId, localDateString(new Date())));
        setFiles([]);
        setTouched({});
        setRefused(0);
        void refresh();
      },
    );
  };

  return (
    <div className="import">
      {imported ? (
        <ImportOutcomePanel
          // A new outcome is a new panel: its heading takes focus again.
          key={`${imported.outcome.status}:${imported.outcome.templates.map((t) => t.sha256).join(',')}`}
          outcome={imported.outcome}
          label={imported.label}
          cellName={imported.cellName}
          now={now}
        />
      ) : null}
      <form className="import__form" noValidate onSubmit={onSubmit} ref={form}>
        <SelectField
          label="Cell"
          value={cell?.cell.id ?? ''}
          onChange={(cellId) => edit({ cellId })}
          options={cells.map((view) => ({ value: view.cell.id, label: view.cell.name }))}
          hint="The cell the update is for; the templates are compared with its stacks."
        />
        <TemplateSources
          files={files}
          onFiles={setFiles}
          addresses={draft.addresses}
          onAddresses={(next) => edit({ addresses: next })}
          problem={refused > 0 ? errors.sources : undefined}
          addressErrors={errors.addresses.map((error, index) => shown(`address${index}`, error))}
          onAddressBlur={(index) => touch(`address${index}`)()}
        />
        <TextField
          label="Label"
          value={draft.label}
          onChange={(label) => edit({ label })}
          onBlur={touch('label')}
          hint="As Gitpod names it, for example Infrastructure Update v37."
          error={shown('label', errors.label)}
        />
        <TextField
          label="Release date"
          type="date"
          value={draft.releasedOn}
          onChange={(releasedOn) => edit({ releasedOn })}
          onBlur={touch('releasedOn')}
          hint="The date Gitpod released it (default: today). The deadline is 14 days later."
          error={shown('releasedOn', errors.releasedOn)}
        />
        <TextField
          label="Deadline stated by Gitpod"
          type="date"
          optional
          value={draft.deadlineOn}
          onChange={(deadlineOn) => edit({ deadlineOn })}
          onBlur={touch('deadlineOn')}
          hint="Only when Gitpod gave a date other than release + 14 days."
          error={shown('deadlineOn', errors.deadlineOn)}
        />
        <TextAreaField
          label="Notes"
          optional
          value={draft.notes}
          onChange={(notes) => edit({ notes })}
          onBlur={touch('notes')}
          error={shown('notes', errors.notes)}
        />
        <TextField
          label="Changelog link"
          optional
          inputMode="url"
          value={draft.changelogUrl}
          onChange={(changelogUrl) => edit({ changelogUrl })}
          onBlur={touch('changelogUrl')}
          hint="An https:// link to what the update changes."
          error={shown('changelogUrl', errors.changelogUrl)}
        />
        {submit.error ? <ErrorState title="The update was not imported" error={submit.error} /> : null}
        <div className="button-row">
          {/* aria-disabled rather than disabled keeps focus on the button while it runs. */}
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={submit.running}
            aria-busy={submit.running}
          >
            {submit.running ? 'Importing…' : 'Import update'}
          </button>
        </div>
        <p className="import__note">Importing reads the templates and compares them; it changes no stack.</p>
      </form>
    </div>
  );
}

function buildMeta(draft: Draft): ImportMeta & { label: string } {
  const notes = draft.notes.trim();
  const changelogUrl = draft.changelogUrl.trim();
  return {
    label: draft.label.trim(),
    ...(draft.releasedOn ? { releasedAt: draft.releasedOn } : {}),
    ...(draft.deadlineOn ? { deadlineOverride: draft.deadlineOn } : {}),
    ...(notes ? { notes } : {}),
    ...(changelogUrl ? { changelogUrl } : {}),
  };
}

/** Each file's exact bytes as base64; a file that vanished or cannot be read is an error the admin can act on. */
async function readFiles(files: readonly PickedFile[]): Promise<Result<ImportSourceRequest[]>> {
  const sources: ImportSourceRequest[] = [];
  for (const { file } of files) {
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      sources.push({ kind: 'file', name: file.name, contentBase64: bytesToBase64(bytes) });
    } catch (cause) {
      console.error(cause);
      return fail({
        code: 'file-unreadable',
        message: `${file.name} could not be read.`,
        nextStep: 'Check that the file still exists and that you may read it, then choose it again.',
      });
    }
  }
  return { ok: true, value: sources };
}
