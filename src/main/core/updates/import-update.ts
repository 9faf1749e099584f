import type { StackKind } from '../../../shared/cells/stack-report';
import { type ImportMeta, importMetaSchema } from '../../../shared/updates/update-requests';
import { appError } from '../errors/app-error';
import { type ImportedTemplate, readImportedTemplate } from '../templates/import-source';
import { expectTemplateKind } from '../templates/template-kind';
import { instantOfStatedDate } from './deadline';
import type { StoredImport, StoredTemplate } from './update-file';
import { importUpdateId } from './update-ids';

/** The cell as an import needs it: which stacks it has. */
export interface CellRef {
  readonly id: string;
  readonly name: string;
  readonly roleStack?: string | undefined;
  readonly instanceStack?: string | undefined;
}

/** A template file offered for an import: its bytes (from a picker, a drop, or the CLI). */
export interface ImportFile {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** The stack the admin said it is for (the CLI's --role / --instance); checked against its content. */
  readonly kind?: StackKind;
  /** Where it was read from, when not a local file (`describeImportSource`: never a signature). */
  readonly source?: string;
}

/** A template already read (from https or S3, by `readImportSource`), with what the admin said of it. */
export interface ImportTemplate {
  readonly template: ImportedTemplate;
  readonly kind?: StackKind;
  readonly source?: string;
}

export interface PreparedImport {
  readonly record: StoredImport;
  /** The template texts to keep, by sha256. */
  readonly texts: ReadonlyMap<string, string>;
}

export function stackNameFor(cell: CellRef, kind: StackKind): string | undefined {
  return kind === 'role' ? cell.roleStack : cell.instanceStack;
}

/** Reads the files; every problem with one throws before anything is stored. */
export function readImportFiles(files: readonly ImportFile[]): ImportTemplate[] {
  return files.map((file) => ({
    template: readImportedTemplate(file.bytes, file.name),
    ...(file.kind ? { kind: file.kind } : {}),
    ...(file.source ? { source: file.source } : {}),
  }));
}

function instant(value: string, field: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return instantOfStatedDate(value);
  const parsed = new Date(value);
  if (Number.isNaN(parsed.getTime())) {
    throw appError('invalid-import', `The ${field} "${value}" is not a date.`, 'Enter it as YYYY-MM-DD.');
  }
  return parsed;
}

function kindOf(entry: ImportTemplate, cell: CellRef): StackKind {
  const { template } = entry;
  if (entry.kind) {
    expectTemplateKind(template.template, entry.kind, template.name);
  } else if (template.recognition.kind === 'unknown') {
    throw appError(
      'template-not-recognised',
      `${template.name} is not recognisable as the Gitpod Dedicated role or instance template: it ${template.recognition.evidence.join(', ')}.`,
      "Check that this is a file Gitpod's account manager sent for this cell.",
    );
  }
  const kind = entry.kind ?? (template.recognition.kind as StackKind);
  if (!stackNameFor(cell, kind)) {
    throw appError(
      `import-no-${kind}-stack`,
      `${template.name} is the ${kind} template, but the cell ${cell.name} has no ${kind} stack set up.`,
      `Add the ${kind} stack to the cell in Settings → Cells (or run discovery again), then import the update.`,
    );
  }
  return kind;
}

/**
 * Checks an import and makes its record: one or two templates, each recognised by content as
 * the role or the instance template (and as what the admin said, if they said), at most one of
 * each, for a stack the cell has, not imported before for this cell. Throws an
 * AppErrorException that says what is wrong and what to do; nothing is stored before this passes.
 */
export function prepareImport(
  cell: CellRef,
  templates: readonly ImportTemplate[],
  meta: ImportMeta,
  existing: readonly StoredImport[],
  now: Date,
): PreparedImport {
  const parsedMeta = importMetaSchema.safeParse(meta);
  if (!parsedMeta.success) {
    const issue = parsedMeta.error.issues[0];
    throw appError(
      'invalid-import',
      `The update was not imported: ${issue?.path.join('.') || 'its details'} must be ${issue?.message ?? 'valid'}.`,
      'Correct it and import again.',
    );
  }
  const details = parsedMeta.data;
  if (templates.length === 0) {
    throw appError(
      'import-no-templates',
      'No template was given, so there is nothing to import.',
      'Pick the role template, the instance template, or both.',
    );
  }
  if (templates.length > 2) {
    throw appError(
      'import-too-many-templates',
      `${templates.length} templates were given; an update has at most two (the role and the instance template).`,
      'Import the role template and the instance template of one update.',
    );
  }
  const kinds = templates.map((entry) => kindOf(entry, cell));
  if (kinds.length === 2 && kinds[0] === kinds[1]) {
    throw appError(
      'import-same-kind-twice',
      `${templates[0]?.template.name} and ${templates[1]?.template.name} are both the ${kinds[0]} template; an update has one of each.`,
      `Keep the newer ${kinds[0]} template, and add the ${kinds[0] === 'role' ? 'instance' : 'role'} template if there is one.`,
    );
  }

  const stored: StoredTemplate[] = templates
    .map(({ template, source }, index) => ({
      kind: kinds[index] as StackKind,
      name: template.name.slice(0, 255),
      sha256: template.sha256,
      fingerprint: template.fingerprint,
      size: template.size.bytes,
      format: template.format,
      ...(source ? { source: source.slice(0, 2048) } : {}),
    }))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'role' ? -1 : 1));

  const id = importUpdateId(
    cell.id,
    stored.map((template) => template.fingerprint),
  );
  const twin = existing.find((other) => other.id === id);
  if (twin) {
    throw appError(
      'update-already-imported',
      `This update was already imported for ${cell.name} as "${twin.label}" on ${twin.importedAt.slice(0, 10)}: its templates are the same.`,
      'Find it in the Updates view; to change its details, remove it there and import it again.',
    );
  }

  const releasedAt = details.releasedAt ? instant(details.releasedAt, 'release date') : now;
  const deadline = details.deadlineOverride ? instant(details.deadlineOverride, 'deadline') : undefined;
  if (deadline && deadline.getTime() <= releasedAt.getTime()) {
    throw appError(
      'invalid-import',
      `The deadline ${deadline.toISOString().slice(0, 10)} is not after the release date ${releasedAt.toISOString().slice(0, 10)}.`,
      'Enter the deadline the vendor stated, or leave it empty for release + 14 days.',
    );
  }
  const record: StoredImport = {
    id,
    cellId: cell.id,
    label: details.label,
    releasedAt: releasedAt.toISOString(),
    importedAt: now.toISOString(),
    ...(deadline ? { deadlineOverride: deadline.toISOString() } : {}),
    ...(details.notes?.trim() ? { notes: details.notes.trim() } : {}),
    ...(details.changelogUrl ? { changelogUrl: details.changelogUrl } : {}),
    templates: stored,
  };
  return { record, texts: new Map(templates.map(({ template }) => [template.sha256, template.text])) };
}
