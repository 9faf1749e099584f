import {
  type CloudFormationClient,
  GetTemplateCommand,
  type GetTemplateCommandOutput,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { GITPOD_ROLE_NAME } from '../../../shared/cells/cell';
import type { DiscoveryResult, StackCandidate } from '../../../shared/cells/discovery';
import { CDK_PATH_PREFIX, createsGitpodRole, hasGitpodCdkMetadata } from '../templates/gitpod-markers';
import { parseTemplate, type Template } from '../templates/parse-template';
import { listStacks } from './list-stacks';

const MAX_TEMPLATES_READ = 50;

interface Evidence {
  role: string[];
  roleScore: number;
  instance: string[];
  instanceScore: number;
}

async function readTemplate(
  cloudFormation: CloudFormationClient,
  stackName: string,
): Promise<Template | null> {
  let reply: GetTemplateCommandOutput;
  try {
    reply = await cloudFormation.send(
      new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }),
    );
  } catch (error) {
    // A stack deleted since the listing ("Stack with id … does not exist") is simply skipped;
    // anything else (a missing permission, throttling) is not hidden behind an empty result.
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/.test(error.message))
      return null;
    throw error;
  }
  if (!reply.TemplateBody) return null;
  try {
    return parseTemplate(reply.TemplateBody);
  } catch {
    return null;
  }
}

function weigh(stack: Stack, template: Template | null): Evidence {
  const evidence: Evidence = { role: [], roleScore: 0, instance: [], instanceScore: 0 };
  const name = stack.StackName ?? '';
  if (template && createsGitpodRole(template)) {
    evidence.role.push(`creates the IAM role ${GITPOD_ROLE_NAME}`);
    evidence.roleScore += 10;
  }
  if (stack.RoleARN?.endsWith(`:role/${GITPOD_ROLE_NAME}`)) {
    evidence.instance.push(`is deployed with the role ${GITPOD_ROLE_NAME}`);
    evidence.instanceScore += 10;
  }
  if (template && hasGitpodCdkMetadata(template)) {
    evidence.instance.push(`its resources carry CDK metadata under ${CDK_PATH_PREFIX}`);
    evidence.instanceScore += 8;
  }
  // Names alone prove nothing, but they break ties the way an admin would.
  if (evidence.roleScore > 0 && /role/i.test(name)) {
    evidence.role.push('its name mentions "role"');
    evidence.roleScore += 1;
  }
  if (evidence.instanceScore > 0 && /instance|cell/i.test(name)) {
    evidence.instance.push('its name mentions "instance" or "cell"');
    evidence.instanceScore += 1;
  }
  return evidence;
}

/**
 * Finds the cell's stacks by what they contain: the role stack creates the Gitpod setup role;
 * the instance stack is deployed with that role and carries Gitpod's CDK metadata. Reads each
 * stack's template once (discovery runs at setup, not on every refresh).
 */
export async function discoverCellStacks(cloudFormation: CloudFormationClient): Promise<DiscoveryResult> {
  const stacks = (await listStacks(cloudFormation)).filter(
    (stack) => stack.StackStatus !== 'DELETE_COMPLETE',
  );
  const candidates: StackCandidate[] = [];
  for (const stack of stacks.slice(0, MAX_TEMPLATES_READ)) {
    if (!stack.StackName || !stack.StackId) continue;
    const template = await readTemplate(cloudFormation, stack.StackName);
    const evidence = weigh(stack, template);
    const base = {
      stackName: stack.StackName,
      stackId: stack.StackId,
      status: stack.StackStatus ?? 'UNKNOWN',
    };
    if (evidence.roleScore > 0) {
      candidates.push({ ...base, kind: 'role', evidence: evidence.role, score: evidence.roleScore });
    }
    if (evidence.instanceScore > 0) {
      candidates.push({
        ...base,
        kind: 'instance',
        evidence: evidence.instance,
        score: evidence.instanceScore,
      });
    }
  }
  candidates.sort((a, b) => b.score - a.score || a.stackName.localeCompare(b.stackName));
  const role = candidates.find((c) => c.kind === 'role')?.stackName;
  const instance = candidates.find((c) => c.kind === 'instance' && c.stackName !== role)?.stackName;
  return {
    candidates,
    suggested: { ...(role ? { role } : {}), ...(instance ? { instance } : {}) },
    stacksExamined: Math.min(stacks.length, MAX_TEMPLATES_READ),
  };
}
