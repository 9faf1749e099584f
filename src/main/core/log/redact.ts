/**
 * Removes credentials and tokens from text before it is logged or shown. A second line of
 * defence: secrets should never be handed to a logger in the first place.
 */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Gitpod personal access tokens.
  [/gitpod_pat_[A-Za-z0-9._-]+/g, 'gitpod_pat_[REDACTED]'],
  // AWS access key ids (long-term AKIA, temporary ASIA).
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '$1[REDACTED]'],
  // Bearer and other Authorization header values.
  [/(authorization["']?\s*[:=]\s*["']?)(bearer\s+)?[^\s"',}]+/gi, '$1$2[REDACTED]'],
  [/\bbearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [REDACTED]'],
  // key=value / "key": "value" pairs whose key names a secret.
  [
    /((?:aws_)?(?:secret_access_key|secretaccesskey|session_token|sessiontoken|security_token|x-amz-security-token|password|token|secret)["']?\s*[:=]\s*["']?)[^\s"',}&]+/gi,
    '$1[REDACTED]',
  ],
  // SigV4 signatures in query strings or headers.
  [/(Signature=)[0-9a-f]{64}/gi, '$1[REDACTED]'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement);
  }
  return out;
}
