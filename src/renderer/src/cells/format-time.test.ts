import { describe, expect, it } from 'vitest';
import { formatRelative, parseTime } from './format-time';

const NOW = new Date('2025-05-13T12:00:00Z');

describe('cells/format-time', () => {
  it.each([
    ['2025-05-13T11:59:40Z', 'just now'],
    ['2025-05-13T11:55:00Z', '5 minutes ago'],
    ['2025-05-13T09:00:00Z', '3 hours ago'],
    ['2025-05-12T12:00:00Z', 'yesterday'],
    ['2025-04-01T12:00:00Z', 'last month'],
    ['2025-02-20T12:00:00Z', '2 months ago'],
  ])('says %s is %s', (iso, words) => {
    expect(formatRelative(new Date(iso), NOW)).toBe(words);
  });

  it('reads a missing or broken time as null', () => {
    expect(parseTime(undefined)).toBeNull();
    expect(parseTime('not a time')).toBeNull();
    expect(parseTime('2025-05-13T12:00:00Z')?.toISOString()).toBe('2025-05-13T12:00:00.000Z');
  });
});
