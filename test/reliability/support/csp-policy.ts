/**
 * Reads a Content-Security-Policy the way a browser does (CSP Level 3) and says what in it
 * breaks the dashboard's rules, so the policy is checked by meaning, not by its wording: a
 * directive left out falls back to another (script-src-elem → script-src → default-src), a
 * repeated directive is ignored, and some directives do nothing in a <meta> tag.
 */

export type Csp = ReadonlyMap<string, readonly string[]>;

export interface ParsedCsp {
  readonly directives: Csp;
  /** Directives given twice: browsers use the first and ignore the rest. */
  readonly duplicates: readonly string[];
}

export function parseCsp(policy: string): ParsedCsp {
  const directives = new Map<string, string[]>();
  const duplicates: string[] = [];
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    const key = name.toLowerCase();
    if (directives.has(key)) duplicates.push(key);
    else directives.set(key, sources);
  }
  return { directives, duplicates };
}

/** CSP3's fallback lists: the first directive present decides. */
const FALLBACKS: Readonly<Record<string, readonly string[]>> = {
  'script-src-elem': ['script-src-elem', 'script-src', 'default-src'],
  'script-src-attr': ['script-src-attr', 'script-src', 'default-src'],
  'style-src-elem': ['style-src-elem', 'style-src', 'default-src'],
  'style-src-attr': ['style-src-attr', 'style-src', 'default-src'],
  'worker-src': ['worker-src', 'child-src', 'script-src', 'default-src'],
  'frame-src': ['frame-src', 'child-src', 'default-src'],
  'child-src': ['child-src', 'default-src'],
  'connect-src': ['connect-src', 'default-src'],
  'font-src': ['font-src', 'default-src'],
  'img-src': ['img-src', 'default-src'],
  'manifest-src': ['manifest-src', 'default-src'],
  'media-src': ['media-src', 'default-src'],
  'object-src': ['object-src', 'default-src'],
};

export const FETCH_DIRECTIVES = Object.keys(FALLBACKS);

/** The sources that apply to `directive`; null when nothing restricts it (everything allowed). */
export function effectiveSources(csp: Csp, directive: string): readonly string[] | null {
  for (const candidate of FALLBACKS[directive] ?? [directive]) {
    const sources = csp.get(candidate);
    if (sources) return sources;
  }
  return null;
}

/** A source that names somewhere other than the app itself. */
function isRemote(source: string): boolean {
  const lower = source.toLowerCase();
  if (lower.startsWith("'")) return false;
  // Scheme sources that reach the network, a wildcard, or any host source.
  return lower !== 'data:' && lower !== 'blob:';
}

const KEYWORDS_THAT_RUN_INJECTED_CODE = [
  "'unsafe-inline'",
  "'unsafe-eval'",
  "'wasm-unsafe-eval'",
  "'unsafe-hashes'",
  "'strict-dynamic'",
];

export interface PolicyContext {
  /** A <meta> tag (frame-ancestors, report-uri and sandbox are ignored there) or a response header. */
  readonly deliveredAs: 'meta' | 'header';
}

/**
 * What this policy lets through that the dashboard must not: each entry names the directive
 * and why. Empty means it holds. The rules: nothing by default; script only from the app's own
 * files (no inline, eval, nonce, hash or data: script); no remote origin for anything; no
 * plugins (object-src 'none'); no frames inside the page, and (header) none around it; no
 * <base> and no form posts.
 */
export function cspViolations(policy: string, context: PolicyContext): string[] {
  const { directives, duplicates } = parseCsp(policy);
  const problems: string[] = duplicates.map((name) => `${name} is given twice (the second is ignored)`);
  const only = (name: string, allowed: readonly string[]): void => {
    const sources = effectiveSources(directives, name);
    if (sources === null) {
      problems.push(`${name} is unrestricted (no ${name} and no fallback)`);
      return;
    }
    for (const source of sources) {
      if (!allowed.includes(source.toLowerCase())) problems.push(`${name} allows ${source}`);
    }
  };

  only('default-src', ["'none'"]);
  for (const name of ['script-src-elem', 'script-src-attr', 'worker-src']) only(name, ["'self'", "'none'"]);
  for (const name of FETCH_DIRECTIVES) {
    for (const source of effectiveSources(directives, name) ?? ['*']) {
      if (isRemote(source)) problems.push(`${name} allows the remote source ${source}`);
      if (KEYWORDS_THAT_RUN_INJECTED_CODE.includes(source.toLowerCase()) && !name.startsWith('style-src')) {
        problems.push(`${name} allows ${source}`);
      }
      if (/^'(nonce|sha256|sha384|sha512)-/i.test(source)) problems.push(`${name} allows ${source}`);
    }
  }
  // Inline style is not script, but it still lets injected markup restyle the page (a fake
  // "confirm" button over the real one): the production policy allows none.
  for (const name of ['style-src-elem', 'style-src-attr']) only(name, ["'self'", "'none'"]);
  for (const name of ['object-src', 'frame-src', 'child-src']) only(name, ["'none'"]);
  for (const name of ['base-uri', 'form-action']) {
    const sources = directives.get(name);
    if (sources?.join(' ') !== "'none'")
      problems.push(`${name} is ${sources?.join(' ') ?? 'missing'}, not 'none'`);
  }
  if (context.deliveredAs === 'header') {
    if (directives.get('frame-ancestors')?.join(' ') !== "'none'") {
      problems.push("frame-ancestors is not 'none': another page could frame the dashboard");
    }
  } else {
    for (const name of ['frame-ancestors', 'report-uri', 'sandbox']) {
      if (directives.has(name)) problems.push(`${name} does nothing in a <meta> policy`);
    }
  }
  return problems;
}
