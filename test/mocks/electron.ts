/**
 * A typed stand-in for the `electron` module, for the shell's tests under Node (no Electron
 * binary is needed). Each fake keeps Electron's method signatures, records what it was asked
 * to do, and lets a test fire the events Electron would fire.
 *
 * Use: `vi.mock('electron', () => import('../../test/mocks/electron'))`, then `resetElectronMock()`
 * in beforeEach.
 */
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Electron from 'electron';

type Listener = (...args: never[]) => unknown;

class FakeEmitter {
  private readonly emitter = new EventEmitter();
  on(event: string, listener: Listener): this {
    this.emitter.on(event, listener as (...args: unknown[]) => void);
    return this;
  }
  once(event: string, listener: Listener): this {
    this.emitter.once(event, listener as (...args: unknown[]) => void);
    return this;
  }
  emit(event: string, ...args: unknown[]): boolean {
    return this.emitter.emit(event, ...args);
  }
  listenerCount(event: string): number {
    return this.emitter.listenerCount(event);
  }
}

export class FakeNativeImage {
  constructor(readonly path: string) {}
  isEmpty(): boolean {
    return false;
  }
}

export const nativeImage = {
  createFromPath: (path: string): FakeNativeImage => new FakeNativeImage(path),
};

export class FakeMenu extends FakeEmitter {
  constructor(readonly template: Electron.MenuItemConstructorOptions[]) {
    super();
  }
  /** Clicks the item with this label, as a user would. */
  click(label: string, patch: Partial<Electron.MenuItem> = {}): void {
    const item = this.template.find((entry) => entry.label === label);
    if (!item) throw new Error(`no menu item "${label}"`);
    if (item.enabled === false) throw new Error(`menu item "${label}" is disabled`);
    const menuItem = { checked: item.checked ?? false, ...patch } as Electron.MenuItem;
    item.click?.(menuItem, undefined, {} as Electron.KeyboardEvent);
  }
  labels(): string[] {
    return this.template.filter((entry) => entry.type !== 'separator').map((entry) => entry.label ?? '');
  }
}

export const Menu = {
  buildFromTemplate: (template: Electron.MenuItemConstructorOptions[]): FakeMenu => new FakeMenu(template),
};

export class Tray extends FakeEmitter {
  static instances: Tray[] = [];
  image: FakeNativeImage;
  toolTip = '';
  contextMenu: FakeMenu | null = null;
  private destroyed = false;

  constructor(image: FakeNativeImage) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }
  setImage(image: FakeNativeImage): void {
    this.image = image;
  }
  setToolTip(...[toolTip]: Parameters<Electron.Tray['setToolTip']>): void {
    this.toolTip = toolTip;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.contextMenu = menu;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeWebContents extends FakeEmitter {
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0] | null = null;
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }
  /** Fires a cancellable event as Electron does; returns true when a listener cancelled it. */
  fireCancellable(event: string, url: string): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => (prevented = true), url }, url);
    return prevented;
  }
}

export class BrowserWindow extends FakeEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  visible = false;
  focused = false;
  minimized = false;
  private destroyed = false;

  constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
    super();
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** What a user closing the window does: listeners may cancel it. */
  close(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.visible = false;
      this.emit('closed');
    }
    return !prevented;
  }
}

export class Notification extends FakeEmitter {
  static supported = true;
  static instances: Notification[] = [];
  shown = false;
  constructor(readonly options: Electron.NotificationConstructorOptions) {
    super();
    Notification.instances.push(this);
  }
  static isSupported(): boolean {
    return Notification.supported;
  }
  show(): void {
    this.shown = true;
  }
}

type InvokeHandler = (event: Electron.IpcMainInvokeEvent, ...args: unknown[]) => unknown;
type MainListener = (event: Electron.IpcMainEvent, ...args: unknown[]) => void;

export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  /** `ipcMain.on` listeners (electron-store registers one when a Store is built in main). */
  listeners: new Map<string, MainListener[]>(),
  on(channel: string, listener: MainListener): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  },
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

