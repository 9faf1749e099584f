import { contextBridge, ipcRenderer } from 'electron';
import { API_GLOBAL } from '../shared/ipc/contract';
import { buildApi } from './build-api';

// contextIsolation is on, so this object is copied into the page's world; the page never
// touches ipcRenderer itself.
contextBridge.exposeInMainWorld(API_GLOBAL, buildApi(ipcRenderer));
