/**
 * Runs Electronegativity (@doyensec/electronegativity, Doyensec's Electron security linter)
 * through its programmatic API, and reads the explained findings kept in
 * docs/security/electronegativity.md, so a test can fail on any HIGH finding nobody explained.
 *
 * How it reads TypeScript: files ending .ts/.tsx go to @babel/parser with its `typescript`
 * and `jsx` plugins (the tool's own defaults; it falls back to typescript-estree); no extra
 * `parserPlugins` are needed for this code base. A file that fails to parse is not checked at
 * all, so the run's parse errors are returned for the test to refuse.
 */
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { z } from 'zod';

export const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH'] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface Finding {
  /** The check's id, e.g. CONTEXT_ISOLATION_JS_CHECK. */
  readonly check: string;
  readonly severity: Severity;
  readonly confidence: string;
  /** Relative to the scanned folder, with forward slashes; "N/A" for app-wide findings. */
  readonly file: string;
  readonly line: number;
  readonly description: string;
  readonly manualReview: boolean;
}

export interface ScanReport {
  readonly findings: readonly Finding[];
  /** Files the tool could not parse (so did not check), and tolerated parser warnings. */
  readonly errors: ReadonlyArray<{ file: string; message: string; tolerable: boolean }>;
  readonly checksRun: number;
  /** The files it loads: .js/.jsx/.ts/.tsx/.html/.htm and package manifests, outside node_modules. */
  readonly filesScanned: number;
}

export interface ScanOptions {
  /** A folder to scan. */
  readonly input: string;
  /** The Electron version whose defaults apply (the tool assumes 0.1.0 without a package.json). */
  readonly electronVersion: string;
  /** Check class names to leave out (lower-case, as the tool compares them). */
  readonly exclude?: readonly string[];
  /** A CSV report written beside the results, for a person to read. */
  readonly csvOutput?: string;
}

/** What `run()` resolves to: validated, since the package ships no types. */
const runResultSchema = z.object({
  globalChecks: z.number().int(),
  atomicChecks: z.number().int(),
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
  issues: z.array(
    z.object({
      id: z.string(),
      file: z.string(),
      location: z.object({ line: z.number(), column: z.number() }),
      description: z.string(),
      severity: z.object({ name: z.enum(SEVERITIES) }),
      confidence: z.object({ name: z.string() }),
      manualReview: z.boolean().optional(),
    }),
  ),
});

type Run = (options: Record<string, unknown>) => Promise<unknown>;

/** The files Electronegativity's directory loader picks (its util/file.js `list_files`). */
function countLoadedFiles(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (path.includes('node_modules')) continue;
    const lower = entry.name.toLowerCase();
    if (/\.(js|jsx|ts|tsx|html|htm)$/.test(lower) || /package(-lock)?\.json|yarn\.lock/.test(lower))
      count += 1;
  }
  return count;
}

export async function runElectronegativity(options: ScanOptions): Promise<ScanReport> {
  // A CommonJS package without types: loaded through require, its answer checked with zod.
  const run = createRequire(import.meta.url)('@doyensec/electronegativity') as Run;
  const raw = await run({
    input: options.input,
    ...(options.csvOutput ? { output: options.csvOutput } : {}),
    isRelative: true,
    severitySet: 'informational',
    confidenceSet: 'tentative',
    parserPlugins: [],
    customScan: [],
    excludeFromScan: [...(options.exclude ?? [])],
    electronVersionOverride: options.electronVersion,
  });
  const result = runResultSchema.parse(raw);
  return {
    findings: result.issues.map((issue) => ({
      check: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file.replaceAll('\\', '/'),
      line: issue.location.line,
      description: issue.description,
      manualReview: issue.manualReview ?? false,
    })),
    errors: result.errors,
    checksRun: result.globalChecks + result.atomicChecks,
    filesScanned: countLoadedFiles(options.input),
  };
}

// ── The explained findings, kept in docs/security/electronegativity.md ─────────────────────

export interface ExplainedFinding {
  readonly check: string;
  readonly severity: Severity;
  readonly file: string;
  readonly reason: string;
}

export const EXPLAINED_SECTION = '## Findings kept';

const explainedSchema = z.object({
  check: z.string().regex(/^[A-Z_]+_CHECK$/, 'a check id such as CONTEXT_ISOLATION_JS_CHECK'),
  severity: z.enum(SEVERITIES),
  file: z.string().min(1),
  // A reason is a sentence or more, not "ok" or "false positive".
  reason: z.string().min(60, 'a reason of at least a sentence'),
});

function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim().replace(/^`(.*)`$/, '$1'));
}

/**
 * The table under "## Findings kept": | Check | Severity | File | Why it is not a risk |.
 * Throws when the section or table is missing, or a row is malformed, naming the row.
 */
export function readExplainedFindings(markdown: string): ExplainedFinding[] {
  const start = markdown.indexOf(`\n${EXPLAINED_SECTION}\n`);
  if (start === -1) throw new Error(`no "${EXPLAINED_SECTION}" section`);
  const section = markdown.slice(start + EXPLAINED_SECTION.length + 2);
  const end = section.search(/\n## /);
  const rows = (end === -1 ? section : section.slice(0, end))
    .split('\n')
    .filter((line) => line.trim().startsWith('|'));
  const [header, separator, ...body] = rows;
  if (!header || !separator || !/^\|?\s*:?-{3,}/.test(separator.trim())) {
    throw new Error(`no table under "${EXPLAINED_SECTION}"`);
  }
  const columns = cells(header).map((cell) => cell.toLowerCase());
  const expected = ['check', 'severity', 'file', 'why it is not a risk'];
  if (columns.join('|') !== expected.join('|')) {
    throw new Error(`the table's columns are ${columns.join(', ')}, not ${expected.join(', ')}`);
  }
  return body.map((row, index) => {
    const [check, severity, file, reason] = cells(row);
    const parsed = explainedSchema.safeParse({ check, severity, file, reason });
    if (!parsed.success) {
      throw new Error(`row ${index + 1} (${check ?? '?'}): ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    }
    return parsed.data;
  });
}

function explains(entry: ExplainedFinding, finding: Finding): boolean {
  return entry.check === finding.check && entry.file === finding.file;
}

/** Findings at `severity` or above that no row explains. */
export function unexplained(
  findings: readonly Finding[],
  explained: readonly ExplainedFinding[],
  severity: Severity,
): Finding[] {
  const floor = SEVERITIES.indexOf(severity);
  return findings.filter(
    (finding) =>
      SEVERITIES.indexOf(finding.severity) >= floor && !explained.some((entry) => explains(entry, finding)),
  );
}

/** Rows that no finding matches any more (fixed, moved, or mistyped): the document is stale. */
export function staleExplanations(
  findings: readonly Finding[],
  explained: readonly ExplainedFinding[],
): ExplainedFinding[] {
  return explained.filter(
    (entry) => !findings.some((finding) => explains(entry, finding) && finding.severity === entry.severity),
  );
}

/** Findings per severity, for the reliability tally. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { INFORMATIONAL: 0, LOW: 0, MEDIUM: 0, HIGH: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}
