import type { AppError } from '../../../shared/errors';
import { AppErrorException } from '../errors/app-error';
import { credentialProblem } from './credential-errors';
import { type ErrorFacts, errorFacts } from './error-facts';
import { type AwsErrorContext, detail, codeIn as has, make, who } from './error-text';
import { isKnownRegion, isOptInRegion, REGION_PATTERN } from './regions';

export type { AwsErrorContext } from './error-text';

/** THROTTLING_ERROR_CODES of @smithy/core/retry, minus LimitExceededException: in CloudFormation that is a quota, not a rate. */
const THROTTLING_CODES = new Set([
  'BandwidthLimitExceeded',
  'EC2ThrottledException',
  'PriorRequestNotComplete',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ThrottledException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
]);

/** Node system error codes and SDK timeout names (NODEJS_*_ERROR_CODES, TRANSIENT_ERROR_CODES). */
const OFFLINE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  // AWS SDK v2's name for the same failures; kept in case such an error ever reaches us.
  'NetworkingError',
]);

const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired']);
const UNKNOWN_KEY_CODES = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'InvalidToken',
  'AuthFailure',
]);
const SIGNATURE_CODES = new Set([
  'SignatureDoesNotMatch',
  'InvalidSignatureException',
  'RequestExpired',
  'RequestTimeTooSkewed',
  'RequestInTheFuture',
]);
const ACCESS_DENIED_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AllAccessDisabled',
]);

export function isThrottling(error: unknown): boolean {
  const facts = errorFacts(error);
  return (
    has(facts, THROTTLING_CODES) !== undefined ||
    facts.httpStatusCode === 429 ||
    facts.throttlingTrait ||
    /rate exceeded/i.test(facts.message)
  );
}

/** The offline code, also when a credential provider folded a network error into its message. */
function offlineCode(facts: ErrorFacts): string | undefined {
  // Node's own code first: the SDK renames a dropped connection (ECONNRESET, EPIPE) "TimeoutError"
  // so that it is retried, and a reset must not read as "did not answer in time".
  const system = [...facts.codes].find(
    (candidate) => /^E[A-Z_]+$/.test(candidate) && OFFLINE_CODES.has(candidate),
  );
  const code = system ?? has(facts, OFFLINE_CODES);
  if (code !== undefined || !facts.isProviderError) return code;
  // e.g. "Error: getaddrinfo ENOTFOUND portal.sso.eu-west-1.amazonaws.com" from fromSSO.
  return facts.message.match(/\b(E[A-Z_]{4,}|TimeoutError)\b/g)?.find((token) => OFFLINE_CODES.has(token));
}

export function isOfflineError(error: unknown): boolean {
  return offlineCode(errorFacts(error)) !== undefined;
}

function regionProblem(facts: ErrorFacts, context: AwsErrorContext): AppError | undefined {
  const { region } = context;
  const pickRegion = "Pick the region where the cell's CloudFormation stacks live, for example eu-west-1.";
  if (facts.codes.has('RegionDisabledException')) {
    return make(
      'wrong-region',
      `Region ${region} is not enabled for this AWS account.`,
      `Enable ${region} in the AWS console (Account → AWS Regions), or ${pickRegion.toLowerCase()}`,
    );
  }
  // @smithy/core config-resolver: checkRegion, getEndpointFromRegion, resolveRegionConfig.
  if (/Region not accepted|Invalid region|Region is missing|Region is invalid/i.test(facts.message)) {
    return make('wrong-region', `"${region}" is not a valid AWS region.`, pickRegion);
  }
  // "getaddrinfo ENOTFOUND cloudformation.eu-wst-1.amazonaws.com": the SDK builds the host from
  // any well-formed region, so a typo only shows up as a DNS failure.
  const dnsFailure = facts.codes.has('ENOTFOUND') || facts.codes.has('EAI_AGAIN');
  if (dnsFailure && !isKnownRegion(region) && (facts.host ?? '').includes(`.${region}.`)) {
    return make(
      'wrong-region',
      `The region "${region}" does not look like an AWS region: ${facts.host} could not be found.`,
      REGION_PATTERN.test(region)
        ? `${pickRegion} If "${region}" is right, check the network connection.`
        : pickRegion,
    );
  }
  const keyCode = has(facts, UNKNOWN_KEY_CODES);
  if (keyCode !== undefined && isOptInRegion(region)) {
    return make(
      'wrong-region',
      `AWS rejected the credentials in ${region} (${keyCode}). ${region} is an opt-in region; AWS answers this way when it is not enabled for the account.`,
      `Enable ${region} in the AWS console (Account → AWS Regions). If it is enabled, check the credentials of ${who(context.profile).toLowerCase()}.`,
    );
  }
  return undefined;
}

