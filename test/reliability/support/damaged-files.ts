/**
 * The ways a file the app keeps gets damaged: a disk or a crash (random bytes, cut short,
 * empty), a person (hand edits that are valid JSON but not a valid file), a newer app (version
 * 999), a mistake (a directory where the file should be), and permissions (unreadable). Each
 * is applied to a valid file in place, the same way for every file the app keeps.
 */
import { chmod, lstat, mkdir, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { SeededRandom } from './fuzz-random';

export type HandEdit = 'wrong-types' | 'unknown-keys' | 'out-of-range' | 'missing-field';
export const HAND_EDITS: readonly HandEdit[] = [
  'wrong-types',
  'unknown-keys',
  'out-of-range',
  'missing-field',
];

export type DamageKind =
  | 'corrupt'
  | 'truncated'
  | 'empty'
  | `hand-edited: ${HandEdit}`
  | 'future-version'
  | 'directory'
  | 'unreadable';

/** Root reads any file whatever its mode, so mode 000 cannot make a file unreadable for it. */
export const RUNNING_AS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

export const UNREADABLE_HOW = RUNNING_AS_ROOT
  ? 'a symlink loop (ELOOP), because the suite runs as root, which ignores mode bits'
  : 'mode 000';

/** The damaged file as it was left, to tell later whether it is still there, untouched. */
export type DamagedState =
  | { readonly kind: 'bytes'; readonly bytes: Buffer }
  | { readonly kind: 'directory'; readonly sentinel: string }
  | { readonly kind: 'symlink-loop'; readonly target: string }
  | { readonly kind: 'mode-000'; readonly bytes: Buffer };

export interface Damage {
  readonly kind: DamageKind;
  /** For the test name. */
  readonly title: string;
  /** True when the damage leaves bytes a backup can copy (not a directory, not unreadable). */
  readonly copyable: boolean;
  apply(path: string, edit: (data: Record<string, unknown>) => unknown): Promise<DamagedState>;
}

const SENTINEL = 'a file the admin put here';

async function writeBytes(path: string, bytes: Buffer): Promise<DamagedState> {
  await writeFile(path, bytes);
  return { kind: 'bytes', bytes };
}

async function jsonOf(path: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
}

export function damages(seed: number): Damage[] {
  const rnd = new SeededRandom(seed);
  const byteDamage = (kind: DamageKind, title: string, bytes: (text: Buffer) => Buffer): Damage => ({
    kind,
    title,
    copyable: true,
    apply: async (path) => writeBytes(path, bytes(await readFile(path))),
  });
  return [
    byteDamage('corrupt', 'corrupt (random bytes)', () =>
      // 0xff is never valid UTF-8, so no reader can take these bytes for JSON.
      Buffer.concat([Buffer.from([0xff]), Buffer.from(rnd.bytes(rnd.int(256, 2048)))]),
    ),
    byteDamage('truncated', 'truncated (cut mid-JSON)', (text) =>
      text.subarray(0, Math.floor(text.length / 2)),
    ),
    byteDamage('empty', 'empty', () => Buffer.alloc(0)),
    ...HAND_EDITS.map(
      (edit): Damage => ({
        kind: `hand-edited: ${edit}`,
        title: `hand-edited (${edit.replaceAll('-', ' ')})`,
        copyable: true,
        apply: async (path, change) =>
          writeBytes(path, Buffer.from(`${JSON.stringify(change(await jsonOf(path)), null, 2)}\n`)),
      }),
    ),
    {
      kind: 'future-version',
      title: 'from a future version (version 999)',
      copyable: true,
      apply: async (path) =>
        writeBytes(path, Buffer.from(JSON.stringify({ ...(await jsonOf(path)), version: 999 }))),
    },
    {
      kind: 'directory',
      title: 'a directory where the file should be',
      copyable: false,
      apply: async (path) => {
        await rm(path, { force: true });
        await mkdir(path);
        await writeFile(join(path, 'sentinel.txt'), SENTINEL);
        return { kind: 'directory', sentinel: SENTINEL };
      },
    },
    {
      kind: 'unreadable',
      title: `unreadable (${UNREADABLE_HOW})`,
      copyable: false,
      apply: async (path) => {
        if (RUNNING_AS_ROOT) {
          await rm(path, { force: true });
          await symlink(basename(path), path);
          return { kind: 'symlink-loop', target: basename(path) };
        }
        const bytes = await readFile(path);
        await chmod(path, 0o000);
        return { kind: 'mode-000', bytes };
      },
    },
  ];
}

/** True when the damaged file is still at its path exactly as the damage left it. */
export async function stillThere(path: string, state: DamagedState): Promise<boolean> {
  try {
    switch (state.kind) {
      case 'bytes':
        return (await readFile(path)).equals(state.bytes);
      case 'directory':
        return (
          (await lstat(path)).isDirectory() &&
          (await readFile(join(path, 'sentinel.txt'), 'utf8')) === state.sentinel
        );
      case 'symlink-loop':
        return (await lstat(path)).isSymbolicLink() && (await readlink(path)) === state.target;
      case 'mode-000': {
        const stats = await lstat(path);
        if ((stats.mode & 0o777) !== 0) return false;
        await chmod(path, 0o600);
        const same = (await readFile(path)).equals(state.bytes);
        await chmod(path, 0o000);
        return same;
      }
    }
  } catch {
    return false;
  }
}

/** Files beside `path` named after it (`<name>.backup-…`, `<name>.corrupt-…`) holding exactly `bytes`. */
export async function backupsOf(path: string, bytes: Buffer): Promise<string[]> {
  const name = basename(path);
  const found: string[] = [];
  for (const entry of await readdir(dirname(path), { withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.startsWith(`${name}.`) || entry.name.endsWith('.tmp')) continue;
    if ((await readFile(join(dirname(path), entry.name))).equals(bytes)) found.push(entry.name);
  }
  return found;
}

/** Undoes what would stop the temp folder from being removed. */
export async function releaseDamage(path: string, state: DamagedState): Promise<void> {
  if (state.kind === 'mode-000') await chmod(path, 0o600).catch(() => undefined);
}
