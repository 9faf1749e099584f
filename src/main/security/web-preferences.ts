import type { WebPreferences } from 'electron';

/**
 * The dashboard's renderer settings, straight from Electron's security checklist: the page
 * runs sandboxed, isolated from the preload, without Node, with web security on. Tests assert
 * this object, and the window factory uses nothing else.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}
