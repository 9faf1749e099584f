import { join } from 'node:path';
import { app, type BrowserWindow, ipcMain, net, powerMonitor, session, shell } from 'electron';
import type { AppInfo } from '../../shared/app-info';
import { ipcEvents } from '../../shared/ipc/contract';
import type { NavigationTarget } from '../../shared/views';
import { SETTINGS_FILE_NAME } from '../core/cells/settings-path';
import { describeError } from '../core/log/logger';
import { noticeForTransition } from '../core/status/status-notices';
import type { StatusService } from '../core/status/status-service';
import { cellsHandlerDeps } from '../handlers/cells-handlers';
import { readPreferences } from '../handlers/preferences-handlers';
import { registerHandlers } from '../handlers/register-handlers';
import { bindIpcMain } from '../ipc/bind-ipc-main';
import { IpcRegistry } from '../ipc/registry';
import { APP_ENTRY_URL, APP_ORIGIN } from '../security/app-protocol-path';
import { denyAllPermissions, hardenWebContents } from '../security/harden-web-contents';
import { serveDashboard } from '../shell/app-protocol';
import { DashboardWindow } from '../shell/dashboard-window';
import { ElectronStoreBackend } from '../shell/electron-store-backend';
import { createFileLogger } from '../shell/file-logger';
import { createLoginItem, wasStartedAtLogin } from '../shell/login-item';
import { createNativeNotifier } from '../shell/notifications';
import { SafeStorageTokenVault, tokensFileBeside } from '../shell/safe-storage-token-vault';
import { saveFileWithDialog } from '../shell/save-file';
import { TrayController } from '../shell/tray';
import { CoreRuntime } from './core-runtime';
import { resolveAppPaths } from './paths';

export const ISSUES_URL = 'https://github.com/gitpod-io/dedicated-admin/issues';

