import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_EXTENSIONS = /\.(?:ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;

interface SourceFile {
  readonly path: string;
  readonly text: string;
}

function sourceFiles(dir: string): SourceFile[] {
  const absolute = join(ROOT, dir);
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE_EXTENSIONS.test(entry.name))
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path: relative(ROOT, path), text: readFileSync(path, 'utf8') };
    });
}

/** Module specifiers a file loads: static imports and re-exports, require(), dynamic import(). */
function importedModules(text: string): string[] {
  const patterns = [
    /\bfrom\s*(['"`])([^'"`]+)\1/g,
    /\bimport\s*(['"`])([^'"`]+)\1/g,
    /\brequire\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g,
    /\bimport\s*\(\s*(['"`])([^'"`]+)\1\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[2] ?? ''));
}

function importsElectron(text: string): boolean {
  return importedModules(text).some((name) => name === 'electron' || name.startsWith('electron/'));
}

function importsNodeBuiltin(text: string): boolean {
  return importedModules(text).some((name) => name.startsWith('node:'));
}

const INSECURE_SETTINGS: ReadonlyArray<[string, RegExp]> = [
  ['nodeIntegration: true', /\bnodeIntegration(?:InWorker|InSubFrames)?\s*:\s*true\b/],
  ['contextIsolation: false', /\bcontextIsolation\s*:\s*false\b/],
  ['sandbox: false', /\bsandbox\s*:\s*false\b/],
  ['webSecurity: false', /\bwebSecurity\s*:\s*false\b/],
  ['@electron/remote', /@electron\/remote/],
];

function insecureSettings(text: string): string[] {
  return INSECURE_SETTINGS.filter(([, pattern]) => pattern.test(text)).map(([name]) => name);
}

/** This file names the forbidden settings itself, as data; it is not under src/ anyway. */
const srcFiles = sourceFiles('src');

describe('test/unit/architecture', () => {
  describe('the scanners', () => {
    it.each([
      "import { app } from 'electron';",
      'import { app } from "electron";',
      "import type { WebContents } from 'electron';",
      "export { shell } from 'electron';",
      "import 'electron';",
      "const { app } = require('electron');",
      'const electron = require( "electron" );',
      "const electron = await import('electron');",
      'const electron = await import(`electron`);',
      "import { ipcRenderer } from 'electron/renderer';",
    ])('detects electron in %s', (sample) => {
      expect(importsElectron(sample)).toBe(true);
    });

    it.each([
      "import { app } from './electron-free';",
      "import { z } from 'zod';",
      '// the electron module is not imported here',
      "const name = 'electron';",
    ])('does not flag %s', (sample) => {
      expect(importsElectron(sample)).toBe(false);
    });

    it('detects node: builtins in static, require and dynamic forms', () => {
      expect(importsNodeBuiltin("import { readFile } from 'node:fs/promises';")).toBe(true);
      expect(importsNodeBuiltin("const fs = require('node:fs');")).toBe(true);
      expect(importsNodeBuiltin("await import('node:child_process');")).toBe(true);
      expect(importsNodeBuiltin("import { useState } from 'react';")).toBe(false);
    });

    it('detects each insecure setting', () => {
      const sample = [
        'nodeIntegration: true,',
        'contextIsolation: false,',
        'sandbox:false,',
        'webSecurity :  false,',
        "import remote from '@electron/remote';",
      ].join('\n');
      expect(insecureSettings(sample)).toEqual(INSECURE_SETTINGS.map(([name]) => name));
      expect(insecureSettings('nodeIntegration: false, contextIsolation: true, sandbox: true')).toEqual([]);
    });
  });

  it('finds the source files it checks', () => {
    expect(srcFiles.some((file) => file.path.startsWith(join('src', 'main', 'core')))).toBe(true);
    expect(srcFiles.some((file) => file.path.startsWith(join('src', 'renderer')))).toBe(true);
  });

  it('keeps src/main/core free of electron', () => {
    const offenders = srcFiles
      .filter((file) => file.path.startsWith(join('src', 'main', 'core')) && importsElectron(file.text))
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });

  it('keeps the CLI free of electron: it runs in plain Node', () => {
    const cliFiles = srcFiles.filter((file) => file.path.startsWith(join('src', 'main', 'cli')));
    expect(cliFiles.length).toBeGreaterThan(0);
    expect(cliFiles.filter((file) => importsElectron(file.text)).map((file) => file.path)).toEqual([]);
  });

  it('keeps src/renderer free of electron and node: modules', () => {
    const offenders = srcFiles
      .filter((file) => file.path.startsWith(join('src', 'renderer')))
      .filter((file) => importsElectron(file.text) || importsNodeBuiltin(file.text))
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });

  it('never weakens Electron security settings or uses @electron/remote anywhere in src', () => {
    const offenders = srcFiles
      .map((file) => ({ path: file.path, settings: insecureSettings(file.text) }))
      .filter((file) => file.settings.length > 0);
    expect(offenders).toEqual([]);
  });
});
