import type { CellAppView } from '../../../shared/app-status/app-status-ipc';
import { CELL_ID } from './cell-fixtures';

const HOUR = 3600 * 1000;

/** A cell's live Gitpod status as main sends it: reachable, not in maintenance, token stored. */
export function appView(overrides: Partial<CellAppView> = {}): CellAppView {
  const now = Date.now();
  return {
    cellId: CELL_ID,
    name: 'production',
    domain: 'gitpod.example.com',
    version: 'main-gha.34501',
    versionSince: new Date(now - 2 * HOUR).toISOString(),
    reachable: true,
    failedChecks: 0,
    unreachableSince: null,
    problem: null,
    responseMs: 84,
    checkedAt: new Date(now - 60_000).toISOString(),
    dedicated: true,
    maintenance: false,
    maintenanceNotice: null,
    maintenanceNeedsToken: false,
    maintenanceProblem: null,
    maintenanceCheckedAt: new Date(now - 60_000).toISOString(),
    organization: { id: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', name: 'Acme' },
    history: { versions: [], maintenance: [] },
    checking: false,
    nextCheckAt: null,
    hasToken: true,
    ...overrides,
  };
}
