import type { AppError } from '../../../../shared/errors';
import { errorFacts } from '../../aws/error-facts';
import { type AwsErrorContext, translateAwsError } from '../../aws/errors';

/**
 * What an AWS failure means for a run:
 * - `transient`: throttling, a lost connection, a 5xx. Retried with backoff, shown as
 *   "reconnecting", never as the run's failure;
 * - `credentials`: expired or missing credentials. The run pauses until the admin signs in
 *   again and resumes it;
 * - `other`: anything else, reported as it is.
 */
export type FaultKind = 'transient' | 'credentials' | 'other';

export interface ClassifiedFault {
  readonly kind: FaultKind;
  readonly error: AppError;
}

const CREDENTIAL_CODES = new Set(['credentials-rejected', 'sso-expired', 'no-credentials']);

/**
 * A preflight check that failed because AWS could not be asked (its error code says so): not a
 * reason to block the update, but to try again, or to pause for new credentials.
 */
export function faultOfCheck(errorCode: string | undefined, error: AppError): ClassifiedFault | null {
  if (errorCode === 'throttled' || errorCode === 'offline') return { kind: 'transient', error };
  if (errorCode !== undefined && CREDENTIAL_CODES.has(errorCode)) return { kind: 'credentials', error };
  return null;
}

export function classifyFault(error: unknown, context: AwsErrorContext): ClassifiedFault {
  const translated = translateAwsError(error, context);
  if (translated.code === 'throttled' || translated.code === 'offline') {
    return { kind: 'transient', error: translated };
  }
  const status = errorFacts(error).httpStatusCode;
  if (status !== undefined && status >= 500 && translated.code === 'aws-error') {
    return { kind: 'transient', error: translated };
  }
  if (CREDENTIAL_CODES.has(translated.code)) {
    const profile = context.profile ?? 'default';
    return {
      kind: 'credentials',
      error: {
        code: translated.code,
        message: translated.message,
        nextStep: `Sign in again (aws sso login --profile ${profile}, or refresh the profile's credentials), then resume the run. CloudFormation carries on meanwhile; nothing is lost.`,
      },
    };
  }
  return { kind: 'other', error: translated };
}

/** The AWS error code (the exception's name), for the few replies the runner tells apart. */
export function awsErrorCode(error: unknown): string | undefined {
  return [...errorFacts(error).codes][0];
}

export function awsErrorMessage(error: unknown): string {
  return errorFacts(error).message;
}
