import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export type ElectronBinary = { available: true; path: string } | { available: false; reason: string };

function installedBinary(packageDir: string): string | null {
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

/**
 * The Electron binary for the `_electron` tests. The npm package downloads it lazily, so try
 * that download once (it honours the usual ELECTRON_MIRROR and proxy settings); where it
 * cannot be had, say why, so the tests report themselves as skipped instead of passing.
 */
export function findElectronBinary(): ElectronBinary {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const existing = installedBinary(packageDir);
  if (existing) return { available: true, path: existing };
  const attempt = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  const downloaded = installedBinary(packageDir);
  if (downloaded) return { available: true, path: downloaded };
  const detail =
    `${attempt.stderr ?? ''}`
      .split('\n')
      .map((line) => line.trim())
      .find((line) => /error/i.test(line)) ??
    (attempt.error ? attempt.error.message : `exit ${attempt.status}`);
  return {
    available: false,
    reason: `the Electron binary could not be downloaded on this machine (${detail.slice(0, 160)}); these tests run wherever it can be`,
  };
}

/** Electron needs a display on Linux; CI provides one with xvfb-run. */
export function displayProblem(): string | null {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display (run under xvfb-run on Linux)';
  }
  return null;
}
