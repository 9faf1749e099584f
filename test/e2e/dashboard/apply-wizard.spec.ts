import { CloudFormationClient, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import type { Locator, Page } from '@playwright/test';
import { changedRoleTemplate } from '../../fixtures/templates/index';
import { motoClientConfig } from '../../support/moto-server';
import { restoreRoleStack } from '../../support/restore-role-stack';
import { ACCOUNT_ID, CELL_REGION, expect, INSTANCE_STACK, PROFILE, ROLE_STACK, test } from './aws-fixtures';
import { seriousA11yViolations } from './fixtures';

/**
 * Issue 5's acceptance in the UI: an admin walks the guided apply in Chromium, mostly by
 * keyboard, from the Updates view's "Apply…" to a finished run in History, against moto through
 * the bridge's real handlers and runtime. The stack's template in moto is what proves the update
 * was applied; the screens are checked with axe in both colour schemes on the way.
 */
const LABEL = 'Infrastructure Update v42';
const RELEASE = 'v42';

/** Presses Enter on a control, as a keyboard user who tabbed to it would. */
async function press(control: Locator): Promise<void> {
  await control.focus();
  await control.press('Enter');
}

/**
 * No serious or critical axe violations, in the light and then the dark scheme. Reduced motion
 * stills the buttons' 120 ms background transition (the app's own switch): otherwise axe may
 * measure the dark theme's text on a background still fading from the light one.
 */
async function expectAccessibleInBothSchemes(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
    expect(await seriousA11yViolations(page), `${screen} screen, ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
}

/** The wizard's screen heading: "Role stack acme-gp-bootstrap: Review the changes". */
function stepHeading(page: Page, title: string): Locator {
  return page.locator('.apply-step__heading', { hasText: title });
}

test.describe('guided apply against a CloudFormation emulator', () => {
  // The whole wizard, axe on four screens in both schemes, and a real (emulated) stack update.
  test.setTimeout(120_000);

  test('an admin applies an imported role update from Updates to History, confirming stack and account', async ({
    dashboard,
    bridge,
    moto,
  }) => {
    const cloudFormation = new CloudFormationClient(motoClientConfig(moto.endpoint, CELL_REGION));
    try {
      // ── A cell with an imported role update pending. ──
      const { cell } = await bridge.cells.add({
        name: 'prod',
        profile: PROFILE,
        region: CELL_REGION,
        accountId: ACCOUNT_ID,
        roleStack: ROLE_STACK,
        instanceStack: INSTANCE_STACK,
      });
      const imported = await bridge.updates.importUpdate(
        cell.id,
        [{ name: `role-${RELEASE}.yaml`, bytes: new TextEncoder().encode(changedRoleTemplate(RELEASE)) }],
        { label: LABEL, notes: 'Tags the setup role with the release.' },
      );
      expect(imported.status).toBe('pending');
      await bridge.runtime.checkNow();
      await dashboard.reload();

      // ── Updates view → "Apply…" on the update → the start screen. ──
      await press(dashboard.getByRole('tab', { name: 'Updates' }));
      const card = dashboard.locator('.update-card', { hasText: LABEL });
      await expect(card).toContainText(ROLE_STACK);
      await press(card.getByRole('button', { name: `Apply… ${LABEL}` }));
      await expect(dashboard.getByRole('heading', { name: `Apply ${LABEL} to prod` })).toBeVisible();
      await press(dashboard.getByRole('button', { name: 'Start guided apply' }));

      // ── Preflight: every check with its outcome; nothing blocks. ──
      await expect(stepHeading(dashboard, 'Preflight checks')).toBeFocused({ timeout: 20_000 });
      const checks = dashboard.getByRole('list', {
        name: `Preflight checks of the role stack ${ROLE_STACK}`,
      });
      await expect(checks.getByRole('listitem').first()).toBeVisible();
      expect(await checks.getByRole('listitem').count()).toBeGreaterThan(1);
      await expect(dashboard.locator('.apply-screen__lead')).toHaveText(
        /^\d+ checks: \d+ passed, .*, 0 blocking\.$/,
      );
      await expect(checks.getByText('Blocking', { exact: true })).toHaveCount(0);
      await expectAccessibleInBothSchemes(dashboard, 'preflight');
      await press(dashboard.getByRole('button', { name: 'Continue', exact: true }));

      // ── IAM acknowledgement: required before the change set is created. ──
      await expect(stepHeading(dashboard, 'Parameters and acknowledgement')).toBeFocused();
      await expect(dashboard.getByText(/The template needs CAPABILITY_/)).toBeVisible();
      const acknowledge = dashboard.getByRole('checkbox', {
        name: 'I acknowledge that this update may create or change IAM resources',
      });
      await press(dashboard.getByRole('button', { name: 'Create the change set' }));
      // Sent without it, the form says why and puts focus on the checkbox.
      await expect(acknowledge).toBeFocused();
      await expect(dashboard.getByText(/Tick the acknowledgement/)).toBeVisible();
      await acknowledge.press('Space');
      await expect(acknowledge).toBeChecked();
      await press(dashboard.getByRole('button', { name: 'Create the change set' }));

      // ── Review: the change set exists, its change is listed, the export is saved. ──
      await expect(stepHeading(dashboard, 'Review the changes')).toBeFocused({ timeout: 30_000 });
      const run = bridge.runtime.apply.state().active[0];
      expect(run?.stacks[0]?.changeSet?.name).toBeTruthy();
      const modified = dashboard.getByRole('listbox', { name: /^Modify: \d+ changes?$/ });
      await expect(modified.getByRole('option', { name: /GitpodSetupAndInitialEKSUserAdmin/ })).toBeVisible();
      await expect(dashboard.getByText(`status CREATE_COMPLETE`, { exact: false })).toBeVisible();
      await press(dashboard.getByRole('button', { name: /^Export the review .* as Markdown$/ }));
      await expect(
        dashboard.getByText(/^Saved to \/home\/admin\/Downloads\/change-set-review-/),
      ).toBeVisible();
      const review = bridge.savedFiles.at(-1);
      expect(review?.name).toMatch(new RegExp(`^change-set-review-${ROLE_STACK}-.*\\.md$`));
      expect(review?.text).toContain('GitpodSetupAndInitialEKSUserAdmin');
      expect(review?.text).toContain(ACCOUNT_ID);
      await expectAccessibleInBothSchemes(dashboard, 'review');
      await press(dashboard.getByRole('button', { name: 'Continue to confirmation' }));

      // ── Confirmation: Execute only once the stack name and the account id are typed exactly. ──
      await expect(stepHeading(dashboard, 'Confirm and execute')).toBeFocused();
      const execute = dashboard.getByRole('button', { name: `Execute on ${ROLE_STACK}` });
      const stackField = dashboard.getByRole('textbox', { name: /^Type the stack name/ });
      const accountField = dashboard.getByRole('textbox', { name: /^Type the account id/ });
      await expect(execute).toBeDisabled();
      // The other stack of the same cell, with the right account: still no.
      await stackField.focus();
      await dashboard.keyboard.type(INSTANCE_STACK);
      await accountField.focus();
      await dashboard.keyboard.type(ACCOUNT_ID);
      await expect(accountField).toHaveAccessibleDescription(/Matches/);
      await expect(stackField).toHaveAccessibleDescription('Does not match yet.');
      await expect(execute).toBeDisabled();
      // The right stack with one digit of the account missing: still no.
      await stackField.fill('');
      await stackField.focus();
      await dashboard.keyboard.type(ROLE_STACK);
      await accountField.focus();
      await dashboard.keyboard.press('Backspace');
      await expect(execute).toBeDisabled();
      await expectAccessibleInBothSchemes(dashboard, 'confirm');
      await dashboard.keyboard.type(ACCOUNT_ID.slice(-1));
      await expect(dashboard.getByText('Both match: you can execute the change set.')).toBeVisible();
      await expect(execute).toBeEnabled();

      // Every screen heading from here on, however briefly shown: moto updates a stack at once.
      await dashboard.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seenHeadings: string[] }).seenHeadings = seen;
        new MutationObserver(() => {
          const text = document.querySelector('.apply-step__heading')?.textContent ?? '';
          if (text !== seen.at(-1)) seen.push(text);
        }).observe(document.body, { subtree: true, childList: true, characterData: true });
      });
      await press(execute);

      // ── Monitor, then the finished run, announced. ──
      const finished = stepHeading(dashboard, 'The run has finished');
      await expect(finished).toBeFocused({ timeout: 30_000 });
      const seen = await dashboard.evaluate(
        () => (window as unknown as { seenHeadings: string[] }).seenHeadings,
      );
      expect(seen.some((heading) => heading.endsWith('Follow the update'))).toBe(true);
      await expect(dashboard.locator('.apply-run__announcement')).toHaveText(
        /^The run has finished: Updated\./,
      );
      await expect(dashboard.locator('.apply-run__announcement')).toHaveAttribute('role', 'status');
      const stacks = dashboard.getByRole('table', { name: 'Stacks of the run, in apply order' });
      await expect(stacks.getByRole('row', { name: new RegExp(ROLE_STACK) })).toContainText(
        'UPDATE_COMPLETE',
      );
      await expectAccessibleInBothSchemes(dashboard, 'finished');

      // ── Evidence, as CSV. ──
      await press(dashboard.getByRole('button', { name: `Export the evidence of ${LABEL} on prod as CSV` }));
      await expect(dashboard.getByText(/^Saved to .*\.csv$/)).toBeVisible();
      const evidence = bridge.savedFiles.at(-1);
      expect(evidence?.name).toMatch(/\.csv$/);
      expect(evidence?.text).toContain(ROLE_STACK);
      expect(evidence?.text).toContain(ACCOUNT_ID);

      // ── The stack really runs the new template, and the update has left the pending list. ──
      const deployed = await cloudFormation.send(new GetTemplateCommand({ StackName: ROLE_STACK }));
      expect(deployed.TemplateBody).toContain(`Value: ${RELEASE}`);
      await expect
        .poll(() => bridge.updates.state().cells.flatMap((c) => c.pending.map((p) => p.label)), {
          timeout: 15_000,
        })
        .not.toContain(LABEL);
      await press(dashboard.getByRole('tab', { name: 'Updates' }));
      await expect(dashboard.locator('.update-card', { hasText: LABEL })).toHaveCount(0);

      // ── History lists the run; Open shows it. ──
      await press(dashboard.getByRole('tab', { name: 'History' }));
      const runs = dashboard.getByRole('table', { name: 'Guided apply runs, newest first' });
      const row = runs.getByRole('row', { name: new RegExp(LABEL) });
      await expect(row).toContainText('Updated');
      await expect(row).toContainText(`${ROLE_STACK}: Updated`);
      await press(row.getByRole('button', { name: `Open the run of ${LABEL} on prod` }));
      await expect(dashboard.getByRole('heading', { name: `${LABEL} on prod` })).toBeVisible();
      await expect(finished).toBeVisible();
    } finally {
      // The worker's moto is shared with later specs: put the seeded role template back.
      await restoreRoleStack(cloudFormation, ROLE_STACK);
      cloudFormation.destroy();
    }
  });
});
