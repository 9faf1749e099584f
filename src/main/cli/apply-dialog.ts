import type { MissingParameter } from '../../shared/apply/preflight';
import type { ApplyRunView, Awaiting } from '../../shared/apply/run';
import type { ApplyRunner } from '../core/apply/run/apply-runner';
import { describeError } from '../core/log/logger';
import type { RunPrinter } from './apply-printer';
import type { CliIo } from './cli-io';
import { reviewToText } from './review-text';

/**
 * What came of a question to the admin:
 * - `answered`: the run was given what it waited for and moves on;
 * - `declined`: the admin said no (or typed another name): the run is cancelled, exit 3;
 * - `cannot-ask`: an answer is needed that cannot be asked here (no terminal): cancelled, exit 1;
 * - `leave`: the run is left waiting where it is (resumable), exit 1.
 */
export type DialogOutcome = 'answered' | 'declined' | 'cannot-ask' | 'leave';

export interface DialogContext {
  readonly io: CliIo;
  readonly runner: ApplyRunner;
  readonly printer: RunPrinter;
  /** --yes: acknowledge and execute without asking. */
  readonly yes: boolean;
}

const MAX_LISTED_RESOURCES = 30;
const MAX_TRIES = 3;

function canAsk(io: CliIo): boolean {
  return io.prompt !== undefined && io.isTty?.stdin === true;
}

async function ask(io: CliIo, question: string, hidden = false): Promise<string> {
  if (!io.prompt) throw new Error('no prompt');
  return io.prompt(question, { hidden });
}

function isYes(answer: string): boolean {
  return /^\s*y(es)?\s*$/i.test(answer);
}

function parameterLines(parameter: MissingParameter): string[] {
  const lines = [
    `  ${parameter.key}${parameter.type ? ` (${parameter.type})` : ''}${parameter.noEcho ? ', secret: not shown, not stored' : ''}`,
  ];
  if (parameter.description) lines.push(`    ${parameter.description.replace(/\s+/g, ' ')}`);
  if (parameter.allowedValues) lines.push(`    One of: ${parameter.allowedValues.slice(0, 20).join(', ')}`);
  return lines;
}

async function askParameter(ctx: DialogContext, parameter: MissingParameter): Promise<string | null> {
  for (const line of parameterLines(parameter)) ctx.printer.line(line);
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    const value = await ask(ctx.io, `Value for ${parameter.key}: `, parameter.noEcho);
    if (!parameter.allowedValues || parameter.allowedValues.includes(value)) return value;
    ctx.printer.line(`  ${parameter.key} must be one of: ${parameter.allowedValues.slice(0, 20).join(', ')}`);
  }
  return null;
}

/** New parameter values (secrets read hidden) and the IAM acknowledgement, naming the resources. */
async function answerInput(
  ctx: DialogContext,
  view: ApplyRunView,
  awaiting: Extract<Awaiting, { kind: 'input' }>,
): Promise<DialogOutcome> {
  const { printer, io } = ctx;
  const values: Record<string, string> = {};
  if (awaiting.missingParameters.length > 0) {
    const keys = awaiting.missingParameters.map((parameter) => parameter.key).join(', ');
    if (!canAsk(io)) {
      printer.line(
        `${awaiting.stackName}: the template has new parameters without a default (${keys}); their values can only be entered in a terminal or in the app. Nothing was changed.`,
      );
      return 'cannot-ask';
    }
    printer.line(
      `${awaiting.stackName}: the template has new parameters without a default. Enter their values:`,
    );
    for (const parameter of awaiting.missingParameters) {
      const value = await askParameter(ctx, parameter);
      if (value === null) return 'declined';
      values[parameter.key] = value;
    }
  }
  const acknowledge = awaiting.capabilities.length > 0;
  if (acknowledge) {
    printer.line(
      `${awaiting.stackName} needs ${awaiting.capabilities.join(' and ')}: CloudFormation may create or change IAM resources in account ${view.accountId}:`,
    );
    for (const resource of awaiting.capabilityResources.slice(0, MAX_LISTED_RESOURCES)) {
      printer.line(
        `  ${resource.logicalId} (${resource.type}${resource.named ? ', with a custom name' : ''})`,
      );
    }
    if (awaiting.capabilityResources.length > MAX_LISTED_RESOURCES) {
      printer.line(`  … and ${awaiting.capabilityResources.length - MAX_LISTED_RESOURCES} more`);
    }
    if (awaiting.capabilitiesReason) printer.line(`  CloudFormation says: ${awaiting.capabilitiesReason}`);
    if (ctx.yes) {
      printer.line('Acknowledged (--yes).');
    } else {
      if (!canAsk(io)) return 'cannot-ask';
      const answer = await ask(
        io,
        'Acknowledge that CloudFormation may create or change these IAM resources? [y/N] ',
      );
      if (!isYes(answer)) {
        printer.line('Not acknowledged: nothing is created without it.');
        return 'declined';
      }
    }
  }
  await ctx.runner.provideInput({
    runId: view.id,
    acknowledgeCapabilities: acknowledge,
    ...(Object.keys(values).length > 0 ? { parameterValues: values } : {}),
  });
  return 'answered';
}

