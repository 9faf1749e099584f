import { describe, expect, it } from 'vitest';
import { secureWebPreferences } from './web-preferences';

describe('main/security/web-preferences', () => {
  const prefs = secureWebPreferences('/opt/Dedicated Admin/resources/preload/index.cjs');

  it('passes the preload path through unchanged', () => {
    expect(prefs.preload).toBe('/opt/Dedicated Admin/resources/preload/index.cjs');
  });

  it('isolates the page from the preload and sandboxes it', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
  });

  it('gives the page, its workers and its subframes no Node', () => {
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and insecure content off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('allows no <webview> and no navigation by drag and drop', () => {
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
  });

  it('returns a fresh object per call', () => {
    expect(secureWebPreferences('/a')).not.toBe(secureWebPreferences('/a'));
    expect(secureWebPreferences('/a').preload).toBe('/a');
  });
});
