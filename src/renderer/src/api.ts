import type { DedicatedAdminApi } from '../../shared/ipc/api';

/** The API the preload exposes. Throws when the page runs without it (e.g. in a plain browser). */
export function getApi(): DedicatedAdminApi {
  const api = window.dedicatedAdmin;
  if (!api) {
    throw new Error(
      'The Dedicated Admin API is not available: the preload script did not run. Open the dashboard from the app, not a browser.',
    );
  }
  return api;
}
