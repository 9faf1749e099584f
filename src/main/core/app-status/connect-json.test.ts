import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { callConnect } from './connect-json';
import type { GitpodHttp, HttpReply, HttpRequest } from './gitpod-http';

const TOKEN = 'gitpod_pat_unit.secret-value';

/** A GitpodHttp stand-in that answers every request with one reply and keeps what was sent. */
function replying(status: number, body: string): { http: GitpodHttp; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const fake = {
    host: 'gitpod.example.com',
    send: async (request: HttpRequest) => {
      sent.push(request);
      const reply: HttpReply = { status, contentType: 'application/json', body, ms: 3 };
      return { ok: true as const, value: reply };
    },
  };
  // The real class has private fields; the call only uses host and send.
  return { http: fake as unknown as GitpodHttp, sent };
}

const call = {
  service: 'OrganizationService',
  method: 'GetOrganizationMaintenanceMode',
  request: { organizationId: 'org-1' },
  response: z.object({ enabled: z.boolean().optional() }),
  token: TOKEN,
};

describe('main/core/app-status/connect-json', () => {
  it('posts JSON with the Connect headers and the bearer token to the public API path', async () => {
    const { http, sent } = replying(200, '{"enabled":true}');
    await expect(callConnect(http, call)).resolves.toEqual({ ok: true, value: { enabled: true } });
    expect(sent[0]).toMatchObject({
      method: 'POST',
      path: '/public-api/gitpod.v1.OrganizationService/GetOrganizationMaintenanceMode',
      body: '{"organizationId":"org-1"}',
      headers: {
        'content-type': 'application/json',
        'connect-protocol-version': '1',
        authorization: `Bearer ${TOKEN}`,
      },
    });
  });

  it('accepts {} as proto3 JSON for all-default fields', async () => {
    const { http } = replying(200, '{}');
    await expect(callConnect(http, call)).resolves.toEqual({ ok: true, value: {} });
  });

  it('reads the Connect code, not the HTTP status', async () => {
    // A proxy turned the status into 500; the body still says what happened.
    const { http } = replying(500, '{"code":"unauthenticated","message":"token expired"}');
    const result = await callConnect(http, call);
    expect(result).toMatchObject({ ok: false, problem: { kind: 'token-rejected', code: 'unauthenticated' } });
  });

  it('says "token rejected" with the code for permission_denied too', async () => {
    const { http } = replying(403, '{"code":"permission_denied","message":"not an owner"}');
    const result = await callConnect(http, call);
    expect(result).toMatchObject({
      ok: false,
      problem: { kind: 'token-rejected', code: 'permission_denied' },
    });
    if (!result.ok) expect(result.problem.message).toContain('permission_denied');
  });

  it('scrubs the token from whatever the server says back', async () => {
    const { http } = replying(
      401,
      JSON.stringify({ code: 'unauthenticated', message: `bad token ${TOKEN}` }),
    );
    const result = await callConnect(http, { ...call, token: TOKEN });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
    expect(JSON.stringify(result)).not.toContain('secret-value');
  });

  it('scrubs a token of any shape, not only gitpod_pat_ ones', async () => {
    const odd = 'opaque-credential-1234567';
    const { http } = replying(401, JSON.stringify({ code: 'unauthenticated', message: `rejected ${odd}` }));
    const result = await callConnect(http, { ...call, token: odd });
    expect(JSON.stringify(result)).not.toContain(odd);
  });

  it('maps unimplemented to unsupported and other codes to connect-error', async () => {
    expect(await callConnect(replying(501, '{"code":"unimplemented"}').http, call)).toMatchObject({
      ok: false,
      problem: { kind: 'unsupported', code: 'unimplemented' },
    });
    expect(
      await callConnect(replying(404, '{"code":"not_found","message":"no such org"}').http, call),
    ).toMatchObject({ ok: false, problem: { kind: 'connect-error', code: 'not_found' } });
  });

  it('reports a non-Connect error body by its HTTP status', async () => {
    expect(await callConnect(replying(502, 'Bad Gateway').http, call)).toMatchObject({
      ok: false,
      problem: { kind: 'http-error', code: '502' },
    });
  });

  it('rejects a 200 reply that is not JSON or not the expected shape', async () => {
    expect(await callConnect(replying(200, 'ok').http, call)).toMatchObject({
      ok: false,
      problem: { kind: 'bad-reply' },
    });
    expect(await callConnect(replying(200, '{"enabled":"yes"}').http, call)).toMatchObject({
      ok: false,
      problem: { kind: 'bad-reply' },
    });
  });
});
