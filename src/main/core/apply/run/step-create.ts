import type { Capability, Parameter } from '@aws-sdk/client-cloudformation';
import { CAPABILITIES } from '../../../../shared/apply/preflight';
import { translateAwsError } from '../../aws/errors';
import { sha256Hex } from '../../templates/canonical';
import type { StackRecord } from '../journal/run-record';
import {
  busyStatusIn,
  capabilitiesNamedIn,
  createChangeSet,
  findChangeSet,
  isNoChangesReason,
} from './cloudformation-calls';
import { awsErrorCode, awsErrorMessage, classifyFault } from './faults';
import { changeSetDescriptionFor, changeSetNameFor, tokenFor } from './naming';
import { markStep } from './run-records';
import {
  clientsOf,
  commit,
  errorContextOf,
  executionRoleArnOf,
  pause,
  RETRY_DELAYS_MS,
  type RunDeps,
  type RunSession,
  retryOrPause,
  stackRef,
} from './run-session';
import { alreadyUpToDate, stackBusyError } from './stack-endings';
import { needsInput } from './step-preflight';

/** CreateChangeSet `Parameters`: kept ones as the preflight planned them, new ones with the admin's values. */
function parametersFor(
  stack: StackRecord,
  secrets: Readonly<Record<string, string>> | undefined,
): Parameter[] | null {
  const report = stack.preflight;
  if (!report) return null;
  const missing = new Set(report.missingParameters.map((parameter) => parameter.key));
  const planned = report.parameters.filter((parameter) => !missing.has(parameter.ParameterKey));
  const given: Parameter[] = [];
  for (const parameter of report.missingParameters) {
    const value = parameter.noEcho ? secrets?.[parameter.key] : stack.parameterValues[parameter.key];
    if (value === undefined) return null;
    given.push({ ParameterKey: parameter.key, ParameterValue: value });
  }
  return [...planned, ...given];
}

function capabilitiesFor(stack: StackRecord): Capability[] {
  return stack.acknowledgedCapabilities.filter((capability) =>
    stack.preflight?.capabilities.includes(capability),
  );
}

/**
 * Step 3: create the change set. Journaled before the call with its name and ClientToken; an
 * intent without a result (a crash, a lost reply) is first looked up by name, and created only
 * if CloudFormation truly does not have it.
 */
export async function stepCreate(deps: RunDeps, session: RunSession): Promise<void> {
  const index = session.index;
  const record = session.record;
  const stack = session.stack;
  const cfn = clientsOf(deps, session).cloudFormation;
  const open = stack.creates.at(-1)?.result === undefined ? stack.creates.at(-1) : undefined;
  const secrets = session.secrets.get(index);

  if (open) {
    let found: Awaited<ReturnType<typeof findChangeSet>>;
    try {
      found = await findChangeSet(cfn, stackRef(stack), open.changeSetName);
    } catch (error) {
      await retryOrPause(deps, session, error, 'cloudformation:DescribeChangeSet');
      return;
    }
    if (found) {
      await recordCreated(deps, session, found.id);
      return;
    }
    if (parametersFor(stack, secrets) === null) {
      // A NoEcho value was typed before a restart and never journaled: ask again.
      await commit(deps, session, (draft, at) => {
        const target = draft.stacks[index];
        const last = target?.creates.at(-1);
        if (!target || !last) return;
        last.result = { at, outcome: 'not-created' };
        target.phase = 'awaiting-input';
        markStep(
          draft,
          index,
          'input',
          'waiting',
          at,
          'Secret values are not kept across restarts; enter them again.',
        );
        draft.status = 'waiting';
      });
      return;
    }
  } else {
    if (needsInput(stack, secrets) || parametersFor(stack, secrets) === null) {
      await commit(deps, session, (draft, at) => {
        const target = draft.stacks[index];
        if (!target) return;
        target.phase = 'awaiting-input';
        markStep(draft, index, 'input', 'waiting', at);
        draft.status = 'waiting';
      });
      return;
    }
    if (stack.preflight?.delivery === 's3' && !stack.preflight.templateUrl && !stack.templateUrl) {
      try {
        const body = await deps.readTemplate(stack.updateId, stack.kind);
        const uploaded = await deps.ports.uploadTemplate(clientsOf(deps, session).s3, {
          accountId: record.cell.accountId,
          region: record.cell.region,
          body,
          sha256: sha256Hex(body),
          ...(record.cell.profile === undefined ? {} : { profile: record.cell.profile }),
        });
        await commit(deps, session, (draft) => {
          const target = draft.stacks[index];
          if (target) target.templateUrl = uploaded.templateUrl;
        });
      } catch (error) {
        await retryOrPause(deps, session, error, 's3:PutObject');
      }
      return;
    }
    const attempt = stack.creates.length + 1;
    // A retry in the same second gets the next second's name: every attempt's name is its own.
    let at = deps.timers.now();
    const taken = new Set(stack.creates.map((create) => create.changeSetName));
    while (taken.has(changeSetNameFor(record.update.label, stack.kind, new Date(at)))) at += 1_000;
    const changeSetName = changeSetNameFor(record.update.label, stack.kind, new Date(at));
    await commit(deps, session, (draft, atIso) => {
      const target = draft.stacks[index];
      if (!target) return;
      target.creates.push({
        changeSetName,
        clientToken: tokenFor(draft.id, target.kind, 'create', attempt),
        description: changeSetDescriptionFor(draft.update.label, target.kind, draft.id),
        intentAt: atIso,
      });
      delete target.error;
      markStep(draft, index, 'create', 'active', atIso);
    });
  }

  await callCreate(deps, session);
}

