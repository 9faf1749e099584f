/**
 * Puts the role stack seedCell created back to its seeded template, after a test applied an
 * update to it: the browser tests share one moto per worker, and the next test must find the
 * same update pending again.
 */
import {
  type CloudFormationClient,
  CreateChangeSetCommand,
  DescribeStacksCommand,
  ExecuteChangeSetCommand,
  GetTemplateCommand,
  waitUntilChangeSetCreateComplete,
  waitUntilStackUpdateComplete,
} from '@aws-sdk/client-cloudformation';
import { loadFixture } from '../fixtures/templates/index.js';

const WAIT = { maxWaitTime: 30, minDelay: 1, maxDelay: 2 };

/**
 * Deploys the seeded role template (role.json) again when the stack runs anything else. Through
 * a change set: moto 5.2.1 answers UpdateStack with an HTTP 500 on a stack a change set updated.
 */
export async function restoreRoleStack(
  cloudFormation: CloudFormationClient,
  stackName: string,
): Promise<void> {
  const seeded = loadFixture('role.json');
  const deployed = await cloudFormation.send(new GetTemplateCommand({ StackName: stackName }));
  if (deployed.TemplateBody === seeded) return;
  const [stack] =
    (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks ?? [];
  const created = await cloudFormation.send(
    new CreateChangeSetCommand({
      StackName: stackName,
      ChangeSetName: `restore-seeded-role-${Date.now()}`,
      ChangeSetType: 'UPDATE',
      TemplateBody: seeded,
      Parameters: (stack?.Parameters ?? []).map((parameter) => ({
        ParameterKey: parameter.ParameterKey,
        UsePreviousValue: true,
      })),
      Capabilities: ['CAPABILITY_NAMED_IAM'],
    }),
  );
  await waitUntilChangeSetCreateComplete({ client: cloudFormation, ...WAIT }, { ChangeSetName: created.Id });
  await cloudFormation.send(new ExecuteChangeSetCommand({ ChangeSetName: created.Id }));
  await waitUntilStackUpdateComplete({ client: cloudFormation, ...WAIT }, { StackName: stackName });
}
