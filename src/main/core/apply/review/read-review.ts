import {
  type Change,
  type CloudFormationClient,
  DescribeChangeSetCommand,
  type DescribeChangeSetCommandOutput,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import type { ChangeSetReview, PermissionChanges, ReviewSummary } from '../../../../shared/apply/review';
import { awsErrorException } from '../../aws/errors';
import { appError } from '../../errors/app-error';
import { describeError } from '../../log/logger';
import { parseTemplate, type Template, TemplateParseError } from '../../templates/parse-template';
import { permissionChanges, unavailablePermissions } from './permission-changes';
import { groupChanges } from './review-changes';
import { templateDiff, unavailableDiff } from './template-diff';

export { reviewToJson, reviewToMarkdown } from './review-export';

export interface ReadReviewInput {
  readonly stackName: string;
  readonly changeSetId: string;
  /** The stack's template now (GetTemplate of the stack), as text. */
  readonly deployedTemplate: string;
  /** The template the change set applies; null to read it from the change set (GetTemplate with its name). */
  readonly proposedTemplate: string | null;
  /** The cell's profile, for error messages. */
  readonly profile?: string;
}

export interface ReadReviewOptions {
  readonly now?: () => Date;
  /** A guard against a NextToken that never ends; far above any real change set. */
  readonly maxPages?: number;
}

const DEFAULT_MAX_PAGES = 2_000;

/** Every page of DescribeChangeSet, with property values: the first page's facts and all changes. */
async function describeAllPages(
  cloudFormation: CloudFormationClient,
  input: ReadReviewInput,
  maxPages: number,
  context: { region: string; profile?: string },
): Promise<{ first: DescribeChangeSetCommandOutput; changes: Change[] }> {
  const changes: Change[] = [];
  let first: DescribeChangeSetCommandOutput | undefined;
  let token: string | undefined;
  const seen = new Set<string>();
  for (let page = 0; page < maxPages; page++) {
    let reply: DescribeChangeSetCommandOutput;
    try {
      reply = await cloudFormation.send(
        new DescribeChangeSetCommand({
          ChangeSetName: input.changeSetId,
          StackName: input.stackName,
          IncludePropertyValues: true,
          ...(token === undefined ? {} : { NextToken: token }),
        }),
      );
    } catch (error) {
      throw awsErrorException(error, { ...context, action: 'cloudformation:DescribeChangeSet' });
    }
    first ??= reply;
    for (const change of reply.Changes ?? []) changes.push(change);
    token = reply.NextToken;
    if (!token) return { first, changes };
    if (seen.has(token)) break;
    seen.add(token);
  }
  throw appError(
    'review-incomplete',
    `DescribeChangeSet kept returning more pages for ${input.changeSetId}; the review would be incomplete.`,
    'Try again. If it keeps happening, review the change set in the AWS console.',
  );
}

function countChanges(
  changes: readonly Change[],
): Omit<ReviewSummary, 'iamChanges' | 'securityGroupChanges' | 'broadening'> {
  const counts = {
    total: 0,
    add: 0,
    modify: 0,
    remove: 0,
    import: 0,
    dynamic: 0,
    sync: 0,
    replacements: 0,
    conditionalReplacements: 0,
    removals: 0,
    risks: 0,
  };
  for (const change of changes) {
    const resource = change.ResourceChange;
    if (!resource) continue;
    counts.total++;
    switch (resource.Action) {
      case 'Add':
        counts.add++;
        break;
      case 'Modify':
        counts.modify++;
        if (resource.Replacement === 'True') counts.replacements++;
        if (resource.Replacement === 'Conditional') counts.conditionalReplacements++;
        break;
      case 'Remove':
        counts.remove++;
        counts.removals++;
        break;
      case 'Import':
        counts.import++;
        break;
      case 'SyncWithActual':
        counts.sync++;
        break;
      default:
        counts.dynamic++;
    }
  }
  counts.risks = counts.replacements + counts.conditionalReplacements + counts.removals;
  return counts;
}

function parsed(text: string, which: string): Template | string {
  try {
    return parseTemplate(text);
  } catch (error) {
    if (error instanceof TemplateParseError) return `the ${which} template does not parse (${error.message})`;
    throw error;
  }
}

async function proposedText(
  cloudFormation: CloudFormationClient,
  input: ReadReviewInput,
  changeSetId: string,
): Promise<string | undefined> {
  if (input.proposedTemplate !== null) return input.proposedTemplate;
  try {
    const reply = await cloudFormation.send(
      new GetTemplateCommand({
        ChangeSetName: changeSetId,
        StackName: input.stackName,
        TemplateStage: 'Original',
      }),
    );
    return reply.TemplateBody;
  } catch {
    // The review stands without the template diff; the note says why.
    return undefined;
  }
}

/**
 * The review of a change set (issue 5, step 4). Reads every page of DescribeChangeSet with
 * property values (IncludePropertyValues), groups the changes by action with their risks,
 * computes the IAM and security-group tables with @aws-cdk/cloudformation-diff from the
 * deployed and proposed templates and the change set, and the side-by-side template diff.
 * Everything after the AWS calls is linear in the number of changes: thousands stay fast.
 *
 * Failing to read the change set throws (AppErrorException); failing to analyse the templates
 * does not, since the changes themselves are the review: the permission tables and the diff
 * then say why they are missing.
 */
export async function readChangeSetReview(
  cloudFormation: CloudFormationClient,
  input: ReadReviewInput,
  options: ReadReviewOptions = {},
): Promise<ChangeSetReview> {
  const region = await cloudFormation.config.region().catch(() => 'unknown-region');
  const context = { region, ...(input.profile === undefined ? {} : { profile: input.profile }) };
  const { first, changes } = await describeAllPages(
    cloudFormation,
    input,
    options.maxPages ?? DEFAULT_MAX_PAGES,
    context,
  );
  const changeSetId = first.ChangeSetId ?? input.changeSetId;
  const grouped = groupChanges(changes);
  const counts = countChanges(changes);

  const proposed = await proposedText(cloudFormation, input, changeSetId);
  const deployed = parsed(input.deployedTemplate, 'deployed');
  const next =
    proposed === undefined ? "the change set's template could not be read" : parsed(proposed, 'proposed');
  let permissions: PermissionChanges;
  let diff: ChangeSetReview['templateDiff'];
  if (typeof deployed === 'string' || typeof next === 'string') {
    const why = typeof deployed === 'string' ? deployed : (next as string);
    permissions = unavailablePermissions(why);
    diff = unavailableDiff(why);
  } else {
    try {
      permissions = permissionChanges(deployed, next, { ...first, Changes: changes });
    } catch (error) {
      permissions = unavailablePermissions(`the permission analysis failed (${describeError(error)})`);
    }
    diff = templateDiff(deployed, next);
  }

  const now = options.now ?? (() => new Date());
  return {
    stackName: input.stackName,
    ...(first.StackId ? { stackId: first.StackId } : {}),
    changeSetId,
    changeSetName: first.ChangeSetName ?? '',
    ...(first.Description ? { description: first.Description.slice(0, 1024) } : {}),
    status: first.Status ?? 'UNKNOWN',
    executionStatus: first.ExecutionStatus ?? 'UNKNOWN',
    ...(first.StatusReason ? { statusReason: first.StatusReason.slice(0, 4096) } : {}),
    ...(first.CreationTime ? { createdAt: first.CreationTime.toISOString() } : {}),
    capabilities: (first.Capabilities ?? []).slice(0, 10),
    parameters: (first.Parameters ?? []).slice(0, 200).map((parameter) => ({
      key: parameter.ParameterKey ?? '',
      ...(parameter.ParameterValue === undefined ? {} : { value: parameter.ParameterValue.slice(0, 4096) }),
      ...(parameter.ResolvedValue === undefined
        ? {}
        : { resolvedValue: parameter.ResolvedValue.slice(0, 4096) }),
      ...(parameter.UsePreviousValue === undefined ? {} : { usePreviousValue: parameter.UsePreviousValue }),
    })),
    generatedAt: now().toISOString(),
    summary: {
      ...counts,
      iamChanges: permissions.iamStatements.length + permissions.managedPolicies.length,
      securityGroupChanges: permissions.securityGroupRules.length,
      broadening: permissions.broadened,
    },
    groups: grouped.groups,
    truncated: grouped.truncated,
    permissions,
    templateDiff: diff,
  };
}
