/**
 * The browser benchmarks' fixtures: the dashboard in Chromium on the bridge (real IPC handlers and
 * core), moto with a seeded cell (aws-fixtures), and in front of moto, for CloudFormation only, the
 * scripted endpoint that plays the parts moto cannot (in-progress stack events, paged change sets).
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { test as awsTest, CELL_REGION } from '../../../test/e2e/dashboard/aws-fixtures';
import { motoClientConfig } from '../../../test/support/moto-server';
import { type ScriptedCloudFormation, startScriptedCloudFormation } from './scripted-cloudformation';

interface BenchFixtures {
  /** The CloudFormation endpoint the bridge's SDK uses (AWS_ENDPOINT_URL_CLOUDFORMATION). */
  cloudFormation: ScriptedCloudFormation;
}

const ENDPOINT_VARIABLE = 'AWS_ENDPOINT_URL_CLOUDFORMATION';

export const test = awsTest.extend<BenchFixtures>({
  cloudFormation: [
    async ({ moto, awsHome }, use) => {
      // awsHome has pointed the SDK at moto; CloudFormation alone now goes through the script.
      if (!awsHome) throw new Error('the AWS home must be set up first');
      const scripted = await startScriptedCloudFormation(moto.endpoint);
      const saved = process.env[ENDPOINT_VARIABLE];
      process.env[ENDPOINT_VARIABLE] = scripted.endpoint;
      await use(scripted);
      if (saved === undefined) delete process.env[ENDPOINT_VARIABLE];
      else process.env[ENDPOINT_VARIABLE] = saved;
      await scripted.close();
    },
    // Set before the bridge starts, like awsHome.
    { auto: true },
  ],
});

export { expect } from '../../../test/e2e/dashboard/fixtures';

/** The stack's ARN in moto, which the app's calls name once it has read the stack. */
export async function stackIdOf(motoEndpoint: string, stackName: string): Promise<string> {
  const client = new CloudFormationClient(motoClientConfig(motoEndpoint, CELL_REGION));
  try {
    const reply = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    const id = reply.Stacks?.[0]?.StackId;
    if (!id) throw new Error(`moto has no stack ${stackName}`);
    return id;
  } finally {
    client.destroy();
  }
}
