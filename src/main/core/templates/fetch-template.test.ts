import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadFixture } from '../../../../test/fixtures/templates';
import type { AppError } from '../../../shared/errors';
import { AppErrorException } from '../errors/app-error';
import { FETCH_TIMEOUT_MS, type FetchLike, fetchTemplate } from './fetch-template';

type Route = (request: IncomingMessage, response: ServerResponse) => void;

const HOST = 'https://templates.test';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppErrorException) return error.appError;
    throw error;
  }
  throw new Error('expected an AppErrorException');
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * The downloader only speaks https; the test server speaks plain http on 127.0.0.1. This fetch
 * carries https://templates.test/… requests to it unchanged otherwise (same init, so `redirect:
 * 'manual'` and the abort signal are real), and records what was asked for.
 */
function localFetch(port: number, asked: string[]): FetchLike {
  return (url, init) => {
    asked.push(url);
    const target = new URL(url);
    if (target.protocol !== 'https:') throw new Error(`the downloader asked for ${url}`);
    return fetch(`http://127.0.0.1:${port}${target.pathname}${target.search}`, init);
  };
}

describe('main/core/templates/fetch-template', () => {
  const routes = new Map<string, Route>();
  let server: Server;
  let port: number;
  let asked: string[];
  let aborted: string[];

  beforeEach(async () => {
    routes.clear();
    asked = [];
    // Per server: a connection of the previous test may close after this one started.
    const cutShort: string[] = [];
    aborted = cutShort;
    server = createServer((request, response) => {
      response.on('close', () => {
        if (!response.writableFinished) cutShort.push(request.url ?? '');
      });
      const route = routes.get(request.url ?? '');
      if (route) route(request, response);
      else response.writeHead(404, 'Not Found').end();
    });
    port = await listen(server);
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const get = (path: string, options: { timeoutMs?: number; maxBytes?: number } = {}) =>
    fetchTemplate(`${HOST}${path}`, { fetch: localFetch(port, asked), ...options });

  it('downloads a template and reports its content type', async () => {
    const text = loadFixture('role.yaml');
    routes.set('/v37/role.yaml', (_, response) =>
      response.writeHead(200, { 'content-type': 'application/x-yaml' }).end(text),
    );
    const fetched = await get('/v37/role.yaml');
    expect(Buffer.from(fetched.bytes).toString('utf8')).toBe(text);
    expect(fetched).toMatchObject({ url: `${HOST}/v37/role.yaml`, contentType: 'application/x-yaml' });
  });

  it('follows https redirects, absolute and relative', async () => {
    routes.set('/latest', (_, response) => response.writeHead(302, { location: `${HOST}/moved` }).end());
    routes.set('/moved', (_, response) => response.writeHead(301, { location: '/v37/role.json' }).end());
    routes.set('/v37/role.json', (_, response) => response.writeHead(200).end('{"Resources":{}}'));
    const fetched = await get('/latest');
    expect(fetched.url).toBe(`${HOST}/v37/role.json`);
    expect(asked).toEqual([`${HOST}/latest`, `${HOST}/moved`, `${HOST}/v37/role.json`]);
  });

  it('stops at a redirect to plain http:// without requesting it', async () => {
    routes.set('/role.yaml', (_, response) =>
      response.writeHead(302, { location: 'http://templates.test/role.yaml' }).end(),
    );
    const error = await failure(get('/role.yaml'));
    expect(error.code).toBe('import-insecure-url');
    expect(error.message).toBe(
      'https://templates.test/role.yaml redirected to http://templates.test/role.yaml, which is not https://, so the download was stopped: the template could be altered on the way.',
    );
    expect(asked).toEqual([`${HOST}/role.yaml`]);
  });

  it('gives up on a redirect loop', async () => {
    routes.set('/loop', (_, response) => response.writeHead(307, { location: '/loop' }).end());
    const error = await failure(get('/loop'));
    expect(error.code).toBe('import-too-many-redirects');
    expect(asked).toHaveLength(6);
  });

  it('refuses an http:// address outright', async () => {
    const error = await failure(fetchTemplate('http://templates.test/x', { fetch: localFetch(port, asked) }));
    expect(error.code).toBe('import-insecure-url');
    expect(asked).toEqual([]);
  });

  it('reports a status other than 200 with a next step that fits it', async () => {
    const missing = await failure(get('/missing.yaml'));
    expect(missing).toEqual({
      code: 'import-http-status',
      message: 'https://templates.test/missing.yaml answered HTTP 404 Not Found.',
      nextStep:
        'Check the address; the file may have moved. Or download it in a browser and import the file.',
    });
    routes.set('/signed.yaml?X-Amz-Signature=secret', (_, response) =>
      response.writeHead(403, 'Forbidden').end(),
    );
    const expired = await failure(get('/signed.yaml?X-Amz-Signature=secret'));
    expect(expired.message).toBe('https://templates.test/signed.yaml answered HTTP 403 Forbidden.');
    expect(expired.nextStep).toMatch(/expired/);
    routes.set('/busy', (_, response) => response.writeHead(503).end());
    expect((await failure(get('/busy'))).nextStep).toMatch(/try again later/);
  });

  it('says a server that refuses connections cannot be reached', async () => {
    const closed = createServer();
    const closedPort = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(fetchTemplate(`${HOST}/role.yaml`, { fetch: localFetch(closedPort, asked) }));
    expect(error).toEqual({
      code: 'import-unreachable',
      message: "Can't reach templates.test (ECONNREFUSED).",
      nextStep: 'Check the address, the network connection, VPN and proxy, then try again.',
    });
  });

  it('times out a server that does not answer', async () => {
    routes.set('/slow', () => undefined);
    const error = await failure(get('/slow', { timeoutMs: 150 }));
    expect(error.code).toBe('import-timeout');
    expect(error.message).toBe('templates.test did not send the template within 150 ms.');
  });

  it('times out a server that stalls in the middle of the body', async () => {
    routes.set('/stall', (_, response) => {
      response.writeHead(200);
      response.write('Resources:\n');
    });
    const error = await failure(get('/stall', { timeoutMs: 150 }));
    expect(error.code).toBe('import-timeout');
    await expect.poll(() => aborted).toEqual(['/stall']);
  });

  it('stops reading a body that grows past the limit, whatever the headers say', async () => {
    routes.set('/endless', (_, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const timer = setInterval(() => response.write(chunk), 1);
      response.on('close', () => clearInterval(timer));
    });
    const error = await failure(get('/endless', { maxBytes: 256 * 1024 }));
    expect(error.code).toBe('template-too-large');
    expect(error.message).toBe(
      "https://templates.test/endless is larger than 262,144 bytes, CloudFormation's limit for a template.",
    );
    await expect.poll(() => aborted).toEqual(['/endless']);
  });

  it('refuses a body whose declared length is over the limit before reading it', async () => {
    routes.set('/big', (_, response) => {
      response.writeHead(200, { 'content-length': String(2 * 1024 * 1024) });
      response.write('x');
    });
    expect((await failure(get('/big'))).code).toBe('template-too-large');
  });

  it('reads a 1 MB template in full', async () => {
    const body = Buffer.alloc(1_048_576, 0x20);
    routes.set('/full', (_, response) => response.writeHead(200).end(body));
    expect((await get('/full')).bytes.byteLength).toBe(1_048_576);
  });

  it('explains an unknown host and a certificate that cannot be verified', async () => {
    const failing =
      (code: string): FetchLike =>
      () =>
        Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) }));
    const dns = await failure(fetchTemplate(`${HOST}/x`, { fetch: failing('ENOTFOUND') }));
    expect(dns).toMatchObject({
      code: 'import-unreachable',
      message: 'templates.test could not be found (ENOTFOUND).',
    });
    const tls = await failure(fetchTemplate(`${HOST}/x`, { fetch: failing('CERT_HAS_EXPIRED') }));
    expect(tls).toMatchObject({
      code: 'import-tls-error',
      message: 'The HTTPS certificate of templates.test could not be verified (CERT_HAS_EXPIRED).',
    });
  });

  it('allows 10 seconds by default', async () => {
    vi.useFakeTimers();
    try {
      const hanging: FetchLike = (_, init) =>
        new Promise((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        );
      let settled: AppError | undefined;
      const pending = failure(fetchTemplate(`${HOST}/x`, { fetch: hanging })).then((error) => {
        settled = error;
      });
      await vi.advanceTimersByTimeAsync(FETCH_TIMEOUT_MS - 1);
      expect(settled).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      await pending;
      expect(settled).toMatchObject({
        code: 'import-timeout',
        message: 'templates.test did not send the template within 10 seconds.',
      });
    } finally {
      vi.useRealTimers();
    }
  });
});
