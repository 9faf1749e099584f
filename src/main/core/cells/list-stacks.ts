import {
  type CloudFormationClient,
  paginateDescribeStacks,
  type Stack,
} from '@aws-sdk/client-cloudformation';

/**
 * Every live stack in the account and region: DescribeStacks without a name, page by page.
 * A Gitpod Dedicated account holds few stacks, so this one call per refresh covers a whole
 * cell, where asking per stack would cost a call for each.
 */
export async function listStacks(cloudFormation: CloudFormationClient): Promise<Stack[]> {
  const stacks: Stack[] = [];
  for await (const page of paginateDescribeStacks({ client: cloudFormation }, {})) {
    stacks.push(...(page.Stacks ?? []));
  }
  return stacks;
}
