/**
 * Brings a guided apply of an imported role update to where the benchmarks start measuring: the
 * change set created and reviewed, the run waiting for the confirmation. Driven through the
 * bridge's runtime (the same ApplyService the IPC handlers call), since the wizard's screens up to
 * there are not what is measured (the apply wizard e2e walks them by keyboard).
 */
import type { Page } from '@playwright/test';
import type { ApplyRunView } from '../../../src/shared/apply/run';
import type { Bridge } from '../../../test/bridge/bridge-server';
import {
  ACCOUNT_ID,
  CELL_REGION,
  INSTANCE_STACK,
  PROFILE,
  ROLE_STACK,
} from '../../../test/e2e/dashboard/aws-fixtures';

export const CELL_NAME = 'prod';

export interface RunAtConfirmation {
  readonly cellId: string;
  readonly runId: string;
  readonly label: string;
}

/** Polls the run until `done` holds; fails at once when it finishes or pauses on the way. */
export async function waitForRun(
  bridge: Bridge,
  runId: string,
  what: string,
  done: (view: ApplyRunView) => boolean,
  timeoutMs = 90_000,
): Promise<ApplyRunView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = bridge.runtime.apply.view(runId);
    if (done(view)) return view;
    if (view.status === 'finished' || view.status === 'paused' || view.awaiting?.kind === 'resume') {
      throw new Error(`the run stopped before ${what}: ${view.status}, ${view.message}`);
    }
    if (Date.now() > deadline) throw new Error(`the run did not reach ${what} in time: ${view.message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Adds the seeded cell, imports the role template as an update, and runs up to the confirmation. */
export async function runToConfirmation(
  bridge: Bridge,
  options: { readonly label: string; readonly roleTemplate: string },
): Promise<RunAtConfirmation> {
  const { cell } = await bridge.cells.add({
    name: CELL_NAME,
    profile: PROFILE,
    region: CELL_REGION,
    accountId: ACCOUNT_ID,
    roleStack: ROLE_STACK,
    instanceStack: INSTANCE_STACK,
  });
  const imported = await bridge.updates.importUpdate(
    cell.id,
    [{ name: 'role-template.json', bytes: new TextEncoder().encode(options.roleTemplate) }],
    { label: options.label, notes: 'Benchmark update.' },
  );
  if (imported.status !== 'pending') throw new Error(`the update was imported as ${imported.status}`);
  await bridge.runtime.checkNow();

  const started = await bridge.runtime.apply.start(cell.id);
  const runId = started.id;
  await waitForRun(bridge, runId, 'the acknowledgement', (view) => view.awaiting?.kind === 'input');
  await bridge.runtime.apply.provideInput({ runId, acknowledgeCapabilities: true });
  await waitForRun(bridge, runId, 'the confirmation', (view) => view.awaiting?.kind === 'confirmation');
  return { cellId: cell.id, runId, label: options.label };
}

/** Confirms as the admin does on the confirmation screen: the stack's name and the account id. */
export async function confirmRun(bridge: Bridge, runId: string): Promise<void> {
  await bridge.runtime.apply.confirm({ runId, stackName: ROLE_STACK, accountId: ACCOUNT_ID });
}

/** The Apply view, then the run under way: the wizard opens on the screen the run stands at. */
export async function openRunInDashboard(page: Page, run: RunAtConfirmation): Promise<void> {
  await page.getByRole('tab', { name: 'Apply' }).click();
  await page.getByRole('button', { name: `Open the run of ${run.label} on ${CELL_NAME}` }).click();
}