function rejectedCredentials(facts: ErrorFacts, context: AwsErrorContext): AppError | undefined {
  const profile = context.profile ?? 'default';
  const expired = has(facts, EXPIRED_CODES);
  if (expired !== undefined) {
    return make(
      'credentials-rejected',
      `${who(context.profile)}: AWS says the credentials have expired (${expired}).`,
      `Refresh them: for an SSO profile run "aws sso login --profile ${profile}", otherwise get new credentials. Then try again.`,
    );
  }
  const unknown = has(facts, UNKNOWN_KEY_CODES);
  if (unknown !== undefined) {
    return make(
      'credentials-rejected',
      `${who(context.profile)}: AWS does not recognise the access key (${unknown}).`,
      `The key may be deleted, deactivated or mistyped. Update it with "aws configure --profile ${profile}", or log in again.`,
    );
  }
  const signature = has(facts, SIGNATURE_CODES);
  if (signature !== undefined) {
    return make(
      'credentials-rejected',
      `${who(context.profile)}: AWS rejected the request signature (${signature}).`,
      "Check that this computer's clock is set correctly, and that the secret access key belongs to the access key.",
    );
  }
  return undefined;
}

function accessDenied(facts: ErrorFacts, context: AwsErrorContext): AppError | undefined {
  const denied = /is not authorized to perform/i.test(facts.message);
  if (!denied && has(facts, ACCESS_DENIED_CODES) === undefined) return undefined;
  const action = /perform:\s*([\w-]+:[\w*]+)/.exec(facts.message)?.[1] ?? context.action;
  const principal = /User:\s*(arn:\S+)/.exec(facts.message)?.[1];
  const as = principal === undefined ? '' : ` (as ${principal})`;
  const explicit = /explicit deny/i.test(facts.message)
    ? ' An explicit deny applies (an IAM policy, permissions boundary or SCP).'
    : '';
  return make(
    'access-denied',
    `${who(context.profile)}${as} is not allowed to perform ${action} in ${context.region}.${explicit}`,
    `Ask an AWS administrator to allow ${action} for this identity. The README's "AWS permissions" section lists the IAM policies the app needs.`,
  );
}

function offline(facts: ErrorFacts, context: AwsErrorContext): AppError | undefined {
  const code = offlineCode(facts);
  if (code === undefined) return undefined;
  const where = facts.host === undefined ? `AWS in ${context.region}` : `${facts.host} (${context.region})`;
  const timedOut = /Timeout|ETIMEDOUT/.test(code);
  const local = /^(localhost|127\.|\[?::1)/.test(facts.host ?? '');
  return make(
    'offline',
    timedOut
      ? `${where} did not answer ${context.action} in time (${code}).`
      : `Can't reach ${where} for ${context.action} (${code}).`,
    local
      ? `Check that the endpoint at ${facts.host} is running.`
      : 'Check the network connection, VPN and proxy, then try again.',
  );
}

function throttled(facts: ErrorFacts, context: AwsErrorContext, error: unknown): AppError | undefined {
  if (!isThrottling(error)) return undefined;
  const code = has(facts, THROTTLING_CODES) ?? 'Rate exceeded';
  return make(
    'throttled',
    `AWS keeps throttling ${context.action} in ${context.region} (${code}), even after retries.`,
    'Wait a minute: the app backs off and tries again by itself. If this persists, another tool may be calling AWS heavily in this account.',
  );
}

function generic(facts: ErrorFacts, context: AwsErrorContext): AppError {
  const code = [...facts.codes][0] ?? 'UnknownError';
  const text = detail(facts.message) || 'no details';
  const request = facts.requestId === undefined ? '' : ` (request id ${facts.requestId})`;
  return make(
    'aws-error',
    `${context.action} failed in ${context.region}: ${code}: ${text}${request}`,
    facts.requestId === undefined ? undefined : 'If it keeps happening, report it with the request id.',
  );
}

/**
 * Turns whatever the AWS SDK threw into an error a person can act on: what failed and what to
 * do next, never a stack trace or a secret. Order matters: credential-provider errors first
 * (but one wrapping a network failure is "offline"), region before rejected keys (disabled
 * opt-in regions answer InvalidClientTokenId), and DNS failures for a bad region before "offline".
 */
export function translateAwsError(error: unknown, context: AwsErrorContext): AppError {
  if (error instanceof AppErrorException) return error.appError;
  const facts = errorFacts(error);
  return (
    (facts.isProviderError ? offline(facts, context) : undefined) ??
    credentialProblem(facts, context) ??
    regionProblem(facts, context) ??
    rejectedCredentials(facts, context) ??
    accessDenied(facts, context) ??
    throttled(facts, context, error) ??
    offline(facts, context) ??
    generic(facts, context)
  );
}

/** `translateAwsError` as a throwable, for code paths that throw AppErrorException. */
export function awsErrorException(error: unknown, context: AwsErrorContext): AppErrorException {
  return error instanceof AppErrorException
    ? error
    : new AppErrorException(translateAwsError(error, context));
}
