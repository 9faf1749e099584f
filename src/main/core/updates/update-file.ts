import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { stackKindSchema } from '../../../shared/cells/stack-report';
import { appliedUpdateSchema, updateIdSchema } from '../../../shared/updates/pending-update';
import { settingsFilePath } from '../cells/settings-path';
import { TEMPLATE_URL_MAX_BYTES } from '../templates/template-kind';

/**
 * updates.json: the imported updates, the vendor change sets seen pending, snoozes and the
 * history of updates seen applied. Beside the settings file (`DEDICATED_ADMIN_SETTINGS` moves
 * both), with the imported templates' texts in an `updates/` folder next to it, because the
 * apply needs them later and they can be up to 1 MB each.
 */
export const UPDATES_FILE_NAME = 'updates.json';
export const UPDATE_TEMPLATES_DIR = 'updates';
export const UPDATES_FILE_VERSION = 1;

export function updatesFilePath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return updatesFileBeside(settingsFilePath(env, platform));
}

/** The updates file for a settings file: the shell knows the settings path, the CLI its env. */
export function updatesFileBeside(settingsPath: string): string {
  return join(dirname(settingsPath), UPDATES_FILE_NAME);
}

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const iso = z.string().datetime();

export const storedTemplateSchema = z
  .object({
    kind: stackKindSchema,
    /** The file name it came with. */
    name: z.string().min(1).max(255),
    /** sha256 of the bytes as received: what the account manager's checksum is of. */
    sha256,
    /** sha256 of the canonical form: how it is compared with the deployed template. */
    fingerprint: sha256,
    size: z.number().int().min(1).max(TEMPLATE_URL_MAX_BYTES),
    format: z.enum(['json', 'yaml']),
    /** Where it was read from (an https or s3 address without any signature), when not a local file. */
    source: z.string().max(2048).optional(),
  })
  .strict();
export type StoredTemplate = z.output<typeof storedTemplateSchema>;

export const storedImportSchema = z
  .object({
    id: updateIdSchema,
    cellId: z.string().min(1).max(64),
    label: z.string().min(1).max(200),
    releasedAt: iso,
    importedAt: iso,
    deadlineOverride: iso.optional(),
    notes: z.string().max(4000).optional(),
    changelogUrl: z.string().url().max(2048).optional(),
    /** Role template first. */
    templates: z.array(storedTemplateSchema).min(1).max(2),
  })
  .strict();
export type StoredImport = z.output<typeof storedImportSchema>;

/**
 * A vendor change set seen pending. Remembered so that one executed (and deleted by AWS) while
 * the app was closed is still recognised as applied, and so the tray knows it at start.
 */
export const trackedChangeSetSchema = z
  .object({
    id: updateIdSchema,
    cellId: z.string().min(1).max(64),
    stackKind: stackKindSchema,
    stackName: z.string().min(1).max(128),
    changeSetId: z.string().min(1).max(2048),
    changeSetName: z.string().max(128),
    label: z.string().min(1).max(200),
    releasedAt: iso,
    firstSeenAt: iso,
    /** A deadline the vendor stated instead of release + 14 days. */
    deadlineOverride: iso.optional(),
  })
  .strict();
export type TrackedChangeSet = z.output<typeof trackedChangeSetSchema>;

export type HistoryEntry = z.output<typeof appliedUpdateSchema>;

export const MAX_HISTORY = 500;

const updatesFileSchema = z
  .object({
    version: z.literal(UPDATES_FILE_VERSION),
    imports: z.array(storedImportSchema).max(200),
    changeSets: z.array(trackedChangeSetSchema).max(500),
    snoozes: z.record(updateIdSchema, iso),
    history: z.array(appliedUpdateSchema).max(MAX_HISTORY),
  })
  .strict();
export type UpdatesFile = z.output<typeof updatesFileSchema>;

export const EMPTY_UPDATES_FILE: UpdatesFile = {
  version: UPDATES_FILE_VERSION,
  imports: [],
  changeSets: [],
  snoozes: {},
  history: [],
};

export type UpdatesFileRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'ok'; readonly file: UpdatesFile }
  /** Usable in part: `file` holds what was valid, `problem` says what was left out. */
  | { readonly kind: 'salvaged'; readonly file: UpdatesFile; readonly problem: string }
  | { readonly kind: 'unusable'; readonly problem: string }
  | { readonly kind: 'future-version'; readonly version: number };

export async function readUpdatesFile(path: string): Promise<UpdatesFileRead> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unusable', problem: `it could not be read (${code ?? 'read failed'})` };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { kind: 'unusable', problem: text.trim() === '' ? 'it is empty' : 'it is not valid JSON' };
  }
  return interpretUpdatesFile(data);
}

/**
 * Validates the file, keeping every valid entry of a hand-edited or partly damaged one: an
 * import or a history entry that is wrong is left out and named, the rest stays.
 */
export function interpretUpdatesFile(data: unknown): UpdatesFileRead {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { kind: 'unusable', problem: 'it does not hold an object' };
  }
  const record = data as Record<string, unknown>;
  if (typeof record.version === 'number' && record.version > UPDATES_FILE_VERSION) {
    return { kind: 'future-version', version: record.version };
  }
  const parsed = updatesFileSchema.safeParse(data);
  if (parsed.success) return { kind: 'ok', file: parsed.data };
  if (record.version !== UPDATES_FILE_VERSION) {
    return { kind: 'unusable', problem: 'it has no known version' };
  }

  const problems: string[] = [];
  const keep = <T>(section: string, value: unknown, schema: z.ZodType<T>, limit: number): T[] => {
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problems.push(`${section} was not a list`);
      return [];
    }
    const kept = value.flatMap((item) => {
      const result = schema.safeParse(item);
      return result.success ? [result.data] : [];
    });
    if (kept.length < value.length)
      problems.push(`${value.length - kept.length} of ${value.length} ${section}`);
    return kept.slice(0, limit);
  };
  const imports = keep('imported updates', record.imports, storedImportSchema, 200);
  const changeSets = keep('tracked change sets', record.changeSets, trackedChangeSetSchema, 500);
  const history = keep('history entries', record.history, appliedUpdateSchema, MAX_HISTORY);
  const snoozes: Record<string, string> = {};
  if (typeof record.snoozes === 'object' && record.snoozes !== null && !Array.isArray(record.snoozes)) {
    let dropped = 0;
    for (const [id, until] of Object.entries(record.snoozes)) {
      if (updateIdSchema.safeParse(id).success && iso.safeParse(until).success) snoozes[id] = until as string;
      else dropped += 1;
    }
    if (dropped > 0) problems.push(`${dropped} snoozes`);
  } else if (record.snoozes !== undefined) {
    problems.push('snoozes were not a mapping');
  }
  const unknown = Object.keys(record).filter(
    (key) => !['version', 'imports', 'changeSets', 'snoozes', 'history'].includes(key),
  );
  if (unknown.length > 0) problems.push(`unknown entries (${unknown.slice(0, 5).join(', ')})`);
  const file = { version: UPDATES_FILE_VERSION, imports, changeSets, snoozes, history } as const;
  const check = updatesFileSchema.safeParse(file);
  if (!check.success) return { kind: 'unusable', problem: 'its entries contradict each other' };
  return {
    kind: 'salvaged',
    file: check.data,
    problem: `some entries were not valid and were left out: ${problems.join('; ') || 'none'}`,
  };
}

/** Writes a file atomically with mode 0600: a fresh temp file created exclusively, then rename. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

export async function writeUpdatesFile(path: string, file: UpdatesFile): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
}
