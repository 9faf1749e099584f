import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createXdgLoginItem, desktopEntry, xdgAutostartFile } from './xdg-autostart';

/** The `[Desktop Entry]` group's keys, with string escapes (\s \n \t \r \\) undone. */
function parseDesktopEntry(text: string): Map<string, string> {
  const lines = text.split('\n');
  expect(lines[0]).toBe('[Desktop Entry]');
  const entries = new Map<string, string>();
  for (const line of lines.slice(1)) {
    if (line === '' || line.startsWith('#')) continue;
    expect(line).toMatch(/^[A-Za-z0-9-]+=/);
    const at = line.indexOf('=');
    const raw = line.slice(at + 1);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the spec forbids raw control characters.
    expect(raw).not.toMatch(/[\u0000-\u001f\u007f]/);
    const value = raw.replace(/\\([sntr\\])/g, (_match, code: string) =>
      code === 's' ? ' ' : code === 'n' ? '\n' : code === 't' ? '\t' : code === 'r' ? '\r' : '\\',
    );
    entries.set(line.slice(0, at), value);
  }
  return entries;
}

/** Splits an Exec value into argv as the Desktop Entry spec's quoting and %-rules say. */
function parseExec(exec: string): string[] {
  const args: string[] = [];
  let current = '';
  let inArg = false;
  let quoted = false;
  for (let i = 0; i < exec.length; i += 1) {
    const ch = exec[i] ?? '';
    if (quoted) {
      if (ch === '\\') {
        const next = exec[i + 1] ?? '';
        if (!['"', '`', '$', '\\'].includes(next)) throw new Error(`bad escape \\${next} in ${exec}`);
        current += next;
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else if (['"', '`', '$'].includes(ch)) {
        throw new Error(`unescaped ${ch} inside quotes in ${exec}`);
      } else {
        current += ch;
      }
      continue;
    }
    if (ch === ' ') {
      if (inArg) args.push(current);
      current = '';
      inArg = false;
    } else if (ch === '"') {
      quoted = true;
      inArg = true;
    } else {
      if (' \t\n"\'\\><~|&;$*?#()`'.includes(ch)) throw new Error(`reserved ${ch} unquoted in ${exec}`);
      current += ch;
      inArg = true;
    }
  }
  if (quoted) throw new Error(`unterminated quote in ${exec}`);
  if (inArg) args.push(current);
  return args.map((arg) => {
    if (/%[^%]/.test(arg.replace(/%%/g, ''))) throw new Error(`field code in ${arg}`);
    if (/%/.test(arg.replace(/%%/g, ''))) throw new Error(`lone % in ${arg}`);
    return arg.replace(/%%/g, '%');
  });
}

function execOf(command: readonly string[]): string[] {
  const exec = parseDesktopEntry(desktopEntry(command)).get('Exec');
  if (exec === undefined) throw new Error('no Exec line');
  return parseExec(exec);
}

let tmp: string;
let file: string;

describe('main/shell/xdg-autostart', () => {
  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'xdg-'));
    file = xdgAutostartFile({ XDG_CONFIG_HOME: tmp });
  });

  afterEach(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('puts the file in $XDG_CONFIG_HOME/autostart', () => {
    expect(file).toBe(join(tmp, 'autostart', 'dedicated-admin.desktop'));
  });

  it('falls back to ~/.config when XDG_CONFIG_HOME is unset or empty', () => {
    expect(xdgAutostartFile({})).toMatch(/\.config[/\\]autostart[/\\]dedicated-admin\.desktop$/);
    expect(xdgAutostartFile({ XDG_CONFIG_HOME: '' })).toBe(xdgAutostartFile({}));
  });

  it('reports disabled when no file exists', async () => {
    const item = createXdgLoginItem(['/opt/app', '--hidden'], file);
    expect(item.supported).toBe(true);
    expect(await item.isEnabled()).toBe(false);
  });

  it('writes a valid desktop entry when enabled, creating the folder', async () => {
    const item = createXdgLoginItem(['/opt/Dedicated Admin/dedicated-admin', '--hidden'], file);
    await item.setEnabled(true);
    const entry = parseDesktopEntry(readFileSync(file, 'utf8'));
    expect(entry.get('Type')).toBe('Application');
    expect(entry.get('Name')).toBe('Dedicated Admin');
    expect(entry.get('Terminal')).toBe('false');
    expect(entry.get('Exec')).toBe('"/opt/Dedicated Admin/dedicated-admin" --hidden');
    expect(await item.isEnabled()).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });

  it('quotes a path with spaces so it stays one argument', () => {
    expect(execOf(['/home/a b/Dedicated Admin.AppImage', '--hidden'])).toEqual([
      '/home/a b/Dedicated Admin.AppImage',
      '--hidden',
    ]);
  });

  it.each([
    '/opt/simple/dedicated-admin',
    "/home/o'brien/apps/Dedicated Admin.AppImage",
    '/home/u/$HOME/`id`/app',
    '/home/u/say "hi"/app',
    '/home/u/back\\slash/app',
    '/home/u/100%/app',
    '/home/u/%f %U/app',
    '/home/u/tab\there/app',
    '/home/u/new\nline/app',
    '/home/u/semi;colon & pipe|/app',
  ])('round-trips the executable %j through the Exec line', (executable) => {
    expect(execOf([executable, '--hidden'])).toEqual([executable, '--hidden']);
  });

  it('removes the file when disabled', async () => {
    const item = createXdgLoginItem(['/opt/app', '--hidden'], file);
    await item.setEnabled(true);
    await item.setEnabled(false);
    expect(() => statSync(file)).toThrow();
    expect(await item.isEnabled()).toBe(false);
  });

  it('disables without error when there is nothing to remove', async () => {
    const item = createXdgLoginItem(['/opt/app'], file);
    await expect(item.setEnabled(false)).resolves.toBeUndefined();
  });

  it.each(['Hidden=true', 'Hidden = true', 'X-GNOME-Autostart-enabled=false'])(
    'counts a file with %s as disabled',
    async (line) => {
      await mkdir(dirname(file), { recursive: true });
      writeFileSync(file, `${desktopEntry(['/opt/app', '--hidden'])}${line}\n`);
      expect(await createXdgLoginItem(['/opt/app'], file).isEnabled()).toBe(false);
    },
  );

  it('counts a file with Hidden=false as enabled', async () => {
    await mkdir(dirname(file), { recursive: true });
    writeFileSync(file, `${desktopEntry(['/opt/app'])}Hidden=false\n`);
    expect(await createXdgLoginItem(['/opt/app'], file).isEnabled()).toBe(true);
  });

  it('re-enables over a hidden file', async () => {
    await mkdir(dirname(file), { recursive: true });
    writeFileSync(file, '[Desktop Entry]\nHidden=true\n');
    const item = createXdgLoginItem(['/opt/app', '--hidden'], file);
    await item.setEnabled(true);
    expect(await item.isEnabled()).toBe(true);
  });
});
