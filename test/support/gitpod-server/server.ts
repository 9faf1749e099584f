/**
 * A local HTTPS server that answers like a Gitpod cell on exactly the routes Dedicated Admin
 * uses (../shared/DESIGN.md, "The cell over HTTPS"): `/api/version` as plain text,
 * `/api/health` with an empty 200, and the public API's Connect JSON calls with Connect error
 * bodies. Tests script it (version, health, maintenance, notice, tokens, organizations) and
 * inject faults per route (hang, slow, HTML, huge, redirect, Connect errors, cut connections),
 * and read how often each route was asked.
 *
 * It binds 127.0.0.1 on a free port with a certificate made for the test (see certificates.ts);
 * the client trusts it only by being handed `ca`.
 *
 * Access rules (an assumption where Gitpod's are not documented): an `owner` token may read and
 * switch maintenance; a `member` token may read it and list organizations, but not switch
 * (`permission_denied`); `wrong-scope` gets `permission_denied` everywhere; `revoked` and any
 * unknown token get `unauthenticated`. Unauthenticated calls: version, health and
 * GetInstallationConfiguration only.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { type CertificateMode, makeCertificate } from './certificates';

export const ROUTES = {
  version: '/api/version',
  health: '/api/health',
  GetInstallationConfiguration: '/public-api/gitpod.v1.InstallationService/GetInstallationConfiguration',
  ListOrganizations: '/public-api/gitpod.v1.OrganizationService/ListOrganizations',
  GetOrganizationMaintenanceMode: '/public-api/gitpod.v1.OrganizationService/GetOrganizationMaintenanceMode',
  GetMaintenanceNotification: '/public-api/gitpod.v1.OrganizationService/GetMaintenanceNotification',
  SetOrganizationMaintenanceMode: '/public-api/gitpod.v1.OrganizationService/SetOrganizationMaintenanceMode',
  SetMaintenanceNotification: '/public-api/gitpod.v1.OrganizationService/SetMaintenanceNotification',
} as const;
export type RouteName = keyof typeof ROUTES;

/** A scripted fault for one route, instead of its normal answer. */
export type Behaviour =
  /** Accepts the request and never answers. */
  | { readonly kind: 'hang' }
  /** Answers normally after `ms`. */
  | { readonly kind: 'slow'; readonly ms: number }
  /** 200 with a text/html page, as a login page or a proxy would. */
  | { readonly kind: 'html' }
  /** 200 text/plain whose body is markup. */
  | { readonly kind: 'markup' }
  /** 200 text/plain with this many bytes. */
  | { readonly kind: 'huge'; readonly bytes: number }
  /** Any status and body. */
  | { readonly kind: 'reply'; readonly status: number; readonly body: string; readonly contentType?: string }
  | { readonly kind: 'redirect'; readonly location: string; readonly status?: number }
  /** A Connect error body with the HTTP status Connect maps the code to. */
  | { readonly kind: 'connect-error'; readonly code: string; readonly message?: string }
  /** Cuts the connection without an answer. */
  | { readonly kind: 'reset' };

export type TokenGrant = 'owner' | 'member' | 'revoked' | 'wrong-scope';

export interface TestOrganization {
  readonly id: string;
  readonly name: string;
}

export interface RecordedRequest {
  readonly route: RouteName | 'unknown';
  readonly method: string;
  readonly path: string;
  readonly contentType: string | undefined;
  readonly connectProtocolVersion: string | undefined;
  readonly authorization: string | undefined;
  readonly body: string;
}

export interface GitpodTestServer {
  /** `127.0.0.1:<port>`: what a cell's domain would be. */
  readonly domain: string;
  readonly port: number;
  /** The certificate the client must trust (PEM). */
  readonly ca: string;
  version: string;
  /** false: /api/health answers 503. */
  healthy: boolean;
  dedicated: boolean;
  /** Organization maintenance mode (one organization state for the whole server). */
  maintenance: boolean;
  notice: { enabled: boolean; message: string };
  organizations: TestOrganization[];
  readonly tokens: Map<string, TokenGrant>;
  /** While true every connection is cut before TLS: the cell is gone (ECONNRESET). */
  offline: boolean;
  /** Makes `route` misbehave, for the next `times` requests (default: until cleared with null). */
  behave(route: RouteName, behaviour: Behaviour | null, times?: number): void;
  count(route: RouteName): number;
  readonly requests: RecordedRequest[];
  resetCounts(): void;
  close(): Promise<void>;
}

export interface StartGitpodServerOptions {
  readonly certificate?: CertificateMode;
  readonly version?: string;
}

