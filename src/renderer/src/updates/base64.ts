/** Bytes per `String.fromCharCode` call: spreading a whole megabyte would overflow the stack. */
const CHUNK = 0x8000;

/** The exact bytes as base64: no text decoding, so a BOM or a stray byte survives for the sha256. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  }
  return btoa(binary);
}
