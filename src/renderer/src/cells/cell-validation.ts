import type { z } from 'zod';
import { type CellDraft, type CellInput, cellDraftSchema, cellSchema } from '../../../shared/cells/cell';
import type { CellView } from '../../../shared/cells/cells-state';

/** The fields of a cell form; `stacks` is the rule that a cell needs at least one stack. */
export type CellField = Exclude<keyof CellInput, 'id'> | 'stacks';
export type FieldErrors = Partial<Record<CellField, string>>;

const FIELDS: ReadonlySet<string> = new Set<CellField>([
  'name',
  'profile',
  'region',
  'accountId',
  'roleStack',
  'instanceStack',
  'domain',
  'organizationId',
]);

/**
 * The shared schema's issues as messages for the form fields. The schema words its own
 * messages as what it expects ("a 12-digit AWS account id"); they become instructions here.
 */
function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const head = issue.path[0];
    const field: CellField | null =
      issue.path.length === 0
        ? 'stacks'
        : typeof head === 'string' && FIELDS.has(head)
          ? (head as CellField)
          : null;
    if (field && errors[field] === undefined) errors[field] = issueMessage(issue);
  }
  return errors;
}

function issueMessage(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      return 'This field is required.';
    case 'too_big':
      return `Use at most ${String(issue.maximum)} characters.`;
    case 'invalid_format':
      return sentence(`enter ${issue.message}`);
    default:
      return sentence(issue.message);
  }
}

function sentence(text: string): string {
  const trimmed = text.trim();
  const capitalised = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** What is wrong with a draft, per field, as the shared schema sees it. */
export function draftErrors(draft: CellDraft): FieldErrors {
  const result = cellDraftSchema.safeParse(draft);
  return result.success ? {} : toFieldErrors(result.error.issues);
}

/** What is wrong with an edited cell, per field, as the shared schema sees it. */
export function cellErrors(cell: CellInput): FieldErrors {
  const result = cellSchema.safeParse(cell);
  return result.success ? {} : toFieldErrors(result.error.issues);
}

/**
 * Another cell with this name (main compares names case-insensitively), so the form can say
 * so before saving. Main still decides.
 */
export function nameClash(name: string, cells: readonly CellView[], exceptId?: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  if (wanted === '') return undefined;
  const clash = cells.find((view) => view.cell.id !== exceptId && view.cell.name.toLowerCase() === wanted);
  return clash ? `A cell named “${clash.cell.name}” already exists. Choose another name.` : undefined;
}

/** The two stacks must differ: one stack cannot be both the role and the instance stack. */
export function sameStackError(roleStack?: string, instanceStack?: string): string | undefined {
  return roleStack !== undefined && roleStack === instanceStack
    ? 'The role stack and the instance stack must be different stacks.'
    : undefined;
}

/** An optional text field: blank means absent. */
export function optionalText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}
