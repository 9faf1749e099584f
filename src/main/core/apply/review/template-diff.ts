import {
  MAX_DIFF_LINES,
  MAX_REVIEW_CHANGES,
  MAX_VALUE_CHARS,
  type TemplateDiffEntry,
  type TemplateDiffModel,
} from '../../../../shared/apply/review';
import { type CanonicalValue, canonicalTemplate } from '../../templates/canonical';
import type { Template } from '../../templates/parse-template';

/** Sections whose entries are diffed one by one (a resource, a parameter, an output…). */
const KEYED_SECTIONS = new Set([
  'Resources',
  'Parameters',
  'Outputs',
  'Conditions',
  'Mappings',
  'Rules',
  'Metadata',
]);
/** Shown first, in this order; other top-level keys follow alphabetically. */
const SECTION_ORDER = [
  'Description',
  'Parameters',
  'Mappings',
  'Conditions',
  'Rules',
  'Resources',
  'Outputs',
];

type CanonicalObject = { readonly [key: string]: CanonicalValue };

function isObject(value: CanonicalValue | undefined): value is CanonicalObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function clipLine(line: string): string {
  return line.length > MAX_VALUE_CHARS ? `${line.slice(0, MAX_VALUE_CHARS)}…` : line;
}

/** Pretty canonical JSON (sorted keys) split into lines: what each side of the diff shows. */
function lines(value: CanonicalValue | undefined): { lines: string[]; truncated: boolean } {
  if (value === undefined) return { lines: [], truncated: false };
  const all = JSON.stringify(value, null, 2).split('\n');
  return { lines: all.slice(0, MAX_DIFF_LINES).map(clipLine), truncated: all.length > MAX_DIFF_LINES };
}

function entry(
  section: string,
  key: string,
  before: CanonicalValue | undefined,
  after: CanonicalValue | undefined,
) {
  const old = lines(before);
  const next = lines(after);
  const status: TemplateDiffEntry['status'] =
    before === undefined ? 'added' : after === undefined ? 'removed' : 'modified';
  return {
    section,
    key,
    status,
    before: old.lines,
    after: next.lines,
    truncated: old.truncated || next.truncated,
  };
}

function sectionOrder(keys: Iterable<string>): string[] {
  const known = SECTION_ORDER.filter((section) => [...keys].includes(section));
  const rest = [...keys].filter((key) => !SECTION_ORDER.includes(key)).sort();
  return [...known, ...rest];
}

/**
 * The side-by-side template diff the review shows: one entry per resource, parameter, output…
 * that differs, each side as pretty canonical JSON lines (keys sorted, so only real changes
 * show; JSON and YAML templates compare alike). The renderer lines the two sides up. Each
 * entry is serialised once and compared as a string: linear in the size of the templates.
 */
export function templateDiff(deployed: Template, proposed: Template): TemplateDiffModel {
  const before = canonicalTemplate(deployed) as CanonicalObject;
  const after = canonicalTemplate(proposed) as CanonicalObject;
  const entries: TemplateDiffEntry[] = [];
  let more = false;
  for (const section of sectionOrder(new Set([...Object.keys(before), ...Object.keys(after)]))) {
    const old = before[section];
    const next = after[section];
    if (KEYED_SECTIONS.has(section) && (isObject(old) || isObject(next))) {
      const oldMap = isObject(old) ? old : {};
      const newMap = isObject(next) ? next : {};
      for (const key of new Set([...Object.keys(oldMap), ...Object.keys(newMap)])) {
        const a = Object.hasOwn(oldMap, key) ? oldMap[key] : undefined;
        const b = Object.hasOwn(newMap, key) ? newMap[key] : undefined;
        if (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b)) continue;
        if (entries.length >= MAX_REVIEW_CHANGES) {
          more = true;
          break;
        }
        entries.push(entry(section, key, a, b));
      }
    } else if (JSON.stringify(old) !== JSON.stringify(next)) {
      if (entries.length >= MAX_REVIEW_CHANGES) more = true;
      else entries.push(entry(section, '', old, next));
    }
  }
  return {
    available: true,
    entries,
    ...(more
      ? { note: `Only the first ${MAX_REVIEW_CHANGES.toLocaleString('en-US')} differences are shown.` }
      : {}),
  };
}

export function unavailableDiff(note: string): TemplateDiffModel {
  return { available: false, note, entries: [] };
}