async function callCreate(deps: RunDeps, session: RunSession): Promise<void> {
  const index = session.index;
  const record = session.record;
  const stack = session.stack;
  const intent = stack.creates.at(-1);
  const parameters = parametersFor(stack, session.secrets.get(index));
  if (!intent || !parameters) return;
  const cfn = clientsOf(deps, session).cloudFormation;
  const templateUrl = stack.preflight?.templateUrl ?? stack.templateUrl;
  try {
    const template =
      stack.preflight?.delivery === 's3' && templateUrl
        ? { url: templateUrl }
        : { body: await deps.readTemplate(stack.updateId, stack.kind) };
    const created = await createChangeSet(cfn, {
      // By name: CloudFormation takes a name or an ARN here, moto only a name.
      stack: stack.stackName,
      changeSetName: intent.changeSetName,
      clientToken: intent.clientToken,
      description: intent.description,
      roleArn: executionRoleArnOf(record, stack),
      parameters,
      capabilities: capabilitiesFor(stack),
      tags: stack.preflight?.stackTags ?? [],
      template,
    });
    session.transientFailures = 0;
    await recordCreated(deps, session, created.id, created.stackId);
  } catch (error) {
    await createFailed(deps, session, error);
  }
}

async function recordCreated(
  deps: RunDeps,
  session: RunSession,
  changeSetId: string,
  stackId?: string,
): Promise<void> {
  const index = session.index;
  await commit(deps, session, (draft, at) => {
    const target = draft.stacks[index];
    const last = target?.creates.at(-1);
    if (!target || !last) return;
    last.result = { at, outcome: 'created', changeSetId };
    if (stackId && !target.stackId) target.stackId = stackId;
    target.changeSet = { name: last.changeSetName, id: changeSetId, createdByRun: true };
    target.phase = 'waiting-change-set';
    markStep(draft, index, 'create', 'active', at);
  });
}

async function createFailed(deps: RunDeps, session: RunSession, error: unknown): Promise<void> {
  const index = session.index;
  const message = awsErrorMessage(error);
  const code = awsErrorCode(error);
  const context = { ...errorContextOf(session.record), action: 'cloudformation:CreateChangeSet' };

  if (isNoChangesReason(message)) {
    // moto and emulators refuse at once; AWS creates a FAILED change set instead (see the wait).
    await commit(deps, session, (draft, at) => {
      const target = draft.stacks[index];
      const last = target?.creates.at(-1);
      if (!target || !last) return;
      last.result = { at, outcome: 'no-changes' };
      alreadyUpToDate(
        target,
        draft,
        index,
        at,
        'CloudFormation found nothing to change: the stack is already up to date.',
      );
    });
    return;
  }
  if (code === 'AlreadyExistsException' && session.transientFailures < RETRY_DELAYS_MS.length) {
    // The name is taken: by this very intent, sent before a lost reply. The lookup settles it.
    session.transientFailures += 1;
    return;
  }
  if (code === 'InsufficientCapabilitiesException') {
    const named = capabilitiesNamedIn(message).filter((name): name is (typeof CAPABILITIES)[number] =>
      (CAPABILITIES as readonly string[]).includes(name),
    );
    await commit(deps, session, (draft, at) => {
      const target = draft.stacks[index];
      const last = target?.creates.at(-1);
      if (!target || !last) return;
      last.result = { at, outcome: 'not-created', error: translateAwsError(error, context) };
      if (target.preflight) {
        target.preflight.capabilities = [...new Set([...target.preflight.capabilities, ...named])];
      }
      target.acknowledgedCapabilities = [];
      target.error = {
        code: 'insufficient-capabilities',
        message: `CloudFormation needs the acknowledgement of ${named.join(' and ') || 'IAM capabilities'} to create the change set for ${target.stackName}: the template creates or changes IAM resources. Nothing was created.`,
        nextStep: 'Acknowledge the capabilities, then the change set is created again.',
      };
      target.phase = 'awaiting-input';
      markStep(draft, index, 'create', 'failed', at, 'Capabilities were missing.');
      markStep(draft, index, 'input', 'waiting', at);
      draft.status = 'waiting';
    });
    return;
  }
  const fault = classifyFault(error, context);
  if (fault.kind === 'transient' && session.transientFailures < RETRY_DELAYS_MS.length) {
    // The reply was lost, not necessarily the request: the next attempt looks the name up first.
    await retryOrPause(deps, session, error, context.action);
    return;
  }
  if (fault.kind !== 'other') {
    await pause(deps, session, fault.error);
    return;
  }
  const busy = busyStatusIn(message);
  await commit(deps, session, (draft, at) => {
    const target = draft.stacks[index];
    const last = target?.creates.at(-1);
    if (!target || !last) return;
    last.result = { at, outcome: 'not-created', error: fault.error };
    target.endedAt = at;
    if (busy) {
      target.phase = 'blocked';
      target.error = stackBusyError(target.stackName, busy);
      markStep(draft, index, 'create', 'failed', at, `The stack was ${busy}.`);
    } else {
      target.phase = 'failed';
      target.error = fault.error;
      markStep(draft, index, 'create', 'failed', at, fault.error.message);
    }
  });
}
