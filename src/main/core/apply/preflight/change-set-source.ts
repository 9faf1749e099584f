import {
  type CloudFormationClient,
  DescribeChangeSetCommand,
  type DescribeChangeSetCommandOutput,
  GetTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import type { ChangeSetParameter, PreflightCheck } from '../../../../shared/apply/preflight';
import type { StackKind } from '../../../../shared/cells/stack-report';
import { errorFacts } from '../../aws/error-facts';
import { type AwsErrorContext, translateAwsError } from '../../aws/errors';
import { AppErrorException } from '../../errors/app-error';
import { parseTemplate, type Template, TemplateParseError } from '../../templates/parse-template';
import { expectTemplateKind } from '../../templates/template-kind';
import { blocking, fromAppError, passed } from './check';

export interface ChangeSetSourceResult {
  readonly checks: PreflightCheck[];
  readonly changeSet?: DescribeChangeSetCommandOutput;
  readonly template?: Template;
  readonly templateBytes: number;
  /** The change set's parameters as AWS reports them (NoEcho values masked). */
  readonly parameters: ChangeSetParameter[];
  readonly capabilities: readonly string[];
}

/** "The submitted information didn't contain changes…" (AWS), "No updates are to be performed" (emulators). */
export function isNoChangesReason(reason: string | undefined): boolean {
  return /didn't contain changes|did not contain changes|no updates are to be performed/i.test(reason ?? '');
}

function statusCheck(changeSet: DescribeChangeSetCommandOutput): PreflightCheck {
  const name = changeSet.ChangeSetName ?? 'The change set';
  const status = changeSet.Status ?? 'UNKNOWN';
  const execution = changeSet.ExecutionStatus ?? 'UNKNOWN';
  const reason = changeSet.StatusReason ? ` CloudFormation says: ${changeSet.StatusReason}` : '';
  if (status === 'CREATE_COMPLETE' && execution === 'AVAILABLE') {
    return passed('change-set', `Change set ${name} is ready to be reviewed and executed.`);
  }
  if (status === 'CREATE_PENDING' || status === 'CREATE_IN_PROGRESS') {
    return blocking(
      'change-set',
      `Change set ${name} is still being created (${status}).`,
      'Wait a minute, then run the checks again.',
    );
  }
  if (status === 'FAILED' && isNoChangesReason(changeSet.StatusReason)) {
    return blocking(
      'change-set',
      `Change set ${name} contains no changes: the stack already runs this version.${reason}`,
      'Nothing to apply. The update can be marked as applied.',
    );
  }
  switch (execution) {
    case 'EXECUTE_COMPLETE':
      return blocking('change-set', `Change set ${name} has already been executed.`, 'Nothing to apply.');
    case 'EXECUTE_IN_PROGRESS':
      return blocking(
        'change-set',
        `Change set ${name} is being executed right now.`,
        'Wait for the stack to finish updating, then check its status.',
      );
    case 'OBSOLETE':
      return blocking(
        'change-set',
        `Change set ${name} is obsolete: another update was applied to the stack after it was created.`,
        "Ask Gitpod's account manager for a new change set or template.",
      );
    default:
      return blocking(
        'change-set',
        `Change set ${name} cannot be executed (${status}, ${execution}).${reason}`,
        "Send this message to Gitpod's account manager and ask for a new change set.",
      );
  }
}

function belongsTo(changeSet: DescribeChangeSetCommandOutput, stackName: string, stackId?: string): boolean {
  if (stackId !== undefined && changeSet.StackId !== undefined) return changeSet.StackId === stackId;
  return changeSet.StackName === stackName;
}

/**
 * The checks on a change set the vendor pre-created: it exists, belongs to this stack (not to
 * a deleted stack of the same name), can be executed, and its template (GetTemplate with the
 * change set's name) is the right kind for the stack. Parameters and capabilities are read from
 * the change set: they were fixed when it was created.
 */
export async function checkChangeSetSource(
  cloudFormation: CloudFormationClient,
  input: { changeSetId: string; stackName: string; stackId?: string; kind: StackKind },
  contextFor: (action: string) => AwsErrorContext,
): Promise<ChangeSetSourceResult> {
  const empty = { templateBytes: 0, parameters: [], capabilities: [] };
  let changeSet: DescribeChangeSetCommandOutput;
  try {
    // The first page carries everything but the later changes; the review reads them all.
    changeSet = await cloudFormation.send(
      new DescribeChangeSetCommand({
        ChangeSetName: input.changeSetId,
        StackName: input.stackId ?? input.stackName,
      }),
    );
  } catch (error) {
    if (
      errorFacts(error).codes.has('ChangeSetNotFound') ||
      errorFacts(error).codes.has('ChangeSetNotFoundException')
    ) {
      return {
        checks: [
          blocking(
            'change-set',
            `The change set ${input.changeSetId} does not exist (any more) on stack ${input.stackName}.`,
            'It may have been executed or deleted. Refresh the updates; if it is still listed, ask Gitpod for a new one.',
          ),
        ],
        ...empty,
      };
    }
    return {
      checks: [
        fromAppError(
          'change-set',
          'blocking',
          translateAwsError(error, contextFor('cloudformation:DescribeChangeSet')),
        ),
      ],
      ...empty,
    };
  }
  if (!belongsTo(changeSet, input.stackName, input.stackId)) {
    return {
      checks: [
        blocking(
          'change-set',
          `The change set ${changeSet.ChangeSetName ?? input.changeSetId} belongs to stack ${changeSet.StackName ?? changeSet.StackId ?? 'another stack'}, not to ${input.stackName}.`,
          'Pick the change set of this stack.',
        ),
      ],
      changeSet,
      ...empty,
    };
  }
  const checks: PreflightCheck[] = [statusCheck(changeSet)];
  const parameters: ChangeSetParameter[] = (changeSet.Parameters ?? []).flatMap((parameter) =>
    parameter.ParameterKey
      ? [
          {
            ParameterKey: parameter.ParameterKey,
            ...(parameter.ParameterValue === undefined ? {} : { ParameterValue: parameter.ParameterValue }),
            ...(parameter.UsePreviousValue === undefined
              ? {}
              : { UsePreviousValue: parameter.UsePreviousValue }),
          },
        ]
      : [],
  );
  const base = { changeSet, parameters, capabilities: changeSet.Capabilities ?? [] };

  let body: string;
  try {
    const reply = await cloudFormation.send(
      new GetTemplateCommand({
        ChangeSetName: changeSet.ChangeSetId ?? input.changeSetId,
        StackName: input.stackId ?? input.stackName,
        TemplateStage: 'Original',
      }),
    );
    body = reply.TemplateBody ?? '';
  } catch (error) {
    checks.push(
      fromAppError(
        'template-kind',
        'blocking',
        translateAwsError(error, contextFor('cloudformation:GetTemplate')),
        "Could not read the change set's template: ",
      ),
    );
    return { checks, templateBytes: 0, ...base };
  }
  const templateBytes = Buffer.byteLength(body, 'utf8');
  let template: Template;
  try {
    template = parseTemplate(body);
  } catch (error) {
    if (!(error instanceof TemplateParseError)) throw error;
    checks.push(blocking('template-kind', `The change set's template does not parse: ${error.message}.`));
    return { checks, templateBytes, ...base };
  }
  try {
    expectTemplateKind(template, input.kind, "The change set's template");
    checks.push(
      passed(
        'template-kind',
        `The change set carries the Gitpod Dedicated ${input.kind} template, as this stack needs.`,
      ),
    );
  } catch (error) {
    if (!(error instanceof AppErrorException)) throw error;
    checks.push(fromAppError('template-kind', 'blocking', error.appError));
  }
  return { checks, templateBytes, template, ...base };
}
