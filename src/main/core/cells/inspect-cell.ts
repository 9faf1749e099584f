import {
  type ChangeSetSummary,
  type CloudFormationClient,
  GetTemplateCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { type Cell, cellStacks } from '../../../shared/cells/cell';
import type { ChangeSetSeen, DeployedTemplate, UpdateSignals } from '../../../shared/cells/cell-check';
import type { StackKind, StackReport } from '../../../shared/cells/stack-report';
import { templateFingerprint } from '../templates/canonical';
import { parseTemplate, type Template } from '../templates/parse-template';
import { listChangeSets } from '../updates/list-change-sets';
import { listStacks } from './list-stacks';
import { explainStackStatus } from './stack-status';

interface CachedTemplate {
  readonly lastUpdated: string;
  readonly template: Template | null;
  /** sha256 of the canonical form, for comparing with imported templates; null when unparsable. */
  readonly fingerprint: string | null;
}

/** A cell's stacks with what tells pending updates from applied ones. */
export interface CellInspection {
  readonly stacks: StackReport[];
  readonly updateSignals: UpdateSignals;
  /** ListChangeSets failures as thrown, for the caller to translate; the stacks are still reported. */
  readonly changeSetErrors: unknown[];
}

interface FoundStack {
  readonly kind: StackKind;
  readonly name: string;
  readonly stack: Stack | undefined;
}

const NO_ECHO_MASK = '****';

/**
 * A call other than the DescribeStacks listing failed during an inspection: carries which one, so
 * the error the admin sees names the call that failed (a denied or failing GetTemplate is not a
 * DescribeStacks problem).
 */
export class InspectionCallError extends Error {
  constructor(
    readonly action: string,
    cause: unknown,
  ) {
    super(`${action} failed`, { cause });
    this.name = 'InspectionCallError';
  }
}

/**
 * Inspects a cell's stacks. One DescribeStacks listing per refresh covers both stacks; a
 * stack's template (needed to know which parameters are NoEcho) is fetched only when the
 * stack's LastUpdatedTime changed since the last look.
 */
export class CellInspector {
  private readonly templates = new Map<string, CachedTemplate>();

  constructor(private readonly cloudFormation: CloudFormationClient) {}

  async inspect(cell: Cell): Promise<StackReport[]> {
    return (await this.readStacks(cell)).reports;
  }

  /**
   * The stacks as `inspect` reports them, plus each found stack's change sets and the
   * fingerprint of the template it runs. AWS calls per refresh, once templates are cached:
   * 1 DescribeStacks + 1 ListChangeSets per found stack = 3 for a cell with both stacks
   * (GetTemplate only after a stack's LastUpdatedTime changed; GetCallerIdentity is cached by
   * the checker). The deployed template is the one `inspect` already fetched for NoEcho.
   */
  async inspectCell(cell: Cell): Promise<CellInspection> {
    const { found, reports } = await this.readStacks(cell);
    const present = found.filter(
      (entry): entry is FoundStack & { stack: Stack & { StackId: string } } => !!entry.stack?.StackId,
    );
    const listings = await Promise.allSettled(
      present.map((entry) => listChangeSets(this.cloudFormation, entry.stack.StackId)),
    );
    const changeSets: ChangeSetSeen[] = [];
    const listedStacks: string[] = [];
    const changeSetErrors: unknown[] = [];
    const deployedTemplates: DeployedTemplate[] = [];
    present.forEach((entry, index) => {
      const fingerprint = this.templates.get(entry.stack.StackId)?.fingerprint;
      if (fingerprint) deployedTemplates.push({ stackKind: entry.kind, stackName: entry.name, fingerprint });
      const listing = listings[index];
      if (listing?.status === 'rejected') {
        changeSetErrors.push(listing.reason);
        return;
      }
      if (!listing) return;
      if (listing.value.complete) listedStacks.push(entry.name);
      for (const summary of listing.value.changeSets) {
        const seen = changeSetSeen(entry.kind, entry.name, summary);
        if (seen) changeSets.push(seen);
      }
    });
    changeSets.sort((a, b) => b.creationTime.localeCompare(a.creationTime));
    return {
      stacks: reports,
      updateSignals: { changeSets, listedStacks, deployedTemplates },
      changeSetErrors,
    };
  }

  private async readStacks(cell: Cell): Promise<{ found: FoundStack[]; reports: StackReport[] }> {
    const stacks = await listStacks(this.cloudFormation);
    const byName = new Map(stacks.map((stack) => [stack.StackName, stack]));
    const found: FoundStack[] = [];
    const reports: StackReport[] = [];
    for (const { kind, name } of cellStacks(cell)) {
      const stack = byName.get(name);
      found.push({ kind, name, stack });
      reports.push(stack ? await this.report(kind, stack) : missingStack(kind, name));
    }
    return { found, reports };
  }

  private async report(kind: StackKind, stack: Stack): Promise<StackReport> {
    const status = stack.StackStatus ?? 'UNKNOWN';
    const lastUpdated = (stack.LastUpdatedTime ?? stack.CreationTime)?.toISOString();
    const template = await this.templateFor(stack, lastUpdated ?? '');
    const noEcho = noEchoParameters(template);
    return {
      kind,
      name: stack.StackName ?? '',
      found: true,
      ...(stack.StackId ? { stackId: stack.StackId } : {}),
      status,
      explanation: explainStackStatus(status),
      ...(lastUpdated ? { lastUpdatedTime: lastUpdated } : {}),
      ...(stack.Description ? { description: stack.Description } : {}),
      ...(stack.RoleARN ? { roleArn: stack.RoleARN } : {}),
      terminationProtection: stack.EnableTerminationProtection === true,
      parameters: (stack.Parameters ?? []).map((parameter) => {
        const key = parameter.ParameterKey ?? '';
        const masked = noEcho.has(key) || parameter.ParameterValue === NO_ECHO_MASK;
        return { key, value: masked ? NO_ECHO_MASK : (parameter.ParameterValue ?? ''), masked };
      }),
      outputs: (stack.Outputs ?? []).map((output) => ({
        key: output.OutputKey ?? '',
        value: output.OutputValue ?? '',
        ...(output.Description ? { description: output.Description } : {}),
      })),
      tags: (stack.Tags ?? []).map((tag) => ({ key: tag.Key ?? '', value: tag.Value ?? '' })),
    };
  }

  private async templateFor(stack: Stack, lastUpdated: string): Promise<Template | null> {
    const id = stack.StackId ?? stack.StackName ?? '';
    const cached = this.templates.get(id);
    if (cached && cached.lastUpdated === lastUpdated) return cached.template;
    let reply: { TemplateBody?: string };
    try {
      reply = await this.cloudFormation.send(
        new GetTemplateCommand({ StackName: stack.StackName, TemplateStage: 'Original' }),
      );
    } catch (error) {
      throw new InspectionCallError('cloudformation:GetTemplate', error);
    }
    let template: Template | null = null;
    let fingerprint: string | null = null;
    try {
      template = reply.TemplateBody ? parseTemplate(reply.TemplateBody) : null;
      fingerprint = template ? templateFingerprint(template) : null;
    } catch {
      // An unreadable template: NoEcho is taken from the masked values alone, and imported
      // templates compare as not yet applied.
      fingerprint = null;
    }
    this.templates.set(id, { lastUpdated, template, fingerprint });
    return template;
  }
}

const MAX_DESCRIPTION = 1024;

function changeSetSeen(kind: StackKind, stackName: string, summary: ChangeSetSummary): ChangeSetSeen | null {
  if (!summary.ChangeSetId || !summary.CreationTime) return null;
  const description = summary.Description?.trim();
  return {
    stackKind: kind,
    stackName,
    changeSetId: summary.ChangeSetId,
    changeSetName: (summary.ChangeSetName ?? '').slice(0, 128),
    status: summary.Status ?? 'UNKNOWN',
    ...(summary.ExecutionStatus ? { executionStatus: summary.ExecutionStatus } : {}),
    creationTime: summary.CreationTime.toISOString(),
    ...(description ? { description: description.slice(0, MAX_DESCRIPTION) } : {}),
  };
}

function noEchoParameters(template: Template | null): Set<string> {
  const parameters = (template?.Parameters ?? {}) as Record<string, { NoEcho?: unknown }>;
  return new Set(
    Object.entries(parameters)
      .filter(([, definition]) => definition?.NoEcho === true || definition?.NoEcho === 'true')
      .map(([key]) => key),
  );
}

function missingStack(kind: StackKind, name: string): StackReport {
  return {
    kind,
    name,
    found: false,
    status: 'NOT_FOUND',
    explanation: {
      category: 'deleted',
      words: `There is no stack named ${name} in this account and region.`,
      blocksUpdate: true,
      nextStep: 'Check the cell settings, or run discovery again to find the stack.',
    },
    terminationProtection: false,
    parameters: [],
    outputs: [],
    tags: [],
  };
}
