import {
  type Capability,
  type CloudFormationClient,
  ContinueUpdateRollbackCommand,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  type Parameter,
  type Stack,
  type Tag,
} from '@aws-sdk/client-cloudformation';
import { awsErrorCode, awsErrorMessage } from './faults';

/**
 * The CloudFormation calls of a run, one function each, so the few rules about them live in one
 * place: ChangeSetType UPDATE, rollback on failure always, and idempotency tokens on every call
 * that changes the stack.
 */

export interface ChangeSetState {
  readonly id: string;
  readonly name: string;
  readonly stackId?: string;
  readonly status: string;
  readonly executionStatus?: string;
  readonly statusReason?: string;
}

/** "The submitted information didn't contain changes" (AWS) or "No updates are to be performed" (moto and other emulators). */
export function isNoChangesReason(text: string | undefined): boolean {
  return /didn'?t contain changes|did not contain changes|No updates are to be performed/i.test(text ?? '');
}

function isNotFound(error: unknown): boolean {
  const code = awsErrorCode(error);
  return (
    code === 'ChangeSetNotFoundException' ||
    code === 'ChangeSetNotFound' ||
    (code === 'ValidationError' && /does not exist|not found/i.test(awsErrorMessage(error)))
  );
}

/** The change set, or null when CloudFormation does not know it (never created, or deleted). */
export async function findChangeSet(
  cloudFormation: CloudFormationClient,
  stack: string,
  changeSet: string,
): Promise<ChangeSetState | null> {
  try {
    // A change set ARN names its stack; a plain name needs the stack beside it.
    const reply = await cloudFormation.send(
      new DescribeChangeSetCommand({
        ChangeSetName: changeSet,
        ...(changeSet.startsWith('arn:') ? {} : { StackName: stack }),
      }),
    );
    return {
      id: reply.ChangeSetId ?? changeSet,
      name: reply.ChangeSetName ?? changeSet,
      ...(reply.StackId ? { stackId: reply.StackId } : {}),
      status: reply.Status ?? 'UNKNOWN',
      ...(reply.ExecutionStatus ? { executionStatus: reply.ExecutionStatus } : {}),
      ...(reply.StatusReason ? { statusReason: reply.StatusReason } : {}),
    };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

export interface CreateChangeSetInput {
  readonly stack: string;
  readonly changeSetName: string;
  readonly clientToken: string;
  readonly description: string;
  readonly roleArn: string;
  readonly parameters: readonly Parameter[];
  /** Only what the admin acknowledged. */
  readonly capabilities: readonly Capability[];
  readonly tags: readonly Tag[];
  readonly template: { readonly body: string } | { readonly url: string };
}

export async function createChangeSet(
  cloudFormation: CloudFormationClient,
  input: CreateChangeSetInput,
): Promise<{ id: string; stackId?: string }> {
  const reply = await cloudFormation.send(
    new CreateChangeSetCommand({
      StackName: input.stack,
      ChangeSetName: input.changeSetName,
      // moto (and CloudFormation's default) would make a CREATE change set otherwise.
      ChangeSetType: 'UPDATE',
      ClientToken: input.clientToken,
      Description: input.description,
      RoleARN: input.roleArn,
      Parameters: [...input.parameters],
      ...(input.capabilities.length > 0 ? { Capabilities: [...input.capabilities] } : {}),
      // Passed as they are so the stack keeps them.
      ...(input.tags.length > 0 ? { Tags: [...input.tags] } : {}),
      ...('body' in input.template
        ? { TemplateBody: input.template.body }
        : { TemplateURL: input.template.url }),
    }),
  );
  if (!reply.Id) throw new Error('CreateChangeSet returned no change set id');
  return { id: reply.Id, ...(reply.StackId ? { stackId: reply.StackId } : {}) };
}

/**
 * Executes with rollback on failure, always: the app never offers to keep a half-applied update
 * ("roll back all stack resources" in the console).
 */
export async function executeChangeSet(
  cloudFormation: CloudFormationClient,
  input: { readonly changeSetId: string; readonly stack: string; readonly clientRequestToken: string },
): Promise<void> {
  await cloudFormation.send(
    new ExecuteChangeSetCommand({
      ChangeSetName: input.changeSetId,
      ...(input.changeSetId.startsWith('arn:') ? {} : { StackName: input.stack }),
      ClientRequestToken: input.clientRequestToken,
      DisableRollback: false,
    }),
  );
}

/** Deletes a change set; one already gone counts as deleted. */
export async function deleteChangeSet(
  cloudFormation: CloudFormationClient,
  input: { readonly changeSetId: string; readonly stack: string },
): Promise<void> {
  try {
    await cloudFormation.send(
      new DeleteChangeSetCommand({
        ChangeSetName: input.changeSetId,
        ...(input.changeSetId.startsWith('arn:') ? {} : { StackName: input.stack }),
      }),
    );
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

export async function continueUpdateRollback(
  cloudFormation: CloudFormationClient,
  input: {
    readonly stack: string;
    readonly roleArn?: string;
    readonly resourcesToSkip: readonly string[];
    readonly clientRequestToken: string;
  },
): Promise<void> {
  await cloudFormation.send(
    new ContinueUpdateRollbackCommand({
      StackName: input.stack,
      ...(input.roleArn ? { RoleARN: input.roleArn } : {}),
      ...(input.resourcesToSkip.length > 0 ? { ResourcesToSkip: [...input.resourcesToSkip] } : {}),
      ClientRequestToken: input.clientRequestToken,
    }),
  );
}

export async function describeStack(
  cloudFormation: CloudFormationClient,
  stack: string,
): Promise<Stack | undefined> {
  const reply = await cloudFormation.send(new DescribeStacksCommand({ StackName: stack }));
  return reply.Stacks?.[0];
}

/** The template the stack runs now, as submitted (the review diffs against it). */
export async function deployedTemplate(cloudFormation: CloudFormationClient, stack: string): Promise<string> {
  const reply = await cloudFormation.send(
    new GetTemplateCommand({ StackName: stack, TemplateStage: 'Original' }),
  );
  return reply.TemplateBody ?? '';
}

/** "Requires capabilities : [CAPABILITY_NAMED_IAM]" → ['CAPABILITY_NAMED_IAM']. */
export function capabilitiesNamedIn(message: string): string[] {
  return [...new Set(message.match(/CAPABILITY_[A-Z_]+/g) ?? [])];
}

/** "Stack:arn:… is in UPDATE_IN_PROGRESS state and can not be updated." */
export function busyStatusIn(message: string): string | undefined {
  return /is in ([A-Z_]+_IN_PROGRESS) state/.exec(message)?.[1];
}