/** HTTP statuses Connect uses per code (connect-go's codeToHTTP). */
const CONNECT_HTTP_STATUS: Record<string, number> = {
  canceled: 499,
  unknown: 500,
  invalid_argument: 400,
  deadline_exceeded: 504,
  not_found: 404,
  already_exists: 409,
  permission_denied: 403,
  resource_exhausted: 429,
  failed_precondition: 400,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  data_loss: 500,
  unauthenticated: 401,
};

const ORGANIZATION_ROUTES: ReadonlySet<RouteName> = new Set([
  'ListOrganizations',
  'GetOrganizationMaintenanceMode',
  'GetMaintenanceNotification',
  'SetOrganizationMaintenanceMode',
  'SetMaintenanceNotification',
]);
const SETTERS: ReadonlySet<RouteName> = new Set([
  'SetOrganizationMaintenanceMode',
  'SetMaintenanceNotification',
]);

function routeOf(path: string): RouteName | 'unknown' {
  const bare = path.split('?')[0];
  for (const [name, route] of Object.entries(ROUTES)) if (route === bare) return name as RouteName;
  return 'unknown';
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function connectError(res: ServerResponse, code: string, message: string): void {
  json(res, CONNECT_HTTP_STATUS[code] ?? 500, { code, message });
}

export async function startGitpodServer(options: StartGitpodServerOptions = {}): Promise<GitpodTestServer> {
  const certificate = await makeCertificate(options.certificate ?? 'trusted');
  const sockets = new Set<Socket>();
  const counts = new Map<RouteName, number>();
  const behaviours = new Map<RouteName, { behaviour: Behaviour; remaining: number }>();
  const requests: RecordedRequest[] = [];

  const state = {
    version: options.version ?? 'main-gha.34488',
    healthy: true,
    dedicated: true,
    maintenance: false,
    notice: { enabled: false, message: '' },
    organizations: [{ id: randomUUID(), name: 'Acme' }] as TestOrganization[],
    tokens: new Map<string, TokenGrant>(),
    offline: false,
  };

  function nextBehaviour(route: RouteName): Behaviour | null {
    const entry = behaviours.get(route);
    if (entry === undefined) return null;
    entry.remaining -= 1;
    if (entry.remaining <= 0) behaviours.delete(route);
    return entry.behaviour;
  }

  /** The route's normal answer. */
  function answer(route: RouteName, req: IncomingMessage, res: ServerResponse, body: string): void {
    if (route === 'version') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(state.version);
      return;
    }
    if (route === 'health') {
      res.writeHead(state.healthy ? 200 : 503, { 'content-length': 0 });
      res.end();
      return;
    }
    // Connect unary: POST, JSON, protocol version 1.
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' });
      res.end();
      return;
    }
    if ((req.headers['content-type'] ?? '').split(';')[0]?.trim() !== 'application/json') {
      res.writeHead(415);
      res.end();
      return;
    }
    if (req.headers['connect-protocol-version'] !== '1') {
      connectError(res, 'invalid_argument', 'missing required header: set Connect-Protocol-Version to "1"');
      return;
    }
    let message: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(body === '' ? '{}' : body);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new Error('not an object');
      message = parsed as Record<string, unknown>;
    } catch {
      connectError(res, 'invalid_argument', 'unmarshal message: invalid JSON');
      return;
    }
    if (route === 'GetInstallationConfiguration') {
      json(res, 200, { configuration: state.dedicated ? { isDedicatedInstallation: true } : {} });
      return;
    }
    if (ORGANIZATION_ROUTES.has(route)) {
      const authorization = req.headers.authorization ?? '';
      const match = /^Bearer (.+)$/.exec(authorization);
      if (match === null) {
        connectError(res, 'unauthenticated', 'user is not authenticated');
        return;
      }
      const grant = state.tokens.get(match[1] as string);
      if (grant === undefined || grant === 'revoked') {
        connectError(res, 'unauthenticated', 'the access token is invalid or has been revoked');
        return;
      }
      if (grant === 'wrong-scope' || (grant === 'member' && SETTERS.has(route))) {
        connectError(res, 'permission_denied', 'permission denied');
        return;
      }
    }
    if (route === 'ListOrganizations') {
      json(res, 200, {
        organizations: state.organizations.map((org) => ({
          id: org.id,
          name: org.name,
          slug: org.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
          creationTime: '2024-01-01T00:00:00Z',
        })),
        pagination: { total: state.organizations.length },
      });
      return;
    }
    const organizationId = message.organizationId;
    if (typeof organizationId !== 'string' || organizationId === '') {
      connectError(res, 'invalid_argument', 'organizationId is required');
      return;
    }
    if (!state.organizations.some((org) => org.id === organizationId)) {
      connectError(res, 'not_found', `organization ${organizationId} not found`);
      return;
    }
    // proto3 JSON: false booleans and empty strings are left out.
    switch (route) {
      case 'GetOrganizationMaintenanceMode':
        json(res, 200, state.maintenance ? { enabled: true } : {});
        return;
      case 'SetOrganizationMaintenanceMode':
        state.maintenance = message.enabled === true;
        json(res, 200, state.maintenance ? { enabled: true } : {});
        return;
      case 'GetMaintenanceNotification':
        json(res, 200, noticeReply());
        return;
      case 'SetMaintenanceNotification':
        state.notice = {
          enabled: message.isEnabled === true,
          message: typeof message.customMessage === 'string' ? message.customMessage : '',
        };
        json(res, 200, noticeReply());
        return;
      default:
        connectError(res, 'unimplemented', `${route} is not implemented`);
    }
  }

  function noticeReply(): Record<string, unknown> {
    if (!state.notice.enabled) return {};
    return state.notice.message === ''
      ? { isEnabled: true }
      : { isEnabled: true, message: state.notice.message };
  }

  function misbehave(
    behaviour: Behaviour,
    route: RouteName,
    req: IncomingMessage,
    res: ServerResponse,
    body: string,
  ): void {
    switch (behaviour.kind) {
      case 'hang':
        return;
      case 'slow':
        setTimeout(() => {
          if (!res.destroyed) answer(route, req, res, body);
        }, behaviour.ms);
        return;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end('<!doctype html><html><head><title>Sign in</title></head><body>Sign in</body></html>');
        return;
      case 'markup':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('<html><body>Gateway</body></html>');
        return;
      case 'huge':
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('x'.repeat(behaviour.bytes));
        return;
      case 'reply':
        res.writeHead(behaviour.status, { 'content-type': behaviour.contentType ?? 'text/plain' });
        res.end(behaviour.body);
        return;
      case 'redirect':
        res.writeHead(behaviour.status ?? 302, { location: behaviour.location });
        res.end();
        return;
      case 'connect-error':
        connectError(res, behaviour.code, behaviour.message ?? behaviour.code);
        return;
      case 'reset':
        req.socket.destroy();
        return;
    }
  }

  const server: Server = createServer({ key: certificate.key, cert: certificate.cert }, (req, res) => {
    const route = routeOf(req.url ?? '/');
    void readBody(req).then(
      (body) => {
        requests.push({
          route,
          method: req.method ?? '',
          path: req.url ?? '',
          contentType: req.headers['content-type'],
          connectProtocolVersion: req.headers['connect-protocol-version'] as string | undefined,
          authorization: req.headers.authorization,
          body,
        });
        if (route === 'unknown') {
          res.writeHead(404, { 'content-type': 'text/plain' });
          res.end('404 page not found');
          return;
        }
        counts.set(route, (counts.get(route) ?? 0) + 1);
        const behaviour = nextBehaviour(route);
        if (behaviour === null) answer(route, req, res, body);
        else misbehave(behaviour, route, req, res, body);
      },
      () => req.socket.destroy(),
    );
  });
  server.on('connection', (socket: Socket) => {
    if (state.offline) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that gives up on a certificate aborts the handshake: not the server's problem.
  server.on('tlsClientError', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the Gitpod test server has no port');
  const port = address.port;

  return {
    domain: `127.0.0.1:${port}`,
    port,
    ca: certificate.ca,
    get version() {
      return state.version;
    },
    set version(value: string) {
      state.version = value;
    },
    get healthy() {
      return state.healthy;
    },
    set healthy(value: boolean) {
      state.healthy = value;
    },
    get dedicated() {
      return state.dedicated;
    },
    set dedicated(value: boolean) {
      state.dedicated = value;
    },
    get maintenance() {
      return state.maintenance;
    },
    set maintenance(value: boolean) {
      state.maintenance = value;
    },
    get notice() {
      return state.notice;
    },
    set notice(value: { enabled: boolean; message: string }) {
      state.notice = value;
    },
    get organizations() {
      return state.organizations;
    },
    set organizations(value: TestOrganization[]) {
      state.organizations = value;
    },
    tokens: state.tokens,
    get offline() {
      return state.offline;
    },
    set offline(value: boolean) {
      state.offline = value;
      if (value) for (const socket of sockets) socket.destroy();
    },
    behave(route, behaviour, times = Number.POSITIVE_INFINITY) {
      if (behaviour === null) behaviours.delete(route);
      else behaviours.set(route, { behaviour, remaining: times });
    },
    count: (route) => counts.get(route) ?? 0,
    requests,
    resetCounts() {
      counts.clear();
      requests.length = 0;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