/** The review, then the execution: only when the admin types the stack name (or passed --yes). */
async function answerConfirmation(
  ctx: DialogContext,
  view: ApplyRunView,
  awaiting: Extract<Awaiting, { kind: 'confirmation' }>,
): Promise<DialogOutcome> {
  const { printer, io } = ctx;
  try {
    const review = await ctx.runner.review(view.id);
    if (!review) throw new Error('the change set could not be found');
    for (const line of reviewToText(review).split('\n')) printer.line(line);
  } catch (error) {
    // Nothing is executed unseen: the run waits, and the next `apply` reads the review again.
    printer.line(`The review of ${awaiting.stackName} could not be read: ${describeError(error)}`);
    return 'leave';
  }
  printer.line(
    `Execute change set ${awaiting.changeSetName} on stack ${awaiting.stackName} in account ${awaiting.accountId} (${view.region})? If the update fails, CloudFormation rolls every resource back.`,
  );
  if (ctx.yes) {
    printer.line(`Executing on ${awaiting.stackName} (--yes).`);
  } else {
    if (!canAsk(io)) return 'cannot-ask';
    const typed = await ask(
      io,
      `Type the stack name (${awaiting.stackName}) to execute it in account ${awaiting.accountId}, anything else to cancel: `,
    );
    if (typed.trim() !== awaiting.stackName) {
      printer.line(`"${typed.trim()}" is not ${awaiting.stackName}: nothing was executed.`);
      return 'declined';
    }
  }
  await ctx.runner.confirm({
    runId: view.id,
    stackName: awaiting.stackName,
    accountId: awaiting.accountId,
  });
  return 'answered';
}

/** UPDATE_ROLLBACK_FAILED: continue the rollback, skipping the resources the admin picks. */
async function answerRecovery(
  ctx: DialogContext,
  view: ApplyRunView,
  awaiting: Extract<Awaiting, { kind: 'recovery' }>,
): Promise<DialogOutcome> {
  const { printer, io } = ctx;
  printer.line(
    `${awaiting.stackName} is UPDATE_ROLLBACK_FAILED: CloudFormation accepts no update until its rollback is continued.`,
  );
  for (const resource of awaiting.failedResources) {
    printer.line(
      `  ${resource.logicalId} (${resource.resourceType}) could not be rolled back${resource.reason ? `: ${resource.reason}` : ''}`,
    );
  }
  printer.line(`Skipping a resource: ${awaiting.consequence}`);
  if (!canAsk(io)) {
    // Which resources to give up on is the admin's decision, never a default, even with --yes.
    printer.line('Choose the resources to skip in a terminal (run apply again) or in the app.');
    return 'leave';
  }
  const go = await ask(io, 'Continue the rollback now? [y/N] ');
  if (!isYes(go)) {
    printer.line(`The rollback of ${awaiting.stackName} is left for later.`);
    return 'declined';
  }
  const skip: string[] = [];
  for (const resource of awaiting.failedResources) {
    if (isYes(await ask(io, `Skip ${resource.logicalId} (${resource.resourceType})? [y/N] `))) {
      skip.push(resource.logicalId);
    }
  }
  await ctx.runner.recover({ runId: view.id, resourcesToSkip: skip });
  return 'answered';
}

/** Answers what the run waits for; `leave` for anything else (a pause). */
export function answer(ctx: DialogContext, view: ApplyRunView): Promise<DialogOutcome> {
  const awaiting = view.awaiting;
  switch (awaiting?.kind) {
    case 'input':
      return answerInput(ctx, view, awaiting);
    case 'confirmation':
      return answerConfirmation(ctx, view, awaiting);
    case 'recovery':
      return answerRecovery(ctx, view, awaiting);
    default:
      return Promise.resolve('leave');
  }
}
