/**
 * Recognisable fake secrets for the secrets scan, and the scanner that looks for them. Each
 * marker is shaped like the real thing (an AKIA key id of 20 characters, a 40-character
 * secret key, a session token with `/` and `+`, a `gitpod_pat_` token) so the app's own
 * validation and redaction treat it as real, and each carries the tag SECRETSCAN so any
 * fragment of one is recognisable too.
 *
 * A secret can leak in disguise: base64 (a header, an encrypted-looking blob, a data: URL),
 * base64url, or URL-encoded (a query string). The scanner looks for every marker in each form,
 * base64 at all three byte alignments, since a marker inside a longer base64 text starts
 * anywhere within a 3-byte group.
 */

export const SECRET_TAG = 'SECRETSCAN';

export interface SecretMarkers {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly gitpodToken: string;
}

/** AKIA + 16 upper-case letters and digits: the redactor's pattern for a key id matches it. */
export const SECRET_MARKERS: SecretMarkers = {
  accessKeyId: `AKIA${SECRET_TAG}7Q2XZ4`,
  secretAccessKey: `wJalrXUtnFEMI/${SECRET_TAG}+K7MDENG/bPxRfiC`,
  sessionToken: `IQoJb3JpZ2luX2VjEJr//////////${SECRET_TAG}sessionTOKEN+fake/Example0123456789==`,
  gitpodToken: `gitpod_pat_${SECRET_TAG}.fake-token-4f1d9a7c`,
};

export type MarkerName = keyof SecretMarkers;

export type MarkerFormKind = 'plain' | 'tag' | 'base64' | 'base64url' | 'url-encoded';

export interface MarkerForm {
  readonly marker: MarkerName | 'any';
  readonly kind: MarkerFormKind;
  readonly text: string;
  /** Plain text is compared case-insensitively (a lower-cased header still leaks it). */
  readonly caseInsensitive: boolean;
}

export interface Place {
  /** Where the text came from, e.g. "log file main.log" or "IPC reply cells:check". */
  readonly name: string;
  readonly text: string;
}

export interface Leak {
  readonly place: string;
  readonly marker: MarkerForm['marker'];
  readonly kind: MarkerFormKind;
  /** A few characters around the hit, with the hit itself masked, for the failure message. */
  readonly context: string;
}

/**
 * The part of base64(prefix + marker) that depends on the marker's bytes alone, for a prefix
 * of `offset` bytes (0, 1 or 2): what any base64 text containing the marker must contain.
 */
export function base64Core(marker: string, offset: 0 | 1 | 2): string {
  const bytes = Buffer.concat([Buffer.alloc(offset), Buffer.from(marker, 'utf8')]);
  const encoded = bytes.toString('base64').replace(/=+$/, '');
  const totalBits = bytes.length * 8;
  const start = Math.ceil((offset * 8) / 6);
  const end = Math.floor(totalBits / 6);
  return encoded.slice(start, end);
}

/** Every form in which each marker is looked for. */
export function markerForms(markers: SecretMarkers = SECRET_MARKERS): MarkerForm[] {
  const forms: MarkerForm[] = [{ marker: 'any', kind: 'tag', text: SECRET_TAG, caseInsensitive: true }];
  for (const [name, value] of Object.entries(markers) as Array<[MarkerName, string]>) {
    forms.push({ marker: name, kind: 'plain', text: value, caseInsensitive: true });
    const encoded = encodeURIComponent(value);
    if (encoded !== value)
      forms.push({ marker: name, kind: 'url-encoded', text: encoded, caseInsensitive: true });
    for (const offset of [0, 1, 2] as const) {
      const core = base64Core(value, offset);
      forms.push({ marker: name, kind: 'base64', text: core, caseInsensitive: false });
      const url = core.replaceAll('+', '-').replaceAll('/', '_');
      if (url !== core) forms.push({ marker: name, kind: 'base64url', text: url, caseInsensitive: false });
    }
  }
  return forms;
}

function contextAround(text: string, index: number, length: number): string {
  const before = text.slice(Math.max(0, index - 40), index);
  const after = text.slice(index + length, index + length + 40);
  return `${before}«${'•'.repeat(Math.min(length, 8))}»${after}`.replace(/\s+/g, ' ');
}

/** Every place where a marker shows in any of its forms; empty when nothing leaked. */
export function findLeaks(places: readonly Place[], forms: readonly MarkerForm[] = markerForms()): Leak[] {
  const leaks: Leak[] = [];
  for (const place of places) {
    const lower = place.text.toLowerCase();
    for (const form of forms) {
      const haystack = form.caseInsensitive ? lower : place.text;
      const needle = form.caseInsensitive ? form.text.toLowerCase() : form.text;
      const index = haystack.indexOf(needle);
      if (index === -1) continue;
      leaks.push({
        place: place.name,
        marker: form.marker,
        kind: form.kind,
        context: contextAround(place.text, index, needle.length),
      });
    }
  }
  return leaks;
}
