import { describe, expect, it } from 'vitest';
import { parseVersionText } from './gitpod-api';

describe('main/core/app-status/gitpod-api', () => {
  it('reads a version as trimmed text', () => {
    expect(parseVersionText('main-gha.34488\n', 'h')).toEqual({ ok: true, value: 'main-gha.34488' });
  });

  it('rejects an empty, over-long or non-version reply', () => {
    expect(parseVersionText('  ', 'h')).toMatchObject({
      ok: false,
      problem: { kind: 'bad-reply', code: 'empty' },
    });
    expect(parseVersionText('x'.repeat(101), 'h')).toMatchObject({
      ok: false,
      problem: { kind: 'bad-reply', code: 'too-long' },
    });
    expect(parseVersionText('Service Unavailable', 'h')).toMatchObject({
      ok: false,
      problem: { kind: 'bad-reply', code: 'not-a-version' },
    });
    expect(parseVersionText('<b>x</b>', 'h')).toMatchObject({ ok: false, problem: { kind: 'bad-reply' } });
  });
});
