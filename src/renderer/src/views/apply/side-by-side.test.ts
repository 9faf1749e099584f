import { describe, expect, it } from 'vitest';
import { sideBySide } from './side-by-side';

describe('views/apply/side-by-side', () => {
  it('lines equal on both sides face each other, a changed line faces its replacement', () => {
    expect(sideBySide(['{', '  "A": 1', '}'], ['{', '  "A": 2', '}'])).toEqual([
      { kind: 'same', before: '{', after: '{' },
      { kind: 'changed', before: '  "A": 1', after: '  "A": 2' },
      { kind: 'same', before: '}', after: '}' },
    ]);
  });

  it('an added line faces a gap, and the lines after it line up again', () => {
    expect(sideBySide(['a', 'c'], ['a', 'b', 'c'])).toEqual([
      { kind: 'same', before: 'a', after: 'a' },
      { kind: 'added', after: 'b' },
      { kind: 'same', before: 'c', after: 'c' },
    ]);
  });

  it('a removed entry has only a left side, an added one only a right side', () => {
    expect(sideBySide(['x', 'y'], [])).toEqual([
      { kind: 'removed', before: 'x' },
      { kind: 'removed', before: 'y' },
    ]);
    expect(sideBySide([], ['x'])).toEqual([{ kind: 'added', after: 'x' }]);
  });

  it('keeps a common line in the middle of two changed stretches aligned', () => {
    const rows = sideBySide(['a', 'K', 'b'], ['c', 'd', 'K', 'e']);
    expect(rows).toEqual([
      { kind: 'changed', before: 'a', after: 'c' },
      { kind: 'added', after: 'd' },
      { kind: 'same', before: 'K', after: 'K' },
      { kind: 'changed', before: 'b', after: 'e' },
    ]);
  });

  it('shows every line of both sides, in order, for long inputs', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `line ${i}`);
    const after = before.map((line, i) => (i % 7 === 0 ? `${line} changed` : line));
    const rows = sideBySide(before, after);
    expect(rows.flatMap((row) => (row.before === undefined ? [] : [row.before]))).toEqual(before);
    expect(rows.flatMap((row) => (row.after === undefined ? [] : [row.after]))).toEqual(after);
  });
});
