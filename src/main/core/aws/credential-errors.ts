import type { AppError } from '../../../shared/errors';
import type { ErrorFacts } from './error-facts';
import { type AwsErrorContext, detail, make, who } from './error-text';
import type { ProfileSummary } from './profiles';

/**
 * Messages of @aws-sdk/credential-provider-sso (resolveSSOCredentials) and
 * @aws-sdk/token-providers (fromSso, validateTokenExpiry, validateTokenKey) that mean
 * "log in again"; the SSO portal's own UnauthorizedException arrives wrapped by the former.
 */
const SSO_LOGIN_NEEDED =
  /SSO session (token )?associated with (this )?profile|in SSO Token|Token is expired|Session token not found or invalid|UnauthorizedException/i;

const SSO_MISCONFIGURED =
  /invalid SSO credentials|not configured with SSO|Conflicting SSO|missing required property|Sso session '.*' could not be found/i;

/** Follows source_profile to the SSO profile that actually needs the login. */
function ssoProfileFor(profile: string, profiles: readonly ProfileSummary[] | undefined): string {
  let current = profiles?.find((p) => p.name === profile);
  for (let hops = 0; current && hops < 10; hops++) {
    if (current.kind === 'sso' || current.kind === 'sso-session') return current.name;
    const source = current.sourceProfile;
    current = source === undefined ? undefined : profiles?.find((p) => p.name === source);
  }
  return profile;
}

/**
 * Errors of the credential providers (CredentialsProviderError / TokenProviderError): an SSO
 * login to renew, or a profile that is missing or cannot produce credentials.
 */
export function credentialProblem(facts: ErrorFacts, context: AwsErrorContext): AppError | undefined {
  if (!facts.isProviderError) return undefined;
  const named = /profile=([^\s]+?)\.?(\s|$)/.exec(facts.message)?.[1];
  const profile = context.profile ?? 'default';
  if (SSO_LOGIN_NEEDED.test(facts.message)) {
    const login = named ?? ssoProfileFor(profile, context.profiles);
    return make(
      'sso-expired',
      `The AWS SSO login for profile "${login}" has expired or is missing.`,
      `Run "aws sso login --profile ${login}"`,
    );
  }
  const message = facts.message;
  if (/Could not load credentials from any providers/.test(message)) {
    return make(
      'no-credentials',
      context.profile === undefined
        ? 'No AWS credentials were found: no AWS_ACCESS_KEY_ID, no default profile, no SSO login.'
        : `No AWS credentials were found for profile "${context.profile}".`,
      context.profile === undefined
        ? 'Run "aws configure" or "aws configure sso", or pick a profile for the cell.'
        : `Run "aws configure --profile ${context.profile}" or "aws configure sso --profile ${context.profile}".`,
    );
  }
  const missing =
    /Could not resolve credentials using profile: \[([^\]]+)\]/.exec(message)?.[1] ??
    /Profile '?([^\s']+)'? (?:could not be found|was not found)/.exec(message)?.[1];
  if (missing !== undefined) {
    return make(
      'no-credentials',
      `Profile "${missing}" was not found in ~/.aws/config or ~/.aws/credentials, or it has no credentials.`,
      `Run "aws configure --profile ${missing}" or "aws configure sso --profile ${missing}".`,
    );
  }
  // fromProcess rethrows exec's error, whose message is "Command failed: <command>\n<stderr>".
  if (/credential_process|^Command failed:/.test(message)) {
    return make(
      'no-credentials',
      `The credential_process of profile "${profile}" failed: ${detail(message)}`,
      'Run that command in a terminal to see why it fails, fix it, then try again.',
    );
  }
  // "Profile <name> requires multi-factor authentication, but no MFA code callback was provided."
  const mfa = /Profile (\S+) requires multi-factor authentication/.exec(message)?.[1];
  if (mfa !== undefined) {
    return make(
      'no-credentials',
      `Profile "${mfa}" needs an MFA code, which this app cannot ask for.`,
      'Use an SSO profile, or a profile without mfa_serial.',
    );
  }
  if (SSO_MISCONFIGURED.test(message)) {
    return make(
      'no-credentials',
      `The SSO settings of profile "${profile}" are incomplete: ${detail(message)}`,
      `Run "aws configure sso --profile ${profile}".`,
    );
  }
  return make(
    'no-credentials',
    `${who(context.profile)} could not be loaded: ${detail(message)}`,
    `Check the profile with "aws sts get-caller-identity --profile ${profile}".`,
  );
}
