import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Settings } from './settings';

export type RawRead =
  | { kind: 'missing' }
  | { kind: 'ok'; data: unknown }
  | { kind: 'unreadable'; detail: string };

/** Where settings are stored: electron-store in the app, a plain file for the CLI and tests. */
export interface SettingsBackend {
  /** The file's path, for messages and backups. */
  readonly path: string;
  read(): Promise<RawRead>;
  write(settings: Settings): Promise<void>;
  /** Copies the file aside before it is replaced; returns the copy's path. */
  backup(now: Date): Promise<string>;
}

export function backupPathFor(path: string, now: Date): string {
  return `${path}.backup-${now.toISOString().replace(/[:.]/g, '-')}`;
}

/** The settings file as JSON on disk, written atomically (temp file, then rename). */
export class FileSettingsBackend implements SettingsBackend {
  constructor(readonly path: string) {}

  async read(): Promise<RawRead> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      return { kind: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? 'read failed' };
    }
    try {
      return { kind: 'ok', data: JSON.parse(text) as unknown };
    } catch {
      return {
        kind: 'unreadable',
        detail: text.trim() === '' ? 'the file is empty' : 'the file is not valid JSON',
      };
    }
  }

  async write(settings: Settings): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    // A fresh name per write, created exclusively: two writes never share a temp file, and a
    // temp file left by a crash (with whatever mode it had) is never reused.
    const temp = `${this.path}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }

  async backup(now: Date): Promise<string> {
    const target = backupPathFor(this.path, now);
    await copyFile(this.path, target);
    return target;
  }
}
