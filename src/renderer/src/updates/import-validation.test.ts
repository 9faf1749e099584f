import { describe, expect, it } from 'vitest';
import {
  addressProblem,
  changelogProblem,
  deadlineProblem,
  fileProblem,
  labelProblem,
  MAX_TEMPLATE_BYTES,
  releaseDateProblem,
} from './import-validation';

describe('import validation', () => {
  it('takes https:// and s3:// addresses and refuses plain http and anything else', () => {
    expect(addressProblem('https://example.com/role.json')).toBeUndefined();
    expect(addressProblem('  s3://bucket/gitpod/role.json ')).toBeUndefined();
    expect(addressProblem('http://example.com/role.json')).toMatch(/^Use an https:\/\/ address/);
    expect(addressProblem('HTTP://example.com/role.json')).toMatch(/^Use an https:\/\/ address/);
    expect(addressProblem('ftp://example.com/role.json')).toMatch(/https:\/\/ address or an S3 location/);
    expect(addressProblem('example.com/role.json')).toMatch(/https:\/\/ address or an S3 location/);
  });

  it('refuses files over 1 MiB and empty files, by name', () => {
    expect(fileProblem({ name: 'role.json', size: MAX_TEMPLATE_BYTES })).toBeUndefined();
    expect(fileProblem({ name: 'big.json', size: MAX_TEMPLATE_BYTES + 1 })).toMatch(/^big\.json is 1\.0 MiB/);
    expect(fileProblem({ name: 'empty.json', size: 0 })).toBe('empty.json is empty.');
  });

  it('needs a label, a release date not in the future, and a deadline after it', () => {
    const now = new Date(2026, 2, 10, 12);
    expect(labelProblem('  ')).toMatch(/^Enter a label/);
    expect(labelProblem('Infrastructure Update v37')).toBeUndefined();
    expect(releaseDateProblem('2026-03-10', now)).toBeUndefined();
    expect(releaseDateProblem('', now)).toBeUndefined();
    expect(releaseDateProblem('2026-03-11', now)).toMatch(/in the future/);
    expect(releaseDateProblem('2026-02-30', now)).toMatch(/^Enter the release date/);
    expect(deadlineProblem('2026-03-24', '2026-03-10')).toBeUndefined();
    expect(deadlineProblem('2026-03-10', '2026-03-10')).toMatch(/after the release date/);
  });

  it('takes only https:// changelog links', () => {
    expect(changelogProblem('')).toBeUndefined();
    expect(changelogProblem('https://www.gitpod.io/changelog')).toBeUndefined();
    expect(changelogProblem('http://www.gitpod.io/changelog')).toMatch(/https:\/\//);
  });
});
