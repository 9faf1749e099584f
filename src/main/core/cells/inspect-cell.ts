import { type CloudFormationClient, GetTemplateCommand, type Stack } from '@aws-sdk/client-cloudformation';
import { type Cell, cellStacks } from '../../../shared/cells/cell';
import type { StackKind, StackReport } from '../../../shared/cells/stack-report';
import { parseTemplate, type Template } from '../templates/parse-template';
import { listStacks } from './list-stacks';
import { explainStackStatus } from './stack-status';

interface CachedTemplate {
  readonly lastUpdated: string;
  readonly template: Template | null;
}

const NO_ECHO_MASK = '****';

/**
 * Inspects a cell's stacks. One DescribeStacks listing per refresh covers both stacks; a
 * stack's template (needed to know which parameters are NoEcho) is fetched only when the
 * stack's LastUpdatedTime changed since the last look.
 */
export class CellInspector {
  private readonly templates = new Map<string, CachedTemplate>();

  constructor(private readonly cloudFormation: CloudFormationClient) {}

  async inspect(cell: Cell): Promise<StackReport[]> {
    const stacks = await listStacks(this.cloudFormation);
    const byName = new Map(stacks.map((stack) => [stack.StackName, stack]));
    const reports: StackReport[] = [];
    for (const { kind, name } of cellStacks(cell)) {
      const stack = byName.get(name);
      reports.push(stack ? await this.report(kind, stack) : missingStack(kind, name));
    }
    return reports;
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
    const reply = await this.cloudFormation.send(
      new GetTemplateCommand({ StackName: stack.StackName, TemplateStage: 'Original' }),
    );
    let template: Template | null = null;
    try {
      template = reply.TemplateBody ? parseTemplate(reply.TemplateBody) : null;
    } catch {
      template = null;
    }
    this.templates.set(id, { lastUpdated, template });
    return template;
  }
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
