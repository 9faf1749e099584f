/**
 * Lines of a template entry lined up side by side, as a diff viewer shows them: equal lines
 * face each other, a changed stretch faces its replacement, and an added (or removed) line faces
 * a gap.
 */

export type DiffRowKind = 'same' | 'changed' | 'removed' | 'added';

export interface DiffRow {
  readonly kind: DiffRowKind;
  /** The line on the left (before); absent when the line was added. */
  readonly before?: string;
  /** The line on the right (after); absent when the line was removed. */
  readonly after?: string;
}

/** Past this many comparisons the middle is paired line by line instead of aligned exactly. */
const MAX_LCS_CELLS = 1_000_000;

/** Index pairs of a longest common subsequence of `a` and `b`, in order. */
function commonLines(a: readonly string[], b: readonly string[]): Array<readonly [number, number]> {
  const width = b.length + 1;
  // lengths[i * width + j]: the LCS length of a[i..] and b[j..].
  const lengths = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  const pairs: Array<readonly [number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}

/** A stretch that differs: removed lines face added ones row by row, the rest face gaps. */
function pairUp(removed: readonly string[], added: readonly string[], rows: DiffRow[]): void {
  const length = Math.max(removed.length, added.length);
  for (let k = 0; k < length; k++) {
    const before = removed[k];
    const after = added[k];
    if (before !== undefined && after !== undefined) rows.push({ kind: 'changed', before, after });
    else if (before !== undefined) rows.push({ kind: 'removed', before });
    else if (after !== undefined) rows.push({ kind: 'added', after });
  }
}

export function sideBySide(before: readonly string[], after: readonly string[]): DiffRow[] {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }

  const rows: DiffRow[] = [];
  for (let k = 0; k < start; k++) rows.push({ kind: 'same', before: before[k], after: after[k] });

  const middleBefore = before.slice(start, endBefore);
  const middleAfter = after.slice(start, endAfter);
  const matches =
    middleBefore.length * middleAfter.length <= MAX_LCS_CELLS ? commonLines(middleBefore, middleAfter) : [];
  let i = 0;
  let j = 0;
  for (const [mi, mj] of matches) {
    pairUp(middleBefore.slice(i, mi), middleAfter.slice(j, mj), rows);
    rows.push({ kind: 'same', before: middleBefore[mi], after: middleAfter[mj] });
    i = mi + 1;
    j = mj + 1;
  }
  pairUp(middleBefore.slice(i), middleAfter.slice(j), rows);

  for (let k = 0; k < before.length - endBefore; k++) {
    rows.push({ kind: 'same', before: before[endBefore + k], after: after[endAfter + k] });
  }
  return rows;
}
