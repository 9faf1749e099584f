import { request } from 'node:https';
import type { AppProblem } from '../../../shared/app-status/app-status';
import { problem } from './problems';

/**
 * The one HTTPS client for a cell's web address. It speaks https only, never follows a
 * redirect (the token must go to the cell and nowhere else), gives every request one deadline
 * for connect, headers and body together, reads at most a fixed number of bytes, and turns
 * every failure into a problem the admin can act on: a certificate error is reported as such,
 * with the host and Node's code, never as "unreachable".
 */

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

export interface GitpodHttpOptions {
  /**
   * Certificates (PEM) to trust instead of the built-in roots. Tests pass their own CA; the
   * app may pass a company CA. Absent: Node's usual roots.
   */
  readonly ca?: string | readonly string[];
  /** For the whole exchange. */
  readonly timeoutMs?: number;
  readonly maxBodyBytes?: number;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  /** Starts with '/'. */
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpReply {
  readonly status: number;
  /** The media type only, lower case (no parameters); '' when absent. */
  readonly contentType: string;
  readonly body: string;
  readonly ms: number;
}

export type Fetched<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: AppProblem };

export function fetched<T>(value: T): Fetched<T> {
  return { ok: true, value };
}

export function failed<T = never>(found: AppProblem): Fetched<T> {
  return { ok: false, problem: found };
}

/** The https origin for a cell domain ("gitpod.example.com", "host:8443", "https://host"). */
export function cellOrigin(domain: string): Fetched<URL> {
  const trimmed = domain.trim();
  // "://" marks a scheme; "host:8443" is a host with a port, not a scheme "host".
  const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed);
  if (hasScheme && !/^https:\/\//i.test(trimmed)) {
    const scheme = trimmed.slice(0, trimmed.indexOf(':')).toLowerCase();
    return failed(
      problem(
        'http-refused',
        `The address ${trimmed.slice(0, 200)} uses ${scheme}: the cell is reached over https only.`,
        'Enter the domain alone (gitpod.example.com) or with https://.',
        scheme,
      ),
    );
  }
  let url: URL;
  try {
    url = new URL(hasScheme ? trimmed : `https://${trimmed}`);
  } catch {
    return failed(
      problem('invalid-domain', `"${trimmed.slice(0, 200)}" is not a domain.`, 'Check the cell’s domain.'),
    );
  }
  if (
    url.username ||
    url.password ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search ||
    url.hash
  ) {
    return failed(
      problem(
        'invalid-domain',
        `"${trimmed.slice(0, 200)}" is more than a domain.`,
        'Give the domain only, without path, query or credentials.',
      ),
    );
  }
  return fetched(new URL(url.origin));
}

/** Node's codes for certificates it refused; anything `ERR_TLS_*`/`ERR_SSL_*` counts too. */
const CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
  'INVALID_CA',
  'EPROTO',
]);

export function isTlsErrorCode(code: string | undefined): boolean {
  if (code === undefined) return false;
  return CERTIFICATE_CODES.has(code) || code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_');
}

function tlsFix(code: string, host: string): string {
  switch (code) {
    case 'CERT_HAS_EXPIRED':
      return `The certificate of ${host} has expired: whoever runs the cell’s domain has to renew it.`;
    case 'CERT_NOT_YET_VALID':
      return 'The certificate is not valid yet: check this computer’s clock.';
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
    case 'HOSTNAME_MISMATCH':
      return `The certificate is for another name than ${host}: check the cell’s domain.`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
      return 'The certificate is not signed by an authority Dedicated Admin trusts. If your company signs its own certificates, its authority has to be trusted first.';
    default:
      return 'Something between this computer and the cell (a proxy, say) interferes with its secure connection.';
  }
}

