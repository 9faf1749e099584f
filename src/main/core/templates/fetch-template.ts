import { errorFacts } from '../aws/error-facts';
import { AppErrorException, appError } from '../errors/app-error';
import { TEMPLATE_URL_MAX_BYTES } from './template-kind';

/** The subset of `fetch` the downloader uses; tests point it at a local server. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface FetchTemplateOptions {
  readonly fetch?: FetchLike;
  /** For the whole download, redirects and body included. */
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
}

export interface FetchedTemplate {
  readonly bytes: Uint8Array;
  /** Where the bytes came from after redirects. */
  readonly url: string;
  readonly contentType?: string;
}

export const FETCH_TIMEOUT_MS = 10_000;
const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const TLS_CODE = /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_TLS_|ERR_SSL_)/;

/** Origin and path: a presigned link's query is a credential and stays out of messages. */
function shown(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function statusError(url: URL, response: Response): AppErrorException {
  const { status } = response;
  const text = response.statusText ? ` ${response.statusText}` : '';
  let nextStep: string;
  if (status === 401 || status === 403) {
    nextStep =
      'The link may need a login, or it has expired (presigned links do). Ask for a new link, or download the file in a browser and import it.';
  } else if (status === 404 || status === 410) {
    nextStep = 'Check the address; the file may have moved. Or download it in a browser and import the file.';
  } else if (status >= 500) {
    nextStep = 'The server has a problem; try again later, or download the file in a browser and import it.';
  } else {
    nextStep = 'Download the file in a browser and import it instead.';
  }
  return appError('import-http-status', `${shown(url)} answered HTTP ${status}${text}.`, nextStep);
}

function networkError(url: URL, error: unknown, timedOut: boolean, timeoutMs: number): AppErrorException {
  if (timedOut) {
    return appError(
      'import-timeout',
      `${url.host} did not send the template within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} seconds`}.`,
      'Check the network connection, VPN and proxy, then try again; or download the file and import it.',
    );
  }
  const codes = [...errorFacts(error).codes].filter((code) => code !== 'TypeError');
  const tls = codes.find((code) => TLS_CODE.test(code));
  if (tls !== undefined) {
    return appError(
      'import-tls-error',
      `The HTTPS certificate of ${url.host} could not be verified (${tls}).`,
      'Check the address. If a proxy inspects HTTPS on this network, download the file in a browser and import it.',
    );
  }
  const code = codes.find((c) => /^E[A-Z]+$|^UND_ERR/.test(c)) ?? codes[0] ?? 'no answer';
  const notFound = code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  return appError(
    'import-unreachable',
    notFound ? `${url.host} could not be found (${code}).` : `Can't reach ${url.host} (${code}).`,
    notFound
      ? 'Check the address for typos, and the network connection.'
      : 'Check the address, the network connection, VPN and proxy, then try again.',
  );
}

function tooLarge(url: URL, maxBytes: number): AppErrorException {
  return appError(
    'template-too-large',
    `${shown(url)} is larger than ${maxBytes.toLocaleString('en-US')} bytes, CloudFormation's limit for a template.`,
    "Check that the address points at the template itself. Ask Gitpod's account manager if it does.",
  );
}

async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number, url: URL): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // Stop at once: a server streaming gigabytes must not fill memory.
      await reader.cancel().catch(() => undefined);
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function nextLocation(url: URL, response: Response, hop: number, maxRedirects: number): URL {
  const location = response.headers.get('location');
  if (location === null) throw statusError(url, response);
  if (hop >= maxRedirects) {
    throw appError(
      'import-too-many-redirects',
      `${shown(url)} redirected more than ${maxRedirects} times.`,
      'Use the final address of the file, or download it in a browser and import it.',
    );
  }
  const next = new URL(location, url);
  if (next.protocol !== 'https:') {
    throw appError(
      'import-insecure-url',
      `${shown(url)} redirected to ${shown(next)}, which is not https://, so the download was stopped: the template could be altered on the way.`,
      'Ask for an https:// address that serves the file directly, or download it and import the file.',
    );
  }
  return next;
}

/**
 * Downloads a template over HTTPS: at most `timeoutMs` (10 s) for everything, at most 1 MB
 * (counted while streaming, whatever Content-Length says), and redirects followed by hand so
 * that none can lead to plain http:// (fetch's own redirect handling would follow it).
 */
export async function fetchTemplate(
  address: string,
  options: FetchTemplateOptions = {},
): Promise<FetchedTemplate> {
  const fetchImpl = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? TEMPLATE_URL_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  let url = new URL(address);
  if (url.protocol !== 'https:') {
    throw appError(
      'import-insecure-url',
      `${shown(url)} is not an https:// address.`,
      'Use the https:// address.',
    );
  }
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      let response: Response;
      try {
        response = await fetchImpl(url.href, {
          redirect: 'manual',
          signal: controller.signal,
          headers: { accept: 'application/json, application/yaml, text/yaml, text/plain, */*' },
        });
      } catch (error) {
        throw networkError(url, error, timedOut, timeoutMs);
      }
      if (REDIRECTS.has(response.status)) {
        await response.body?.cancel().catch(() => undefined);
        url = nextLocation(url, response, hop, maxRedirects);
        continue;
      }
      if (response.status !== 200) {
        await response.body?.cancel().catch(() => undefined);
        throw statusError(url, response);
      }
      const declared = Number(response.headers.get('content-length'));
      if (declared > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        throw tooLarge(url, maxBytes);
      }
      const contentType = response.headers.get('content-type') ?? undefined;
      let bytes: Uint8Array;
      try {
        bytes = response.body === null ? new Uint8Array() : await readCapped(response.body, maxBytes, url);
      } catch (error) {
        if (timedOut || !(error instanceof AppErrorException)) {
          throw networkError(url, error, timedOut, timeoutMs);
        }
        throw error;
      }
      return { bytes, url: url.href, ...(contentType === undefined ? {} : { contentType }) };
    }
  } finally {
    clearTimeout(timer);
  }
}
