import type { Stack } from '@aws-sdk/client-cloudformation';
import {
  type Capability,
  type CapabilityResource,
  type ChangeSetParameter,
  type MissingParameter,
  PREFLIGHT_CHECK_IDS,
  type PreflightCheck,
  type PreflightReport,
  type StackTag,
} from '../../../../shared/apply/preflight';
import type { Cell } from '../../../../shared/cells/cell';
import type { StackKind } from '../../../../shared/cells/stack-report';
import type { AwsClients } from '../../aws/clients';
import type { AwsErrorContext } from '../../aws/errors';
import { systemTimers, type TimerPort } from '../../refresh/timers';
import type { Template } from '../../templates/parse-template';
import { capabilitiesCheck } from './capabilities-check';
import { capabilityResources, neededCapabilities } from './capability-resources';
import { checkChangeSetSource } from './change-set-source';
import { checkCredentials } from './credentials-check';
import { checkDrift } from './drift-check';
import { checkExecutionRole } from './execution-role-check';
import { checkOtherChangeSets } from './other-change-sets';
import { planParameters } from './parameter-plan';
import { parametersCheck } from './parameters-check';
import { checkStackState } from './stack-state-check';
import { declaredParameters } from './template-parameters';
import { checkTemplateSource, type TemplateUploader } from './template-source';

export interface PreflightInput {
  readonly cell: Cell;
  /** Resolved with the same credentials as `clients` (AccountGuard / GetCallerIdentity). */
  readonly identity: { readonly account: string; readonly arn: string };
  readonly stack: { readonly kind: StackKind; readonly stackName: string };
  /** An imported template (its text), or a change set the vendor pre-created on the stack. */
  readonly source:
    | { readonly kind: 'template'; readonly body: string; readonly sha256: string }
    | { readonly kind: 'change-set'; readonly changeSetId: string };
  /** Values the admin gave for new parameters without a default. */
  readonly parameterValues?: Readonly<Record<string, string>>;
  readonly detectDrift?: boolean;
}

export interface PreflightOptions {
  /** Drift detection polls on it; fake time in tests. */
  readonly timers?: TimerPort;
  /** Between drift-status polls (default 3 s). */
  readonly driftPollIntervalMs?: number;
  readonly driftMaxWaitMs?: number;
  /** Replaces the S3 upload of large templates (tests, or another staging place). */
  readonly uploadTemplate?: TemplateUploader;
  readonly now?: () => Date;
}

/** What the template side (imported template or vendor change set) contributes to the report. */
interface SourceFacts {
  readonly checks: PreflightCheck[];
  readonly template?: Template;
  readonly parameters: ChangeSetParameter[];
  readonly secretKeys: string[];
  readonly missing: MissingParameter[];
  readonly capabilities: Capability[];
  readonly capabilitiesReason?: string;
  readonly capabilityResources: CapabilityResource[];
  readonly delivery: 'inline' | 's3';
  readonly templateBytes: number;
  readonly templateUrl?: string;
}

function order(checks: readonly PreflightCheck[]): PreflightCheck[] {
  return [...checks].sort((a, b) => PREFLIGHT_CHECK_IDS.indexOf(a.id) - PREFLIGHT_CHECK_IDS.indexOf(b.id));
}

function stackTags(stack: Stack | undefined): StackTag[] {
  return (stack?.Tags ?? [])
    .filter((tag) => tag.Key !== undefined && !tag.Key.startsWith('aws:'))
    .slice(0, 50)
    .map((tag) => ({ Key: tag.Key ?? '', Value: tag.Value ?? '' }));
}

function noEchoKeys(template: Template | undefined): string[] {
  return template
    ? declaredParameters(template).flatMap((p) => (p.NoEcho && p.ParameterKey ? [p.ParameterKey] : []))
    : [];
}

