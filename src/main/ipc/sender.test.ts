import { describe, expect, it } from 'vitest';
import { APP_ORIGIN } from '../security/app-protocol-path';
import { isTrustedSender } from './sender';

const TRUSTED = [APP_ORIGIN];
const topFrame = (url: string) => ({ senderFrame: { url, parent: null } });

describe('main/ipc/sender', () => {
  it.each(['app://dashboard/index.html', 'app://dashboard/', 'app://dashboard/index.html#/updates'])(
    'trusts the dashboard top frame at %s',
    (url) => {
      expect(isTrustedSender(topFrame(url), TRUSTED)).toBe(true);
    },
  );

  it('trusts the dev server origin when that is the trusted one', () => {
    expect(isTrustedSender(topFrame('http://localhost:5173/#/apply'), ['http://localhost:5173'])).toBe(true);
    expect(isTrustedSender(topFrame('http://localhost:5174/'), ['http://localhost:5173'])).toBe(false);
  });

  it.each([
    'app://evil/index.html',
    'app://dashboard.evil/index.html',
    'app://evil@dashboard.example/',
    'https://dashboard/index.html',
    'https://example.com/',
    'http://localhost:5173/',
    'file:///home/u/index.html',
    'data:text/html,<script>1</script>',
    'about:blank',
    'javascript:alert(1)',
    'blob:app://dashboard/1234',
  ])('refuses a top frame at %s', (url) => {
    expect(isTrustedSender(topFrame(url), TRUSTED)).toBe(false);
  });

  it('refuses an opaque origin even if "null" were listed as trusted', () => {
    expect(isTrustedSender(topFrame('data:text/html,x'), ['null'])).toBe(false);
    expect(isTrustedSender(topFrame('about:blank'), ['null'])).toBe(false);
  });

  it('refuses a subframe of the dashboard', () => {
    const parent = { url: 'app://dashboard/index.html', parent: null };
    expect(isTrustedSender({ senderFrame: { url: 'app://dashboard/index.html', parent } }, TRUSTED)).toBe(
      false,
    );
  });

  it('refuses a destroyed (null) frame', () => {
    expect(isTrustedSender({ senderFrame: null }, TRUSTED)).toBe(false);
  });

  it('refuses an unparsable frame URL', () => {
    expect(isTrustedSender(topFrame('not a url'), TRUSTED)).toBe(false);
    expect(isTrustedSender(topFrame(''), TRUSTED)).toBe(false);
  });
});
