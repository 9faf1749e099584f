import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_CSP, PRODUCTION_CSP, PRODUCTION_CSP_HEADER } from './csp';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values];
    }),
  );
}

describe('shared/csp', () => {
  it('production allows only the app itself: no inline code, no eval, no remote hosts', () => {
    const policy = directives(PRODUCTION_CSP);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(PRODUCTION_CSP).not.toMatch(/unsafe-|https?:|\*/);
  });

  it('the header form also forbids framing the dashboard', () => {
    expect(directives(PRODUCTION_CSP_HEADER).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('the development policy loosens only what hot reload needs, and only towards localhost', () => {
    expect(DEVELOPMENT_CSP).not.toMatch(/unsafe-eval/);
    for (const source of directives(DEVELOPMENT_CSP).get('connect-src') ?? []) {
      expect(source).toMatch(/^('self'|wss?:\/\/localhost:\*|https?:\/\/localhost:\*)$/);
    }
  });
});
