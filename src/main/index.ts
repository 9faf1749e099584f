import { app } from 'electron';
import { startApp } from './lifecycle/startup';
import { registerAppScheme } from './shell/app-protocol';

// Privileged schemes must be registered before the app is ready.
registerAppScheme();

// One instance only: a second launch (from the menu, or at login twice) focuses the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void startApp(import.meta.url);
}