async function templateFacts(
  clients: AwsClients,
  input: PreflightInput,
  body: { body: string; sha256: string },
  stack: Stack | undefined,
  contextFor: (action: string) => AwsErrorContext,
  options: PreflightOptions,
): Promise<SourceFacts> {
  const result = await checkTemplateSource(
    clients.cloudFormation,
    clients.s3,
    {
      body: body.body,
      sha256: body.sha256,
      kind: input.stack.kind,
      accountId: input.cell.accountId,
      region: input.cell.region,
      ...(input.cell.profile === undefined ? {} : { profile: input.cell.profile }),
    },
    contextFor,
    options.uploadTemplate,
  );
  const checks = [...result.checks];
  const template = result.template;
  const declared = result.summary?.parameters ?? (template ? declaredParameters(template) : undefined);
  const resources = template ? capabilityResources(template) : [];
  const capabilities = neededCapabilities(result.summary?.capabilities ?? [], resources);
  const plan =
    declared === undefined
      ? undefined
      : planParameters(declared, stack?.Parameters ?? [], input.parameterValues ?? {});
  // Without a stack there is nothing to keep; without a template nothing to ask for.
  if (plan && stack) checks.push(parametersCheck(plan));
  if (template) {
    checks.push(capabilitiesCheck(capabilities, resources, result.summary?.capabilitiesReason, false));
  }
  return {
    checks,
    ...(template ? { template } : {}),
    parameters: plan?.parameters ?? [],
    secretKeys: plan?.secretKeys ?? noEchoKeys(template),
    missing: plan?.missing ?? [],
    capabilities,
    ...(result.summary?.capabilitiesReason ? { capabilitiesReason: result.summary.capabilitiesReason } : {}),
    capabilityResources: resources,
    delivery: result.delivery,
    templateBytes: result.templateBytes,
    ...(result.templateUrl ? { templateUrl: result.templateUrl } : {}),
  };
}

async function changeSetFacts(
  clients: AwsClients,
  input: PreflightInput,
  changeSetId: string,
  stack: Stack | undefined,
  contextFor: (action: string) => AwsErrorContext,
): Promise<SourceFacts> {
  const result = await checkChangeSetSource(
    clients.cloudFormation,
    {
      changeSetId,
      stackName: input.stack.stackName,
      ...(stack?.StackId ? { stackId: stack.StackId } : {}),
      kind: input.stack.kind,
    },
    contextFor,
  );
  const checks = [...result.checks];
  const template = result.template;
  const resources = template ? capabilityResources(template) : [];
  const capabilities = neededCapabilities(result.capabilities, []);
  if (result.changeSet && checks.every((check) => check.id !== 'change-set' || check.outcome === 'passed')) {
    const count = result.parameters.length;
    checks.push({
      id: 'parameters',
      outcome: 'passed',
      title: 'Parameters',
      reason:
        count === 0
          ? 'The change set has no parameters.'
          : `The change set was created with its ${count} parameter value${count === 1 ? '' : 's'}; nothing to fill in.`,
    });
    checks.push(capabilitiesCheck(capabilities, resources, undefined, true));
  }
  return {
    checks,
    ...(template ? { template } : {}),
    parameters: result.parameters,
    secretKeys: noEchoKeys(template),
    missing: [],
    capabilities,
    capabilityResources: resources,
    delivery: 'inline',
    templateBytes: result.templateBytes,
  };
}

const NO_SOURCE: SourceFacts = {
  checks: [],
  parameters: [],
  secretKeys: [],
  missing: [],
  capabilities: [],
  capabilityResources: [],
  delivery: 'inline',
  templateBytes: 0,
};

/**
 * The preflight of issue 5, step 2: every check the admin sees before a change set is created,
 * each passed, warning or blocking with the reason and the fix, and what the create step needs
 * (parameters, capabilities, delivery, execution role, tags).
 *
 * Order: the account and region first, and nothing else when they are wrong (the other checks
 * would read another account's stacks). Then the stack, whose id, parameters and role the other
 * checks need; then the execution role, the template or change set and the other change sets
 * side by side; drift detection last and only when asked for and the stack can be updated
 * (it fails on a stack that is busy). Checks never throw for an AWS failure: it becomes the
 * check's reason, translated.
 */