/** A failed request as a problem: certificate, timeout or plain unreachable. */
export function networkProblem(error: unknown, host: string): AppProblem {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  // Node's altname message ends in a dangling ": " when the certificate lists no names.
  const detail = error instanceof Error ? error.message.replace(/[\s:]+$/, '') : 'connection failed';
  if (isTlsErrorCode(code)) {
    return problem(
      'tls',
      `The TLS certificate of ${host} was not accepted: ${detail} (${code}).`,
      tlsFix(code as string, host),
      code ?? null,
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return problem(
      'unreachable',
      `The name ${host} could not be resolved (${code}).`,
      'Check the domain. Private cells resolve only on their network: connect to the VPN and Dedicated Admin checks again by itself.',
      code,
    );
  }
  return problem(
    'unreachable',
    `${host} could not be reached (${code ?? detail}).`,
    'If the cell is private, connect to its VPN; Dedicated Admin checks again by itself.',
    code ?? null,
  );
}

class DeadlineExceeded extends Error {}
class BodyTooLarge extends Error {}

function looksLikeHtml(contentType: string, body: string): boolean {
  return (
    contentType === 'text/html' || contentType === 'application/xhtml+xml' || body.trimStart().startsWith('<')
  );
}

/** Sends requests to one cell. Holds no token: callers pass the header per request. */
export class GitpodHttp {
  readonly host: string;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;

  constructor(
    private readonly origin: URL,
    private readonly options: GitpodHttpOptions = {},
  ) {
    this.host = origin.host;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  /**
   * One request. 3xx, HTML on a 2xx and replies over the size limit come back as problems;
   * other statuses come back as replies, for the caller to read (a Connect error body, say).
   */
  send(input: HttpRequest): Promise<Fetched<HttpReply>> {
    const started = performance.now();
    return new Promise((resolve) => {
      let settled = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const finish = (outcome: Fetched<HttpReply>): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(outcome);
      };
      const headers: Record<string, string> = { ...input.headers };
      if (input.body !== undefined) headers['content-length'] = String(Buffer.byteLength(input.body));
      let req: ReturnType<typeof request>;
      try {
        req = request(
          {
            protocol: 'https:',
            // URL keeps the brackets of an IPv6 literal; the socket layer wants it bare.
            hostname: this.origin.hostname.replace(/^\[(.*)\]$/, '$1'),
            port: this.origin.port === '' ? 443 : Number(this.origin.port),
            method: input.method,
            path: input.path,
            headers,
            ...(this.options.ca === undefined ? {} : { ca: this.options.ca as string | string[] }),
            // A fresh connection per request: polls are a minute apart, and nothing lingers after stop.
            agent: false,
          },
          (res) => {
            const status = res.statusCode ?? 0;
            const contentType = (res.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
            if (status >= 300 && status < 400) {
              res.resume();
              finish(failed(this.redirectProblem(input.path, status, res.headers.location)));
              req.destroy();
              return;
            }
            const chunks: Buffer[] = [];
            let size = 0;
            res.on('data', (chunk: Buffer) => {
              size += chunk.length;
              if (size > this.maxBodyBytes) {
                req.destroy(new BodyTooLarge());
                return;
              }
              chunks.push(chunk);
            });
            res.on('end', () => {
              const body = Buffer.concat(chunks).toString('utf8');
              const ms = Math.round(performance.now() - started);
              if (status >= 200 && status < 300 && looksLikeHtml(contentType, body)) {
                finish(
                  failed(
                    problem(
                      'bad-reply',
                      `${this.host}${input.path} replied with a web page instead of data.`,
                      'A proxy or a login page may sit in front of the cell: check the domain, or open it in a browser.',
                    ),
                  ),
                );
                return;
              }
              finish(fetched({ status, contentType, body, ms }));
            });
            res.on('error', (error) => finish(failed(this.failure(error, input.path))));
          },
        );
      } catch (error) {
        // Thrown at once for a header Node refuses (a token with a line break, say); the
        // message names the header, never its value.
        finish(failed(this.failure(error, input.path)));
        return;
      }
      timer = setTimeout(() => req.destroy(new DeadlineExceeded()), this.timeoutMs);
      req.on('error', (error) => finish(failed(this.failure(error, input.path))));
      req.end(input.body);
    });
  }

  private failure(error: unknown, path: string): AppProblem {
    if (error instanceof DeadlineExceeded) {
      return problem(
        'timeout',
        `${this.host}${path} did not answer within ${this.timeoutMs >= 1000 ? `${Math.round(this.timeoutMs / 1000)} s` : `${this.timeoutMs} ms`}.`,
        'The cell or the network is slow or stuck; Dedicated Admin tries again by itself.',
        'timeout',
      );
    }
    if (error instanceof BodyTooLarge) {
      return problem(
        'bad-reply',
        `${this.host}${path} replied with more than ${Math.round(this.maxBodyBytes / 1024)} KiB, far more than it should.`,
        'Something other than Gitpod may answer at this address: check the domain.',
        'too-long',
      );
    }
    return networkProblem(error, this.host);
  }

  private redirectProblem(path: string, status: number, location: string | undefined): AppProblem {
    let target = 'another address';
    if (location !== undefined) {
      try {
        target = new URL(location, this.origin).host || target;
      } catch {
        // An unparseable Location still is a redirect; say so without its text.
      }
    }
    return problem(
      'redirect',
      `${this.host}${path} redirected (HTTP ${status}) to ${target}; Dedicated Admin does not follow redirects.`,
      'Use the domain the cell really answers on (the one in its dashboard’s address bar).',
      String(status),
    );
  }
}
