import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { loadFixture } from '../../fixtures/templates/index';
import { motoClientConfig } from '../../support/moto-server';
import { ACCOUNT_ID, CELL_REGION, expect, INSTANCE_STACK, PROFILE, ROLE_STACK, test } from './aws-fixtures';
import { seriousA11yViolations } from './fixtures';

/**
 * Issue 4's acceptance in the UI: a change set the vendor creates shows up as a pending update
 * with its deadline in the Updates view and the tray tooltip, and raises one notification.
 */
test('a vendor change set on the role stack is a pending update in the view, the tray and a notification', async ({
  dashboard,
  bridge,
  moto,
}) => {
  const cloudFormation = new CloudFormationClient(motoClientConfig(moto.endpoint, CELL_REGION));
  const [stack] =
    (await cloudFormation.send(new DescribeStacksCommand({ StackName: ROLE_STACK }))).Stacks ?? [];
  const template = JSON.parse(loadFixture('role.json')) as Record<string, unknown>;
  template.Description = `${String(template.Description ?? '')} (update v37)`;
  const created = await cloudFormation.send(
    new CreateChangeSetCommand({
      StackName: ROLE_STACK,
      ChangeSetName: 'gitpod-infrastructure-update-v37',
      ChangeSetType: 'UPDATE',
      Description: 'Infrastructure Update v37',
      TemplateBody: JSON.stringify(template),
      Parameters: (stack?.Parameters ?? []).map((p) => ({
        ParameterKey: p.ParameterKey,
        UsePreviousValue: true,
      })),
      Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
    }),
  );
  try {
    await bridge.cells.add({
      name: 'prod',
      profile: PROFILE,
      region: CELL_REGION,
      accountId: ACCOUNT_ID,
      roleStack: ROLE_STACK,
      instanceStack: INSTANCE_STACK,
    });
    await bridge.runtime.checkNow();

    expect(bridge.status.snapshot().state).toBe('attention');
    expect(bridge.status.snapshot().tooltip).toMatch(/prod · infrastructure update due in 1[34] days/);
    expect(bridge.notifications.map((n) => n.title).join('\n')).toMatch(/prod/);

    await dashboard.getByRole('tab', { name: 'Updates' }).click();
    const card = dashboard.locator('.update-card').first();
    await expect(card).toContainText(ROLE_STACK);
    await expect(card).toContainText(/due in 1[34] days/i);
    await expect(card).toContainText(/Change set from Gitpod/i);
    expect(await seriousA11yViolations(dashboard)).toEqual([]);
  } finally {
    await cloudFormation.send(new DeleteChangeSetCommand({ ChangeSetName: created.Id }));
  }
});
