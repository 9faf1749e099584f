import { describe, expect, it } from 'vitest';
import type { StatusSnapshot } from '../../../shared/status';
import { noticeForTransition } from './status-notices';

function snapshot(partial: Partial<StatusSnapshot>): StatusSnapshot {
  return {
    state: 'ok',
    tooltip: 'Dedicated Admin: All cells up to date',
    cells: [],
    checkedAt: '2026-11-21T10:00:00.000Z',
    checking: false,
    ...partial,
  };
}

describe('main/core/status/status-notices', () => {
  it('speaks up once when a check starts failing, pointing at the overview', () => {
    const failing = snapshot({
      state: 'error',
      tooltip: 'Dedicated Admin: failed\nCheck failed: stacks (see the log)',
    });
    const notice = noticeForTransition(snapshot({}), failing);
    expect(notice).toEqual({
      title: 'Dedicated Admin: a check failed',
      body: 'Check failed: stacks (see the log)',
      target: { view: 'overview' },
    });
    expect(noticeForTransition(failing, failing)).toBeNull();
  });

  it('says when the app goes offline, and nothing for ordinary changes', () => {
    expect(noticeForTransition(snapshot({}), snapshot({ state: 'offline' }))?.title).toBe(
      'Dedicated Admin is offline',
    );
    expect(noticeForTransition(snapshot({}), snapshot({ state: 'attention' }))).toBeNull();
  });

  it('stays quiet on the first check after start and while a check runs', () => {
    expect(noticeForTransition(snapshot({ checkedAt: null }), snapshot({ state: 'error' }))).toBeNull();
    expect(noticeForTransition(snapshot({}), snapshot({ state: 'error', checking: true }))).toBeNull();
  });
});
