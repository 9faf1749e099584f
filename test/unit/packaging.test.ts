import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TRAY_STATES } from '../../src/shared/status';

const root = join(import.meta.dirname, '..', '..');

interface BuilderTarget {
  target: string;
}
interface BuilderConfig {
  appId: string;
  productName: string;
  icon: string;
  files: string[];
  extraResources: Array<{ from: string; to: string }>;
  electronFuses: Record<string, boolean>;
  mac: { target: BuilderTarget[]; extendInfo: Record<string, unknown> };
  win: { target: BuilderTarget[] };
  linux: { target: Array<string | BuilderTarget> };
}

const config = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('names the app and builds dmg, nsis, AppImage and deb installers', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/);
    expect(config.productName).toBe('Dedicated Admin');
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
  });

  it('ships an app icon large enough for every platform and a tray icon for every state', () => {
    const icon = join(root, config.icon);
    expect(existsSync(icon)).toBe(true);
    // PNG header: width and height are big-endian at bytes 16 and 20.
    const header = readFileSync(icon);
    expect(header.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    for (const state of TRAY_STATES) {
      for (const variant of ['', '@2x', 'Template', 'Template@2x']) {
        expect(
          existsSync(join(root, 'assets', 'tray', `tray-${state}${variant}.png`)),
          `${state}${variant}`,
        ).toBe(true);
      }
    }
    expect(config.extraResources).toContainEqual({ from: 'assets/tray', to: 'tray' });
  });

  it('switches off the Electron fuses a tray app does not need', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
    });
  });

  it('packs the built app only, not the sources', () => {
    expect(config.files).toContain('out/**');
    expect(config.files.some((pattern) => pattern.startsWith('src'))).toBe(false);
  });
});
