import { describe, expect, it } from 'vitest';
import { targetFromHash, viewFromHash } from './view-hash';

describe('view hash', () => {
  it('reads the view, and the item main puts after it when it opens a window from a notification', () => {
    expect(targetFromHash('#/updates')).toEqual({ view: 'updates' });
    expect(targetFromHash('#/updates/cs-0123abc')).toEqual({ view: 'updates', itemId: 'cs-0123abc' });
    expect(targetFromHash(`#/updates/${encodeURIComponent('imp-a:b')}`)).toEqual({
      view: 'updates',
      itemId: 'imp-a:b',
    });
    expect(viewFromHash('#/updates/cs-0123abc')).toBe('updates');
  });

  it('ignores unknown views and keeps the view when the item is malformed', () => {
    expect(targetFromHash('#/nowhere')).toBeNull();
    expect(targetFromHash('#/updates/a/b')).toBeNull();
    expect(targetFromHash('')).toBeNull();
    expect(targetFromHash('#/updates/%E0%A4%A')).toEqual({ view: 'updates' });
  });
});
