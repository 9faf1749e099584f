/**
 * Gitpod versions are opaque text, but those its CI builds look like `<branch>-gha.<n>`
 * (`main-gha.34488`), and within one branch a larger n is a later build. Nothing else is
 * ordered: two versions of other shapes, or of different branches, are just different.
 */

export interface GhaVersion {
  readonly branch: string;
  readonly build: number;
}

const GHA_PATTERN = /^(.+)-gha\.(\d{1,15})$/;

export function parseGhaVersion(version: string): GhaVersion | null {
  const match = GHA_PATTERN.exec(version.trim());
  if (match === null) return null;
  return { branch: match[1] as string, build: Number(match[2]) };
}

/**
 * Negative when `a` is older, positive when newer, 0 when the same; null when they cannot be
 * ordered (not both `<branch>-gha.<n>` of one branch).
 */
export function compareVersions(a: string, b: string): number | null {
  if (a === b) return 0;
  const left = parseGhaVersion(a);
  const right = parseGhaVersion(b);
  if (left === null || right === null || left.branch !== right.branch) return null;
  return left.build - right.build;
}

/** How `to` relates to `from`: the words a version-change notice uses. */
export function versionDirection(from: string, to: string): 'newer' | 'older' | 'same' | 'unordered' {
  const order = compareVersions(to, from);
  if (order === null) return 'unordered';
  if (order === 0) return 'same';
  return order > 0 ? 'newer' : 'older';
}