export async function runPreflight(
  clients: AwsClients,
  input: PreflightInput,
  options: PreflightOptions = {},
): Promise<PreflightReport> {
  const { cell } = input;
  const now = options.now ?? (() => new Date());
  const contextFor = (action: string): AwsErrorContext => ({
    region: cell.region,
    action,
    ...(cell.profile === undefined ? {} : { profile: cell.profile }),
  });
  const base = {
    stackName: input.stack.stackName,
    stackKind: input.stack.kind,
    checkedAt: now().toISOString(),
  };

  const clientRegion = await clients.cloudFormation.config.region().catch(() => cell.region);
  const credentials = checkCredentials(cell, input.identity, clientRegion);
  if (credentials.outcome === 'blocking') {
    return report(base, [credentials], NO_SOURCE, { needsRecovery: false, executionRoleArn: null });
  }

  const state = await checkStackState(clients.cloudFormation, input.stack.stackName, contextFor);
  const stack = state.stack;
  const [role, source, others] = await Promise.all([
    checkExecutionRole(
      clients.iam,
      { accountId: cell.accountId, region: cell.region, stackRoleArn: stack?.RoleARN },
      contextFor('iam:GetRole'),
    ),
    input.source.kind === 'template'
      ? templateFacts(clients, input, input.source, stack, contextFor, options)
      : changeSetFacts(clients, input, input.source.changeSetId, stack, contextFor),
    stack?.StackId
      ? checkOtherChangeSets(
          clients.cloudFormation,
          {
            stackId: stack.StackId,
            ...(input.source.kind === 'change-set' ? { exceptChangeSetId: input.source.changeSetId } : {}),
          },
          contextFor('cloudformation:ListChangeSets'),
        )
      : undefined,
  ]);

  const drift =
    input.detectDrift === true && state.check.outcome === 'passed'
      ? await checkDrift(
          clients.cloudFormation,
          stack?.StackId ?? input.stack.stackName,
          {
            timers: options.timers ?? systemTimers,
            ...(options.driftPollIntervalMs === undefined
              ? {}
              : { pollIntervalMs: options.driftPollIntervalMs }),
            ...(options.driftMaxWaitMs === undefined ? {} : { maxWaitMs: options.driftMaxWaitMs }),
          },
          contextFor,
        )
      : undefined;

  const checks = [credentials, state.check, role.check, ...source.checks];
  if (others) checks.push(others.check);
  if (drift) checks.push(drift.check);
  return report(base, checks, source, {
    needsRecovery: state.needsRecovery,
    executionRoleArn: role.roleArn,
    ...(stack?.StackId ? { stackId: stack.StackId } : {}),
    ...(stack?.StackStatus ? { stackStatus: stack.StackStatus } : {}),
    ...(stack?.RoleARN ? { stackRoleArn: stack.RoleARN } : {}),
    stackTags: stackTags(stack),
    otherChangeSets: others?.others ?? [],
    ...(drift?.drifted ? { driftedResources: drift.drifted } : {}),
  });
}

interface StackFacts {
  readonly needsRecovery: boolean;
  readonly executionRoleArn: string | null;
  readonly stackId?: string;
  readonly stackStatus?: string;
  readonly stackRoleArn?: string;
  readonly stackTags?: StackTag[];
  readonly otherChangeSets?: PreflightReport['otherChangeSets'];
  readonly driftedResources?: PreflightReport['driftedResources'];
}

function report(
  base: Pick<PreflightReport, 'stackName' | 'stackKind' | 'checkedAt'>,
  checks: readonly PreflightCheck[],
  source: SourceFacts,
  facts: StackFacts,
): PreflightReport {
  const ordered = order(checks);
  return {
    ...base,
    ...(facts.stackId ? { stackId: facts.stackId } : {}),
    ...(facts.stackStatus ? { stackStatus: facts.stackStatus } : {}),
    ...(facts.stackRoleArn ? { stackRoleArn: facts.stackRoleArn } : {}),
    checks: ordered,
    canProceed: ordered.every((check) => check.outcome !== 'blocking'),
    needsRecovery: facts.needsRecovery,
    parameters: source.parameters,
    secretParameterKeys: source.secretKeys,
    missingParameters: source.missing,
    capabilities: source.capabilities,
    ...(source.capabilitiesReason ? { capabilitiesReason: source.capabilitiesReason } : {}),
    capabilityResources: source.capabilityResources,
    delivery: source.delivery,
    templateBytes: source.templateBytes,
    ...(source.templateUrl ? { templateUrl: source.templateUrl } : {}),
    executionRoleArn: facts.executionRoleArn,
    stackTags: facts.stackTags ?? [],
    otherChangeSets: facts.otherChangeSets ?? [],
    ...(facts.driftedResources ? { driftedResources: facts.driftedResources } : {}),
  };
}
