import type { DedicatedAdminApi } from '../../shared/ipc/api';

declare global {
  interface Window {
    /** Exposed by the preload; absent when the page is opened outside Electron. */
    readonly dedicatedAdmin?: DedicatedAdminApi;
  }
}