export const ipcRenderer = {
  invoked: [] as Array<{ channel: string; payload: unknown }>,
  listeners: new Map<string, Set<(event: unknown, payload: unknown) => void>>(),
  invoke(channel: string, payload?: unknown): Promise<unknown> {
    this.invoked.push({ channel, payload });
    return Promise.resolve({ ok: true, value: null });
  },
  on(channel: string, listener: (event: unknown, payload: unknown) => void): void {
    const set = this.listeners.get(channel) ?? new Set();
    set.add(listener);
    this.listeners.set(channel, set);
  },
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): void {
    this.listeners.get(channel)?.delete(listener);
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  },
  showItemInFolder(_path: string): void {},
};

type StorageBackend = ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>;

/**
 * safeStorage with a reversible stand-in for the OS keychain: the "ciphertext" is a marker and
 * the text XOR-ed byte by byte, so a test can tell it never holds the plain text. A test can
 * make encryption unavailable, or pick the Linux backend (`basic_text` is no keychain at all).
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as StorageBackend,
  /** Calls that reached the "keychain", for tests that must show none did. */
  encryptions: 0,
  decryptions: 0,
  isEncryptionAvailable(): boolean {
    return this.available;
  },
  encryptString(plainText: string): Buffer {
    if (!this.available)
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
      );
    this.encryptions += 1;
    return Buffer.concat([
      Buffer.from('fake-keychain:'),
      Buffer.from(plainText, 'utf8').map((byte) => byte ^ 0x5a),
    ]);
  },
  decryptString(encrypted: Buffer): string {
    if (!this.available)
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.',
      );
    const marker = Buffer.from('fake-keychain:');
    if (!encrypted.subarray(0, marker.length).equals(marker)) {
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    }
    this.decryptions += 1;
    return Buffer.from(encrypted.subarray(marker.length).map((byte) => byte ^ 0x5a)).toString('utf8');
  },
  getSelectedStorageBackend(): StorageBackend {
    return this.backend;
  },
};

class FakeApp extends FakeEmitter {
  isPackaged = false;
  lockGranted = true;
  quitCalls = 0;
  loginItem: Electron.LoginItemSettings = {
    openAtLogin: false,
    wasOpenedAtLogin: false,
    status: 'not-registered',
    executableWillLaunchAtLogin: false,
    launchItems: [],
  };
  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  getLoginItemSettings(): Electron.LoginItemSettings {
    return this.loginItem;
  }
  setLoginItemSettings(settings: Electron.Settings): void {
    this.loginItem = { ...this.loginItem, openAtLogin: settings.openAtLogin ?? false };
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  /** A path no test writes to unless it asks for it; electron-store reads userData as its default cwd. */
  getPath(name: Parameters<Electron.App['getPath']>[0]): string {
    return join(tmpdir(), 'dedicated-admin-fake-electron', name);
  }
  getVersion(): string {
    return '0.0.0-test';
  }
}

/** The save dialog answers with `nextSavePath` (undefined: the user cancels). */
export const dialog = {
  nextSavePath: undefined as string | undefined,
  saveDialogs: [] as Electron.SaveDialogOptions[],
  async showSaveDialog(options: Electron.SaveDialogOptions): Promise<Electron.SaveDialogReturnValue> {
    this.saveDialogs.push(options);
    const filePath = this.nextSavePath;
    return filePath ? { canceled: false, filePath } : { canceled: true, filePath: '' };
  },
};

export let app = new FakeApp();

/** Fresh fakes for each test. */
export function resetElectronMock(): void {
  app = new FakeApp();
  Tray.instances = [];
  BrowserWindow.instances = [];
  Notification.instances = [];
  Notification.supported = true;
  ipcMain.handlers.clear();
  ipcMain.listeners.clear();
  ipcRenderer.invoked = [];
  ipcRenderer.listeners.clear();
  contextBridge.exposed.clear();
  shell.opened = [];
  dialog.nextSavePath = undefined;
  dialog.saveDialogs = [];
  safeStorage.available = true;
  safeStorage.backend = 'gnome_libsecret';
  safeStorage.encryptions = 0;
  safeStorage.decryptions = 0;
}

/**
 * `import electron from 'electron'` (electron-store does this) gets the same fakes as the named
 * imports; `app` is a getter because resetElectronMock replaces it.
 */
export default {
  get app(): FakeApp {
    return app;
  },
  nativeImage,
  Menu,
  Tray,
  BrowserWindow,
  Notification,
  ipcMain,
  ipcRenderer,
  contextBridge,
  shell,
  dialog,
  safeStorage,
};
