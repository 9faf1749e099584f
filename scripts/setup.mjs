#!/usr/bin/env node
/**
 * Makes a fresh clone ready: installs npm dependencies when they are missing or older than
 * package-lock.json. `npm start` and `npm test` both run it, so the Quick start needs no
 * separate install step. With --browser it also makes sure a Chromium exists for the
 * end-to-end tests (installing Debian's package when running as root with apt).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  return result.status === 0;
}

export function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return true;
  console.log('› Installing npm dependencies…');
  // Not `npm ci`: see .ci/run on platform packages missing from the lock file.
  return run('npm', ['install', '--no-audit', '--no-fund']);
}

const BROWSERS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function ensureChromium() {
  if (process.env.CHROMIUM_PATH || BROWSERS.some((path) => existsSync(path))) return true;
  if (process.platform === 'darwin') {
    if (existsSync('/Applications/Google Chrome.app')) return true;
  }
  const canApt = process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    console.error(
      '✗ No Chromium for the end-to-end tests. Install one (Debian/Ubuntu: sudo apt-get install -y chromium xvfb) or set CHROMIUM_PATH.',
    );
    return false;
  }
  console.log('› Installing Chromium and Xvfb from Debian packages for the end-to-end tests…');
  return (
    run('apt-get', ['update', '-qq']) &&
    run(
      'apt-get',
      ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'xvfb', 'fonts-dejavu-core'],
      {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      },
    )
  );
}

const MOTO_VENV = join(root, '.venv-moto');

/**
 * moto's server, the AWS emulator the integration tests run against. Uses the python3 on PATH
 * when it has moto; otherwise installs moto[server] into .venv-moto and returns that
 * interpreter (the tests read it from MOTO_PYTHON).
 */
export function ensureMoto() {
  const venvPython = join(MOTO_VENV, 'bin', 'python');
  for (const python of [process.env.MOTO_PYTHON, 'python3', venvPython]) {
    if (python && spawnSync(python, ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0)
      return python;
  }
  console.log('› Installing moto[server] 5.2.1 into .venv-moto for the integration tests…');
  const ok =
    run('python3', ['-m', 'venv', MOTO_VENV]) &&
    run(venvPython, ['-m', 'pip', 'install', '--quiet', 'moto[server]==5.2.1']);
  if (!ok) {
    console.error('✗ moto could not be installed; install it with: pip install "moto[server]==5.2.1"');
    return null;
  }
  return venvPython;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const ok = ensureDependencies() && (!process.argv.includes('--browser') || ensureChromium());
  process.exit(ok ? 0 : 1);
}
