import { z } from 'zod';
import { MAX_NOTICE_LENGTH, MAX_VERSION_LENGTH } from '../../../shared/app-status/app-status';
import { callConnect } from './connect-json';
import { type Fetched, failed, fetched, type GitpodHttp } from './gitpod-http';
import { problem } from './problems';

/**
 * The cell's HTTPS endpoints this app reads and writes (DESIGN.md, "The cell over HTTPS";
 * field names as in gitpod-io/gitpod's public API and its dashboard's calls). Replies are
 * validated here; the rest of the app sees plain values or a problem.
 */

export interface VersionReading {
  readonly version: string;
  readonly ms: number;
}

export interface Organization {
  readonly id: string;
  readonly name: string;
}

export interface MaintenanceNotification {
  readonly enabled: boolean;
  /** The custom text, or null when there is none. */
  readonly message: string | null;
}

/** What the app asks of one cell. Tokens are passed per call and never kept. */
export interface CellClient {
  readonly host: string;
  version(): Promise<Fetched<VersionReading>>;
  health(): Promise<Fetched<{ readonly ms: number }>>;
  /** Whether the cell says it is a Gitpod Dedicated installation (no auth). */
  isDedicated(): Promise<Fetched<boolean>>;
  listOrganizations(token: string): Promise<Fetched<Organization[]>>;
  maintenanceMode(token: string, organizationId: string): Promise<Fetched<boolean>>;
  maintenanceNotification(token: string, organizationId: string): Promise<Fetched<MaintenanceNotification>>;
  setMaintenanceMode(token: string, organizationId: string, enabled: boolean): Promise<Fetched<boolean>>;
  setMaintenanceNotification(
    token: string,
    organizationId: string,
    enabled: boolean,
    customMessage?: string,
  ): Promise<Fetched<MaintenanceNotification>>;
}

/** Visible ASCII, no markup: `main-gha.34488`, `release-2025.01.2`, a commit hash. */
const VERSION_PATTERN = /^[\x21-\x3b\x3d\x3f-\x7e]+$/;

/** Reads `/api/version`'s text: a short opaque token, never a page or a paragraph. */
export function parseVersionText(body: string, host: string): Fetched<string> {
  const text = body.trim();
  if (text === '') {
    return failed(problem('bad-reply', `${host}/api/version replied with nothing.`, null, 'empty'));
  }
  if (text.length > MAX_VERSION_LENGTH) {
    return failed(
      problem(
        'bad-reply',
        `${host}/api/version replied with ${text.length} characters, too long for a version.`,
        'Something other than Gitpod may answer at this address: check the domain.',
        'too-long',
      ),
    );
  }
  if (!VERSION_PATTERN.test(text)) {
    return failed(
      problem(
        'bad-reply',
        `${host}/api/version replied with text that is not a version.`,
        'Something other than Gitpod may answer at this address: check the domain.',
        'not-a-version',
      ),
    );
  }
  return fetched(text);
}

const installationConfigurationSchema = z.object({
  configuration: z.object({ isDedicatedInstallation: z.boolean().optional() }).optional(),
});

const organizationSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().max(200).optional(),
});
const listOrganizationsSchema = z.object({
  organizations: z.array(organizationSchema).max(1000).optional(),
});

const maintenanceModeSchema = z.object({ enabled: z.boolean().optional() });
const maintenanceNotificationSchema = z.object({
  isEnabled: z.boolean().optional(),
  message: z
    .string()
    .max(64 * 1024)
    .optional(),
});

function notification(data: z.output<typeof maintenanceNotificationSchema>): MaintenanceNotification {
  const message = data.message === undefined || data.message === '' ? null : data.message;
  return {
    enabled: data.isEnabled === true,
    message: message === null ? null : message.slice(0, MAX_NOTICE_LENGTH),
  };
}

function mapped<A, B>(result: Fetched<A>, map: (value: A) => B): Fetched<B> {
  return result.ok ? fetched(map(result.value)) : result;
}

export function createCellClient(http: GitpodHttp): CellClient {
  const host = http.host;
  return {
    host,
    async version() {
      const sent = await http.send({
        method: 'GET',
        path: '/api/version',
        headers: { accept: 'text/plain' },
      });
      if (!sent.ok) return sent;
      const reply = sent.value;
      if (reply.status !== 200) {
        return failed(
          problem(
            'http-error',
            `${host}/api/version replied HTTP ${reply.status}.`,
            reply.status >= 500
              ? 'The cell may be updating or in trouble; Dedicated Admin tries again by itself.'
              : null,
            String(reply.status),
          ),
        );
      }
      const text = parseVersionText(reply.body, host);
      return mapped(text, (version) => ({ version, ms: reply.ms }));
    },
    async health() {
      const sent = await http.send({ method: 'GET', path: '/api/health' });
      if (!sent.ok) return sent;
      if (sent.value.status < 200 || sent.value.status >= 300) {
        return failed(
          problem(
            'http-error',
            `${host}/api/health replied HTTP ${sent.value.status}: the cell’s front door reports trouble.`,
            'The cell may be updating or in trouble; Dedicated Admin tries again by itself.',
            String(sent.value.status),
          ),
        );
      }
      return fetched({ ms: sent.value.ms });
    },
    async isDedicated() {
      const result = await callConnect(http, {
        service: 'InstallationService',
        method: 'GetInstallationConfiguration',
        request: {},
        response: installationConfigurationSchema,
      });
      return mapped(result, (data) => data.configuration?.isDedicatedInstallation === true);
    },
    async listOrganizations(token) {
      const result = await callConnect(http, {
        service: 'OrganizationService',
        method: 'ListOrganizations',
        request: {},
        response: listOrganizationsSchema,
        token,
      });
      return mapped(result, (data) =>
        (data.organizations ?? []).map((org) => ({ id: org.id, name: org.name ?? '' })),
      );
    },
    async maintenanceMode(token, organizationId) {
      const result = await callConnect(http, {
        service: 'OrganizationService',
        method: 'GetOrganizationMaintenanceMode',
        request: { organizationId },
        response: maintenanceModeSchema,
        token,
      });
      return mapped(result, (data) => data.enabled === true);
    },
    async maintenanceNotification(token, organizationId) {
      const result = await callConnect(http, {
        service: 'OrganizationService',
        method: 'GetMaintenanceNotification',
        request: { organizationId },
        response: maintenanceNotificationSchema,
        token,
      });
      return mapped(result, notification);
    },
    async setMaintenanceMode(token, organizationId, enabled) {
      const result = await callConnect(http, {
        service: 'OrganizationService',
        method: 'SetOrganizationMaintenanceMode',
        request: { organizationId, enabled },
        response: maintenanceModeSchema,
        token,
      });
      return mapped(result, (data) => data.enabled === true);
    },
    async setMaintenanceNotification(token, organizationId, enabled, customMessage) {
      const result = await callConnect(http, {
        service: 'OrganizationService',
        method: 'SetMaintenanceNotification',
        request: {
          organizationId,
          isEnabled: enabled,
          ...(customMessage === undefined ? {} : { customMessage }),
        },
        response: maintenanceNotificationSchema,
        token,
      });
      return mapped(result, notification);
    },
  };
}
