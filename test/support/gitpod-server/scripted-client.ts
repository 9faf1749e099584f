/**
 * A CellClient without a network, for unit tests that run the monitor on ManualTimers: the
 * test sets what the "cell" answers and reads how often each call was made. The HTTPS server
 * beside it covers the wire; this covers timing and state rules quickly.
 */

import type {
  CellClient,
  MaintenanceNotification,
  Organization,
  VersionReading,
} from '../../../src/main/core/app-status/gitpod-api';
import { type Fetched, failed, fetched } from '../../../src/main/core/app-status/gitpod-http';
import { problem } from '../../../src/main/core/app-status/problems';
import type { AppProblem } from '../../../src/shared/app-status/app-status';

export const UNREACHABLE: AppProblem = problem(
  'unreachable',
  'gitpod.example.com could not be reached (ECONNREFUSED).',
  'Connect to the VPN.',
  'ECONNREFUSED',
);

export type ScriptedCall =
  | 'version'
  | 'health'
  | 'isDedicated'
  | 'listOrganizations'
  | 'maintenanceMode'
  | 'maintenanceNotification'
  | 'setMaintenanceMode'
  | 'setMaintenanceNotification';

export class ScriptedCellClient implements CellClient {
  readonly host = 'gitpod.example.com';
  /** The version /api/version reports. */
  runs = 'main-gha.100';
  /** When set, version and health fail with it. */
  down: AppProblem | null = null;
  dedicated = true;
  organizations: Organization[] = [{ id: 'org-1', name: 'Acme' }];
  maintenance = false;
  notice: MaintenanceNotification = { enabled: false, message: null };
  /** When set, every token call fails with it. */
  tokenProblem: AppProblem | null = null;
  /** When set, the next setter call of this kind fails with it. */
  failNextSet: { call: 'setMaintenanceMode' | 'setMaintenanceNotification'; problem: AppProblem } | null =
    null;
  readonly calls: ScriptedCall[] = [];
  readonly tokensSeen: string[] = [];

  count(call: ScriptedCall): number {
    return this.calls.filter((c) => c === call).length;
  }

  private auth<T>(call: ScriptedCall, token: string, value: () => T): Fetched<T> {
    this.calls.push(call);
    this.tokensSeen.push(token);
    if (this.down) return failed(this.down);
    if (this.tokenProblem) return failed(this.tokenProblem);
    if (this.failNextSet?.call === call) {
      const found = this.failNextSet.problem;
      this.failNextSet = null;
      return failed(found);
    }
    return fetched(value());
  }

  async version(): Promise<Fetched<VersionReading>> {
    this.calls.push('version');
    return this.down ? failed(this.down) : fetched({ version: this.runs, ms: 42 });
  }

  async health(): Promise<Fetched<{ ms: number }>> {
    this.calls.push('health');
    return this.down ? failed(this.down) : fetched({ ms: 5 });
  }

  async isDedicated(): Promise<Fetched<boolean>> {
    this.calls.push('isDedicated');
    return this.down ? failed(this.down) : fetched(this.dedicated);
  }

  async listOrganizations(token: string): Promise<Fetched<Organization[]>> {
    return this.auth('listOrganizations', token, () => [...this.organizations]);
  }

  async maintenanceMode(token: string, _organizationId: string): Promise<Fetched<boolean>> {
    return this.auth('maintenanceMode', token, () => this.maintenance);
  }

  async maintenanceNotification(
    token: string,
    _organizationId: string,
  ): Promise<Fetched<MaintenanceNotification>> {
    return this.auth('maintenanceNotification', token, () => ({ ...this.notice }));
  }

  async setMaintenanceMode(
    token: string,
    _organizationId: string,
    enabled: boolean,
  ): Promise<Fetched<boolean>> {
    return this.auth('setMaintenanceMode', token, () => {
      this.maintenance = enabled;
      return enabled;
    });
  }

  async setMaintenanceNotification(
    token: string,
    _organizationId: string,
    enabled: boolean,
    customMessage?: string,
  ): Promise<Fetched<MaintenanceNotification>> {
    return this.auth('setMaintenanceNotification', token, () => {
      this.notice = { enabled, message: customMessage ?? null };
      return { ...this.notice };
    });
  }
}
