import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, APP_ORIGIN, resolveAppAsset } from './app-protocol-path';

const rendererDir = join(mkdtempSync(join(tmpdir(), 'renderer-')), 'renderer');
const root = resolve(rendererDir);

function isInside(file: string): boolean {
  const rel = relative(root, file);
  return rel !== '' && !rel.startsWith('..') && !rel.split(sep).includes('..');
}

describe('main/security/app-protocol-path', () => {
  it('serves the entry URL from index.html', () => {
    expect(APP_ENTRY_URL).toBe('app://dashboard/index.html');
    expect(APP_ORIGIN).toBe('app://dashboard');
    expect(resolveAppAsset(rendererDir, APP_ENTRY_URL)).toBe(join(root, 'index.html'));
  });

  it('maps / to index.html', () => {
    expect(resolveAppAsset(rendererDir, 'app://dashboard/')).toBe(join(root, 'index.html'));
  });

  it('ignores the query and the hash', () => {
    expect(resolveAppAsset(rendererDir, 'app://dashboard/index.html?v=1#/updates')).toBe(
      join(root, 'index.html'),
    );
  });

  it.each([
    ['assets/index-abc123.js', 'app://dashboard/assets/index-abc123.js'],
    ['assets/fonts/inter.woff2', 'app://dashboard/assets/fonts/inter.woff2'],
    ['assets/icon one.png', 'app://dashboard/assets/icon%20one.png'],
  ])('resolves %s inside the renderer folder', (file, url) => {
    expect(resolveAppAsset(rendererDir, url)).toBe(join(root, ...file.split('/')));
  });

  it.each([
    'app://evil/index.html',
    'app://dashboard.evil/index.html',
    'app://DASHBOARD/index.html',
    'app://dashboard:8080/index.html',
  ])('refuses another host: %s', (url) => {
    expect(resolveAppAsset(rendererDir, url)).toBeNull();
  });

  it.each([
    'https://dashboard/index.html',
    'file:///index.html',
    'http://dashboard/index.html',
    'apps://dashboard/index.html',
  ])('refuses another scheme: %s', (url) => {
    expect(resolveAppAsset(rendererDir, url)).toBeNull();
  });

  it.each(['not a url', '', 'app:', 'app:index.html'])('refuses the unparsable or host-less %j', (url) => {
    expect(resolveAppAsset(rendererDir, url)).toBeNull();
  });

  it.each([
    'app://dashboard/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://dashboard/assets/%2E%2E%2F%2E%2E%2F%2E%2E%2Fetc/passwd',
    'app://dashboard/..%2f..%2fsecret.txt',
    'app://dashboard/assets%2fapp.js',
    'app://dashboard/assets%2Fapp.js',
    'app://dashboard/%2fetc/passwd',
    'app://dashboard/..%5c..%5csecret.txt',
    'app://dashboard/..\\..\\secret.txt',
    'app://dashboard/assets\\app.js',
    'app://dashboard/index.html%00.png',
    'app://dashboard/%00',
    'app://dashboard/%E0%A4%A',
  ])('refuses the encoded or escaping path in %s', (url) => {
    expect(resolveAppAsset(rendererDir, url)).toBeNull();
  });

  it.each([
    'app://dashboard/../../../etc/passwd',
    'app://dashboard/assets/../../secret.txt',
    'app://dashboard/%2e%2e/%2e%2e/etc/passwd',
    'app://dashboard/.%2e/.%2e/etc/passwd',
    'app://dashboard//etc/passwd',
  ])('never resolves %s outside the renderer folder', (url) => {
    const file = resolveAppAsset(rendererDir, url);
    if (file !== null) expect(isInside(file)).toBe(true);
  });

  it('maps a path that normalises to the folder itself to index.html', () => {
    expect(resolveAppAsset(rendererDir, 'app://dashboard/.')).toBe(join(root, 'index.html'));
    expect(resolveAppAsset(rendererDir, 'app://dashboard/assets/..')).toBe(join(root, 'index.html'));
  });
});
