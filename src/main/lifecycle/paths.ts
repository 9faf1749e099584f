import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface AppPaths {
  readonly preload: string;
  readonly rendererDir: string;
  readonly trayIconDir: string;
  readonly appIcon: string;
}

/**
 * Where the bundle's parts are. Packaged builds carry the icons as extra resources outside
 * the asar archive, because the OS tray reads them by path.
 */
export function resolveAppPaths(options: {
  mainModuleUrl: string;
  isPackaged: boolean;
  appPath: string;
  resourcesPath: string;
}): AppPaths {
  const mainDir = dirname(fileURLToPath(options.mainModuleUrl));
  const assets = options.isPackaged ? options.resourcesPath : join(options.appPath, 'assets');
  return {
    preload: join(mainDir, '..', 'preload', 'index.cjs'),
    rendererDir: join(mainDir, '..', 'renderer'),
    trayIconDir: join(assets, 'tray'),
    appIcon: join(assets, 'icon-256.png'),
  };
}
