/**
 * An HTTP proxy between SDK clients and moto that forwards every request unchanged and, on demand,
 * answers chosen calls with the failures real AWS produces (throttling, 5xx, dropped connections,
 * slowness, expired or insufficient credentials) or disappears altogether for a while. moto itself
 * never fails this way, and the app's retry and error handling must be tested against the real SDK.
 */
import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  request,
  type ServerResponse,
} from 'node:http';
import type { Socket } from 'node:net';
import { faultResponse, type ProtocolKind } from './aws-error-bodies.js';

export type FaultKind = 'throttle' | 'server-error' | 'reset' | 'slow' | 'expired-token' | 'access-denied';

export interface FaultRule {
  /**
   * The operation to hit: the Query `Action` (CloudFormation, STS), the operation part of `X-Amz-Target`
   * (JSON protocols, e.g. `PutParameter` for `AmazonSSM.PutParameter`), or for REST calls the SDK's
   * `x-id` query value (S3 `PutObject`). Omitted: any call.
   */
  readonly action?: string;
  /** How many matching calls fail; later ones pass through. */
  readonly times: number;
  readonly fault: FaultKind;
  /** For 'slow': how long to hold the request before forwarding it. */
  readonly delayMs?: number;
}

export interface ProxiedCall {
  readonly action: string;
  /** The HTTP status the client received; 0 when the connection was dropped instead. */
  readonly status: number;
  readonly fault?: FaultKind;
}

export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: give it to SDK clients as `endpoint`. */
  readonly endpoint: string;
  readonly port: number;
  /** Every call that reached the proxy, in order (calls refused while `down` never do). */
  readonly calls: ProxiedCall[];
  inject(rule: FaultRule): void;
  countOf(action: string): number;
  /**
   * Simulates the endpoint vanishing for `ms`: 'refuse' (default) stops listening, so clients get
   * ECONNREFUSED; 'reset' accepts and drops every connection (ECONNRESET). Open connections are cut
   * either way. Takes effect at once; the promise resolves when the proxy serves again.
   */
  down(ms: number, mode?: 'refuse' | 'reset'): Promise<void>;
  /** Forgets injected faults and recorded calls. */
  clear(): void;
  close(): Promise<void>;
}

interface ActiveRule {
  readonly rule: FaultRule;
  remaining: number;
}

/** Hop-by-hop headers describe one connection, not the message, so they are not forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  // The body is already buffered, so asking moto for a 100 Continue would only add a round trip.
  'expect',
]);

export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  const upstreamAgent = new Agent({ keepAlive: true });
  const rules: ActiveRule[] = [];
  const calls: ProxiedCall[] = [];
  const sockets = new Set<Socket>();
  let dropConnections = false;

  const server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    if (dropConnections) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      return; // The client went away mid-request; nothing to answer.
    }
    const { action, protocol } = identify(req, body);
    const active = rules.find(
      (r) => r.remaining > 0 && (r.rule.action === undefined || r.rule.action === action),
    );
    if (active) active.remaining -= 1;
    const fault = active?.rule.fault;

    if (fault === 'reset') {
      calls.push({ action, status: 0, fault });
      req.socket.destroy();
      return;
    }
    if (fault && fault !== 'slow') {
      const error = faultResponse(fault, protocol, action, signingScope(req.headers));
      calls.push({ action, status: error.status, fault });
      res.writeHead(error.status, {
        'content-type': error.contentType,
        'content-length': Buffer.byteLength(error.body),
        'x-amzn-requestid': error.requestId,
      });
      res.end(error.body);
      return;
    }
    if (fault === 'slow') await sleep(active?.rule.delayMs ?? 1_000);
    const status = await forward(req, body, res);
    calls.push({ action, status, ...(fault ? { fault } : {}) });
  }

  function forward(req: IncomingMessage, body: Buffer, res: ServerResponse): Promise<number> {
    return new Promise((resolve) => {
      const upstream = request(
        {
          protocol: targetUrl.protocol,
          hostname: targetUrl.hostname,
          port: targetUrl.port,
          method: req.method,
          path: req.url,
          headers: forwardedHeaders(req.headers, body.length),
          agent: upstreamAgent,
        },
        (upstreamRes) => {
          const status = upstreamRes.statusCode ?? 502;
          if (res.destroyed) {
            upstreamRes.resume();
            return resolve(status);
          }
          res.writeHead(status, responseHeaders(upstreamRes.headers));
          upstreamRes.pipe(res);
          upstreamRes.once('end', () => resolve(status));
          upstreamRes.once('error', () => resolve(status));
        },
      );
      upstream.once('error', (error) => {
        // moto is gone or broke the connection: answer like a gateway would.
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`fault proxy: upstream error: ${error.message}`);
        } else {
          res.destroy();
        }
        resolve(502);
      });
      upstream.end(body);
    });
  }

  const port = await listen(server, 0);
  let closed = false;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    calls,
    inject(rule) {
      rules.push({ rule, remaining: rule.times });
    },
    countOf(action) {
      return calls.filter((call) => call.action === action).length;
    },
    async down(ms, mode = 'refuse') {
      for (const socket of sockets) socket.destroy();
      if (mode === 'reset') {
        dropConnections = true;
        await sleep(ms);
        dropConnections = false;
        return;
      }
      // close() stops accepting synchronously; its callback would wait for sockets, which are already cut.
      server.close();
      await sleep(ms);
      if (!closed) await listen(server, port);
    },
    clear() {
      rules.length = 0;
      calls.length = 0;
    },
    async close() {
      closed = true;
      for (const socket of sockets) socket.destroy();
      upstreamAgent.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Names the call the way AWS documents its operations, and tells which error envelope the client parses. */
function identify(req: IncomingMessage, body: Buffer): { action: string; protocol: ProtocolKind } {
  const contentType = String(req.headers['content-type'] ?? '');
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    const action = new URLSearchParams(body.toString('utf8')).get('Action');
    if (action) return { action, protocol: 'query' };
  }
  const target = req.headers['x-amz-target'];
  if (typeof target === 'string' && target) {
    return { action: target.slice(target.lastIndexOf('.') + 1), protocol: 'json' };
  }
  const url = new URL(req.url ?? '/', 'http://proxy.invalid');
  return { action: url.searchParams.get('x-id') ?? `${req.method} ${url.pathname}`, protocol: 'rest-xml' };
}

/** Service and region from the SigV4 credential scope, for realistic AccessDenied messages. */
function signingScope(headers: IncomingHttpHeaders): { service: string; region: string } {
  const match = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(
    String(headers.authorization ?? ''),
  );
  return { region: match?.[1] ?? 'us-east-1', service: match?.[2] ?? 'cloudformation' };
}

function forwardedHeaders(headers: IncomingHttpHeaders, length: number): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  // A chunked request arrives here whole; say how long it is instead.
  out['content-length'] = length;
  return out;
}

function responseHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && name !== 'connection' && name !== 'keep-alive') out[name] = value;
  }
  return out;
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.removeListener('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
