import { readFileSync } from 'node:fs';
import { ACCOUNT_ID, CELL_REGION, expect, INSTANCE_STACK, PROFILE, ROLE_STACK, test } from './aws-fixtures';
import { seriousA11yViolations } from './fixtures';

/**
 * First-run setup against moto: the bridge runs the real handlers, CellsService and the
 * unmodified AWS SDK, which reaches the emulator through AWS_ENDPOINT_URL.
 */
test.describe('first-run setup against a CloudFormation emulator', () => {
  test('a keyboard-only admin discovers the stacks, names the cell and sees its card', async ({
    dashboard,
    bridge,
  }) => {
    await expect(dashboard.getByRole('heading', { name: 'No cell set up yet' })).toBeVisible();
    await expect(dashboard.getByRole('combobox', { name: 'AWS profile' })).toHaveValue(PROFILE);
    await expect(dashboard.getByRole('combobox', { name: 'Region' })).toHaveValue(CELL_REGION);

    await dashboard.getByRole('button', { name: 'Next' }).focus();
    await dashboard.keyboard.press('Enter');
    await expect(dashboard.getByText(/Signed in as/)).toContainText(ACCOUNT_ID);
    const role = dashboard.getByRole('group', { name: /role stack/i });
    const instance = dashboard.getByRole('group', { name: /instance stack/i });
    await expect(role.getByRole('radio', { name: new RegExp(ROLE_STACK) })).toBeChecked();
    await expect(instance.getByRole('radio', { name: new RegExp(INSTANCE_STACK) })).toBeChecked();

    await dashboard.getByRole('button', { name: 'Next' }).focus();
    await dashboard.keyboard.press('Enter');
    const name = dashboard.getByRole('textbox', { name: 'Name' });
    await name.fill('prod');
    await dashboard.getByRole('textbox', { name: 'Domain' }).fill('gitpod.acme.example');
    await dashboard.getByRole('button', { name: 'Add cell' }).focus();
    await dashboard.keyboard.press('Enter');

    const card = dashboard
      .getByRole('listitem')
      .filter({ has: dashboard.getByRole('heading', { name: 'prod', exact: true }) });
    await expect(card).toBeVisible();
    await expect(card.getByText('CREATE_COMPLETE').first()).toBeVisible({ timeout: 15_000 });
    await expect(card.getByText(ROLE_STACK).first()).toBeVisible();
    await expect(card.getByText(INSTANCE_STACK).first()).toBeVisible();

    const saved = JSON.parse(readFileSync(bridge.settingsPath, 'utf8')) as {
      cells: Array<Record<string, unknown>>;
    };
    expect(saved.cells).toEqual([
      expect.objectContaining({
        name: 'prod',
        profile: PROFILE,
        region: CELL_REGION,
        accountId: ACCOUNT_ID,
        roleStack: ROLE_STACK,
        instanceStack: INSTANCE_STACK,
        domain: 'gitpod.acme.example',
      }),
    ]);
    expect(readFileSync(bridge.settingsPath, 'utf8')).not.toContain('moto-does-not-check');
  });

  test('the cell card shows recent events on demand and has no serious accessibility problems', async ({
    dashboard,
    bridge,
  }) => {
    await bridge.cells.add({
      name: 'prod',
      profile: PROFILE,
      region: CELL_REGION,
      accountId: ACCOUNT_ID,
      roleStack: ROLE_STACK,
      instanceStack: INSTANCE_STACK,
    });
    await bridge.cells.checkAll();
    await dashboard.reload();
    await expect(dashboard.getByRole('heading', { name: 'prod', exact: true })).toBeVisible();
    await dashboard.getByRole('button', { name: `Recent events of ${INSTANCE_STACK}` }).click();
    await expect(dashboard.getByRole('table').filter({ hasText: 'CREATE_COMPLETE' }).first()).toBeVisible();
    expect(await seriousA11yViolations(dashboard)).toEqual([]);
    await dashboard.emulateMedia({ colorScheme: 'dark' });
    expect(await seriousA11yViolations(dashboard)).toEqual([]);
  });

  test('a cell saved with another account shows the refusal with both account ids', async ({
    dashboard,
    bridge,
  }) => {
    await bridge.cells.add({
      name: 'staging',
      profile: PROFILE,
      region: CELL_REGION,
      accountId: '222233334444',
      instanceStack: INSTANCE_STACK,
    });
    await dashboard.reload();
    await dashboard.getByRole('button', { name: 'Check now staging' }).click();
    const card = dashboard.getByRole('listitem', { name: 'staging' });
    await expect(
      card.getByText(/resolves to account \d{12}, but cell "staging" lives in \d{12}/),
    ).toContainText(`${ACCOUNT_ID}, but cell "staging" lives in 222233334444`);
    await expect(card.getByText(/Next step: Pick the AWS profile for account 222233334444/)).toBeVisible();
  });
});
