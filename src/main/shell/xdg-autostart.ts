import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LoginItemPort } from '../handlers/preferences-handlers';

/**
 * Start at login on Linux. Electron's setLoginItemSettings only works on macOS and Windows;
 * Linux desktops follow the XDG autostart spec: a .desktop file in $XDG_CONFIG_HOME/autostart.
 */
export function xdgAutostartFile(env: NodeJS.ProcessEnv = process.env): string {
  const configHome =
    env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME !== '' ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(configHome, 'autostart', 'dedicated-admin.desktop');
}

/** Quotes an Exec argument per the Desktop Entry spec; a literal `%` is written `%%`. */
function quoteExec(arg: string): string {
  const quoted = /^[A-Za-z0-9_./-]+$/.test(arg) ? arg : `"${arg.replace(/(["`$\\])/g, '\\$1')}"`;
  return quoted.replace(/%/g, '%%');
}

/**
 * Escapes a string value for the file. Readers undo these escapes before they apply the Exec
 * quoting rules, so a backslash kept by quoteExec must be doubled again here.
 */
function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r');
}

export function desktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Dedicated Admin',
    'Comment=Gitpod Dedicated infrastructure updates and status',
    `Exec=${escapeValue(command.map(quoteExec).join(' '))}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function createXdgLoginItem(command: readonly string[], file = xdgAutostartFile()): LoginItemPort {
  return {
    supported: true,
    async isEnabled(): Promise<boolean> {
      try {
        const text = await readFile(file, 'utf8');
        return !/^\s*(Hidden\s*=\s*true|X-GNOME-Autostart-enabled\s*=\s*false)\s*$/m.test(text);
      } catch {
        return false;
      }
    },
    async setEnabled(enabled: boolean): Promise<void> {
      if (enabled) {
        await mkdir(join(file, '..'), { recursive: true });
        await writeFile(file, desktopEntry(command), { mode: 0o644 });
      } else {
        await rm(file, { force: true });
      }
    },
  };
}
