import { describe, expect, it } from 'vitest';
import { cellOrigin, isTlsErrorCode, networkProblem } from './gitpod-http';

function nodeError(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe('main/core/app-status/gitpod-http', () => {
  it('makes an https origin of a bare domain, a domain with port, or an https address', () => {
    const origins = ['gitpod.example.com', 'gitpod.example.com:8443', 'https://gitpod.example.com/'].map(
      (domain) => {
        const result = cellOrigin(domain);
        return result.ok ? result.value.origin : result.problem.kind;
      },
    );
    expect(origins).toEqual([
      'https://gitpod.example.com',
      'https://gitpod.example.com:8443',
      'https://gitpod.example.com',
    ]);
  });

  it('refuses an http: address instead of downgrading', () => {
    const result = cellOrigin('http://gitpod.example.com');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toMatchObject({ kind: 'http-refused', code: 'http' });
    expect(result.problem.message).toContain('https only');
  });

  it('refuses other schemes and anything beyond a domain', () => {
    expect(cellOrigin('ftp://gitpod.example.com')).toMatchObject({
      ok: false,
      problem: { kind: 'http-refused' },
    });
    expect(cellOrigin('gitpod.example.com/workspaces')).toMatchObject({
      ok: false,
      problem: { kind: 'invalid-domain' },
    });
    expect(cellOrigin('https://user:pw@gitpod.example.com')).toMatchObject({
      ok: false,
      problem: { kind: 'invalid-domain' },
    });
    expect(cellOrigin('exa mple')).toMatchObject({ ok: false, problem: { kind: 'invalid-domain' } });
  });

  it('reports certificate errors as TLS with the host and the code, never as unreachable', () => {
    for (const code of [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'CERT_HAS_EXPIRED',
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'ERR_SSL_WRONG_VERSION_NUMBER',
    ]) {
      expect(isTlsErrorCode(code)).toBe(true);
      const found = networkProblem(nodeError(code, 'certificate trouble'), 'gitpod.example.com');
      expect(found.kind).toBe('tls');
      expect(found.code).toBe(code);
      expect(found.message).toContain('gitpod.example.com');
      expect(found.message).toContain(code);
    }
  });

  it('gives each certificate error its own next step', () => {
    expect(networkProblem(nodeError('CERT_HAS_EXPIRED', 'certificate has expired'), 'h').fix).toMatch(
      /expired/,
    );
    expect(networkProblem(nodeError('ERR_TLS_CERT_ALTNAME_INVALID', 'mismatch'), 'h').fix).toMatch(
      /another name/,
    );
    expect(networkProblem(nodeError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed'), 'h').fix).toMatch(
      /authority/,
    );
  });

  it('reports connection failures as unreachable, with a VPN hint', () => {
    const refused = networkProblem(nodeError('ECONNREFUSED', 'connect ECONNREFUSED'), 'gitpod.example.com');
    expect(refused).toMatchObject({ kind: 'unreachable', code: 'ECONNREFUSED' });
    expect(refused.fix).toMatch(/VPN/);
    expect(
      networkProblem(nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND'), 'gitpod.example.com').message,
    ).toMatch(/could not be resolved/);
  });
});
