import { describe, expect, it } from 'vitest';
import { noticeForAppEvent } from './app-events';
import { problem } from './problems';

const CELL = { cellId: 'cell-1', name: 'prod', domain: 'gitpod.example.com' };
const AT = '2026-05-01T10:00:00.000Z';

describe('main/core/app-status/app-events', () => {
  it('says "<cell> updated to <version>" for a newer build, opening the Overview at the cell', () => {
    expect(
      noticeForAppEvent(CELL, { kind: 'version-changed', from: 'main-gha.34488', to: 'main-gha.34501' }, AT),
    ).toEqual({
      title: 'prod updated to main-gha.34501',
      body: 'Gitpod on gitpod.example.com changed from main-gha.34488 to main-gha.34501.',
      target: { view: 'overview', itemId: 'cell-1' },
    });
  });

  it('says when a cell went back to an older build', () => {
    const notice = noticeForAppEvent(
      CELL,
      { kind: 'version-changed', from: 'main-gha.34501', to: 'main-gha.34488' },
      AT,
    );
    expect(notice.title).toBe('prod went back to main-gha.34488');
  });

  it('calls a certificate problem by its name, not "unreachable"', () => {
    const tls = problem(
      'tls',
      'The TLS certificate of gitpod.example.com was not accepted (CERT_HAS_EXPIRED).',
      'Renew it.',
    );
    const notice = noticeForAppEvent(CELL, { kind: 'unreachable', problem: tls, since: AT }, AT);
    expect(notice.title).toBe('prod: certificate not accepted');
    expect(notice.body).toContain('CERT_HAS_EXPIRED');
    const down = problem('unreachable', 'gitpod.example.com could not be reached (ECONNREFUSED).');
    expect(noticeForAppEvent(CELL, { kind: 'unreachable', problem: down, since: AT }, AT).title).toBe(
      'prod is unreachable',
    );
  });

  it('says how long an outage lasted', () => {
    const notice = noticeForAppEvent(
      CELL,
      { kind: 'reachable-again', downSince: '2026-05-01T09:48:00.000Z', version: 'main-gha.1' },
      AT,
    );
    expect(notice.body).toBe('gitpod.example.com answers again (main-gha.1) after 12 minutes.');
  });

  it('cuts a long maintenance notice for the notification body', () => {
    const notice = noticeForAppEvent(CELL, { kind: 'notice-set', notice: 'x'.repeat(1000) }, AT);
    expect(notice.body.length).toBeLessThanOrEqual(300);
  });
});
