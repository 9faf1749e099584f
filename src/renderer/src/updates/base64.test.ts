import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64';

function decode(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

describe('bytesToBase64', () => {
  it('keeps every byte, including a BOM and bytes that are not UTF-8', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x00, 0xff, 0x80, 0x41]);
    expect(bytesToBase64(bytes)).toBe('77u/AP+AQQ==');
  });

  it('encodes a 1 MiB file without overflowing the stack', () => {
    const bytes = new Uint8Array(1024 * 1024 + 7).map((_, i) => (i * 31) % 256);
    const decoded = decode(bytesToBase64(bytes));
    expect(decoded.length).toBe(bytes.length);
    expect(decoded.every((byte, i) => byte === bytes[i])).toBe(true);
  });

  it('encodes nothing as nothing', () => {
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });
});
