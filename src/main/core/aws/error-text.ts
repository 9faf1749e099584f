import type { AppError } from '../../../shared/errors';
import { redact } from '../log/redact';
import type { ErrorFacts } from './error-facts';
import type { ProfileSummary } from './profiles';

/** What the caller was doing when AWS failed; it words the message. */
export interface AwsErrorContext {
  /** The profile in use; undefined means the default chain (env variables or "default"). */
  profile?: string;
  region: string;
  /** The IAM action attempted, e.g. "cloudformation:DescribeStacks". */
  action: string;
  /** Lets an expired SSO login be traced through source_profile to the profile to log in with. */
  profiles?: readonly ProfileSummary[];
}

const MAX_DETAIL = 300;

export function codeIn(facts: ErrorFacts, codes: ReadonlySet<string>): string | undefined {
  for (const code of facts.codes) if (codes.has(code)) return code;
  return undefined;
}

/** First line of an AWS or SDK message, shortened and stripped of anything secret-looking. */
export function detail(message: string): string {
  const line = redact(message.split('\n')[0] ?? '').trim();
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL - 1)}…` : line;
}

export function who(profile: string | undefined): string {
  return profile === undefined ? 'The default AWS credentials' : `Profile "${profile}"`;
}

export function make(code: string, message: string, nextStep?: string): AppError {
  return nextStep === undefined ? { code, message } : { code, message, nextStep };
}
