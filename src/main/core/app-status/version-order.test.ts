import { describe, expect, it } from 'vitest';
import { compareVersions, parseGhaVersion, versionDirection } from './version-order';

describe('main/core/app-status/version-order', () => {
  it('reads <branch>-gha.<n> into its branch and build number', () => {
    expect(parseGhaVersion('main-gha.34488')).toEqual({ branch: 'main', build: 34488 });
    expect(parseGhaVersion('release-2025-gha.7')).toEqual({ branch: 'release-2025', build: 7 });
    expect(parseGhaVersion('commit-3f2a9c1')).toBeNull();
    expect(parseGhaVersion('main-gha.')).toBeNull();
  });

  it('orders builds of one branch by number, not by text', () => {
    // As text, "main-gha.9999" sorts after "main-gha.34501"; as builds it is older.
    expect(compareVersions('main-gha.9999', 'main-gha.34501')).toBeLessThan(0);
    expect(compareVersions('main-gha.34501', 'main-gha.34488')).toBeGreaterThan(0);
    expect(compareVersions('main-gha.34488', 'main-gha.34488')).toBe(0);
    const sorted = ['main-gha.34501', 'main-gha.9999', 'main-gha.34488'].sort(
      (a, b) => compareVersions(a, b) ?? 0,
    );
    expect(sorted).toEqual(['main-gha.9999', 'main-gha.34488', 'main-gha.34501']);
  });

  it('does not order versions of different branches or other shapes', () => {
    expect(compareVersions('main-gha.2', 'hotfix-gha.1')).toBeNull();
    expect(compareVersions('v1.2.3', 'v1.2.4')).toBeNull();
    expect(compareVersions('opaque', 'opaque')).toBe(0);
  });

  it('names the direction of a change for the notice', () => {
    expect(versionDirection('main-gha.34488', 'main-gha.34501')).toBe('newer');
    expect(versionDirection('main-gha.34501', 'main-gha.34488')).toBe('older');
    expect(versionDirection('a', 'b')).toBe('unordered');
  });
});
