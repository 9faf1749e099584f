import { GetRoleCommand, type IAMClient } from '@aws-sdk/client-iam';
import type { PreflightCheck } from '../../../../shared/apply/preflight';
import { GITPOD_ROLE_NAME } from '../../../../shared/cells/cell';
import { errorFacts } from '../../aws/error-facts';
import { type AwsErrorContext, translateAwsError } from '../../aws/errors';
import { blocking, passed, warning } from './check';

export interface ExecutionRoleResult {
  readonly check: PreflightCheck;
  /** The role's ARN; null when IAM says the role does not exist. */
  readonly roleArn: string | null;
}

function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** The ARN the role has when created without a path, as the role template creates it. */
export function usualRoleArn(accountId: string, region: string): string {
  return `arn:${partitionOf(region)}:iam::${accountId}:role/${GITPOD_ROLE_NAME}`;
}

/**
 * The execution role GitpodSetupAndInitialEKSUserAdmin must exist: CloudFormation performs the
 * update as this role. Admins whose credentials cannot read IAM are common (IAM is often run by
 * another team), so AccessDenied is a warning that the role could not be verified, not a stop;
 * the ARN then comes from the stack's own RoleARN when it names the role, else the usual ARN.
 */
export async function checkExecutionRole(
  iam: IAMClient | undefined,
  input: { accountId: string; region: string; stackRoleArn?: string | undefined },
  context: AwsErrorContext,
): Promise<ExecutionRoleResult> {
  const fallback =
    input.stackRoleArn?.endsWith(`/${GITPOD_ROLE_NAME}`) === true
      ? input.stackRoleArn
      : usualRoleArn(input.accountId, input.region);
  if (iam === undefined) {
    return {
      check: warning(
        'execution-role',
        `The execution role ${GITPOD_ROLE_NAME} was not checked (no IAM client was set up). The update will use ${fallback}.`,
      ),
      roleArn: fallback,
    };
  }
  try {
    const reply = await iam.send(new GetRoleCommand({ RoleName: GITPOD_ROLE_NAME }));
    const arn = reply.Role?.Arn ?? usualRoleArn(input.accountId, input.region);
    return {
      check: passed('execution-role', `The execution role ${GITPOD_ROLE_NAME} exists (${arn}).`),
      roleArn: arn,
    };
  } catch (error) {
    if (errorFacts(error).codes.has('NoSuchEntity') || errorFacts(error).codes.has('NoSuchEntityException')) {
      return {
        check: blocking(
          'execution-role',
          `The execution role ${GITPOD_ROLE_NAME} does not exist in account ${input.accountId}. CloudFormation performs Gitpod's updates as this role.`,
          'The role stack creates it (from infrastructure-creation-role-template.json). Check that the role stack exists and is complete, or ask Gitpod support.',
        ),
        roleArn: null,
      };
    }
    const translated = translateAwsError(error, context);
    const why =
      translated.code === 'access-denied'
        ? `Could not verify that the execution role ${GITPOD_ROLE_NAME} exists: ${translated.message}`
        : `Could not check the execution role ${GITPOD_ROLE_NAME}: ${translated.message}`;
    return {
      check: warning(
        'execution-role',
        `${why} The update will use ${fallback}.`,
        translated.code === 'access-denied'
          ? `You can go on: CloudFormation itself will refuse the update if the role is missing. To have it checked here, allow iam:GetRole on ${GITPOD_ROLE_NAME}.`
          : translated.nextStep,
      ),
      roleArn: fallback,
    };
  }
}