/** Runs once the single-instance lock is held. Returns when the app is up. */
export async function startApp(mainModuleUrl: string): Promise<void> {
  const { logger, file: logFile } = createFileLogger(app.isPackaged);
  process.on('uncaughtException', (error) => logger.error(`uncaught: ${describeError(error)}`));
  process.on('unhandledRejection', (reason) => logger.error(`unhandled rejection: ${describeError(reason)}`));

  // Every web contents, whoever creates it, gets the same guards.
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, (what) => logger.warn(`blocked ${what} in a web contents`)),
  );

  await app.whenReady();
  const platform = process.platform;
  const paths = resolveAppPaths({
    mainModuleUrl,
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
  });
  denyAllPermissions(session.defaultSession);

  const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
  if (!devServerUrl) serveDashboard(paths.rendererDir);
  const entryUrl = devServerUrl ?? APP_ENTRY_URL;
  const trustedOrigins = [devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN];

  const dashboard = new DashboardWindow({
    preloadPath: paths.preload,
    entryUrl,
    iconPath: paths.appIcon,
    onBlocked: (what) => logger.warn(`dashboard: blocked ${what}`),
  });
  // Opening the dashboard is a moment the admin looks: the status should be fresh.
  let onDashboardOpen = (): void => undefined;
  const openView = (target?: NavigationTarget): void => {
    dashboard.show(target);
    onDashboardOpen();
  };
  // A click on a notification opens the view it speaks of.
  const notifier = createNativeNotifier(openView);

  // The CLI reads the same file (DEDICATED_ADMIN_SETTINGS points both elsewhere).
  const settingsPath =
    process.env.DEDICATED_ADMIN_SETTINGS ?? join(app.getPath('userData'), SETTINGS_FILE_NAME);
  const runtime = await CoreRuntime.open({
    settings: new ElectronStoreBackend(settingsPath),
    logger,
    notifier,
    // Live cell status: Gitpod tokens encrypted with safeStorage, beside the settings file.
    tokens: new SafeStorageTokenVault(tokensFileBeside(settingsPath), { logger }),
  });
  const { cells, updates, status } = runtime;
  const loginItem = createLoginItem(platform);
  const info: AppInfo = {
    name: app.getName(),
    version: app.getVersion(),
    platform,
    settingsDir: app.getPath('userData'),
    logFile,
    issuesUrl: ISSUES_URL,
  };

  const registry = new IpcRegistry(logger);
  registerHandlers(registry, {
    app: {
      info,
      openExternal: (url) => shell.openExternal(url),
      openLogFolder: async () => shell.showItemInFolder(logFile),
    },
    status: { status, checkNow: () => runtime.checkNow() },
    preferences: { loginItem, monitoring: runtime.settings },
    cells: cellsHandlerDeps(cells, logger),
    updates: { updates, cells, saveFile: saveFileWithDialog },
    appStatus: runtime,
    apply: { apply: runtime.apply, saveFile: saveFileWithDialog },
  });
  bindIpcMain(ipcMain, registry, trustedOrigins, logger);

  const tray = new TrayController({
    iconDir: paths.trayIconDir,
    platform,
    startAtLoginSupported: loginItem.supported,
    actions: {
      openDashboard: () => openView(),
      checkNow: () => {
        runtime.checkNow().catch((error: unknown) => logger.warn(`check: ${describeError(error)}`));
      },
      menuOpened: () => runtime.trigger('tray-open'),
      setStartAtLogin: (enabled) => {
        loginItem
          .setEnabled(enabled)
          .then(() => tray.setStartAtLogin(enabled))
          .catch((error: unknown) => logger.error(`start at login: ${describeError(error)}`));
      },
      quit: () => app.quit(),
    },
  });
  const preferences = await readPreferences({ loginItem, monitoring: runtime.settings });
  tray.create(status.snapshot(), preferences.startAtLogin);
  let lastSettled = status.snapshot();
  status.subscribe((snapshot) => {
    tray.update(snapshot);
    dashboard.send(ipcEvents.statusChanged.channel, snapshot);
    if (snapshot.checking) return;
    const notice = noticeForTransition(lastSettled, snapshot);
    if (notice) notifier.notify(notice);
    lastSettled = snapshot;
  });

  cells.subscribe((state) => dashboard.send(ipcEvents.cellsChanged.channel, state));
  updates.subscribe((state) => dashboard.send(ipcEvents.updatesChanged.channel, state));
  onDashboardOpen = () => runtime.trigger('dashboard-open');
  watchNetwork(runtime, status);

  // Live cell status: polled every minute while the dashboard is shown, every five otherwise;
  // at once on wake (below) and when the network returns.
  runtime.subscribeAppStatus((state) => dashboard.send(ipcEvents.appStatusChanged.channel, state));
  runtime.apply.subscribe((run) => dashboard.send(ipcEvents.applyChanged.channel, run));
  app.on('browser-window-created', (_event, window) => followDashboardVisibility(runtime, window));
  watchNetworkReturn(runtime);

  app.on('second-instance', () => openView());
  app.on('before-quit', () => {
    dashboard.prepareToQuit();
    runtime.dispose();
  });
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => openView());
  powerMonitor.on('resume', () => runtime.trigger('wake'));

  logger.info(`Dedicated Admin ${info.version} started on ${platform}`);
  runtime.start();
  if (!wasStartedAtLogin(platform, process.argv)) openView();
}

const NETWORK_POLL_MS = 30_000;

/**
 * The dashboard is the app's only window: while it is shown (not hidden, not minimised) the
 * admin is looking, and the live status polls at the dashboard's pace.
 */
function followDashboardVisibility(runtime: CoreRuntime, window: BrowserWindow): void {
  const looking = (open: boolean) => () => runtime.setDashboardOpen(open);
  window.on('show', looking(true));
  window.on('restore', looking(true));
  window.on('hide', looking(false));
  window.on('minimize', looking(false));
  window.on('closed', looking(false));
}

/**
 * The network coming back (the OS reports offline, then online again): the cells' web addresses
 * are checked at once instead of after their backoff. A VPN connecting does not change what
 * the OS reports; the next poll finds the cell then.
 */
function watchNetworkReturn(runtime: CoreRuntime): void {
  let online = net.isOnline();
  const poll = setInterval(() => {
    const now = net.isOnline();
    if (now && !online) runtime.networkReturned();
    online = now;
  }, NETWORK_POLL_MS);
  poll.unref();
}

/**
 * Main has no "online" event: while the status is offline, ask the OS every 30 s whether the
 * network is back, and refresh at once when it is. Nothing polls while AWS is reachable.
 */
function watchNetwork(runtime: CoreRuntime, status: StatusService): void {
  let poll: ReturnType<typeof setInterval> | null = null;
  status.subscribe((snapshot) => {
    if (snapshot.checking) return;
    if (snapshot.state === 'offline' && poll === null) {
      poll = setInterval(() => {
        if (net.isOnline()) runtime.trigger('online');
      }, NETWORK_POLL_MS);
      poll.unref();
    } else if (snapshot.state !== 'offline' && poll !== null) {
      clearInterval(poll);
      poll = null;
    }
  });
}
