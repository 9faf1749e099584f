import { type GitpodTestServer, startGitpodServer } from '../../support/gitpod-server/server';
import { test as dashboardTest, expect, seriousA11yViolations } from './fixtures';

/**
 * Issue 6 in the UI: a cell with a domain shows its Gitpod version in the Overview at once;
 * after the admin saves a personal access token there, it shows maintenance on, and the tray
 * says so too. The bridge checks the local HTTPS Gitpod test server, trusting its CA only.
 */

const TOKEN = 'gitpod_pat_e2e.dashboard-secret-9a4c';

interface WorkerFixtures {
  /** The Gitpod test server, shared by the tests of a worker. */
  gitpod: GitpodTestServer;
}

const test = dashboardTest.extend<object, WorkerFixtures>({
  gitpod: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this destructuring; it needs none.
    async ({}, use) => {
      const server = await startGitpodServer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  // The bridge polls the cells' domains only when given HTTPS options: here, the test CA.
  bridgeOptions: async ({ gitpod }, use) => {
    await use({ appHttp: { ca: gitpod.ca, timeoutMs: 5_000 } });
  },
});

test('the Overview shows the cell’s Gitpod version, and maintenance on once a token is saved', async ({
  dashboard,
  bridge,
  gitpod,
}) => {
  gitpod.tokens.set(TOKEN, 'owner');
  gitpod.maintenance = true;
  await bridge.cells.add({
    name: 'prod',
    region: 'eu-central-1',
    accountId: '123456789012',
    instanceStack: 'gitpod-instance',
    domain: gitpod.domain,
  });

  const section = dashboard.getByRole('region', { name: 'prod Gitpod' });
  await expect(section).toContainText('main-gha.34488', { timeout: 15_000 });
  await expect(section).toContainText('Yes, answered in');
  await expect(section).toContainText('Unknown: needs a personal access token');

  await section.getByLabel('Personal access token').fill(TOKEN);
  await section.getByRole('button', { name: 'Save token' }).click();
  await expect(section.getByRole('button', { name: 'Remove token' })).toBeVisible();
  await expect(section.getByLabel('Personal access token')).toHaveValue('');
  // The token's check waits out the few seconds since the last one.
  await expect(section).toContainText('On: workspaces cannot be started or stopped', { timeout: 15_000 });
  await expect.poll(() => bridge.status.snapshot().tooltip).toContain('prod · maintenance on');

  expect(await dashboard.content()).not.toContain('dashboard-secret');
  expect(bridge.logger.lines.map((line) => line.message).join('\n')).not.toContain('dashboard-secret');
  expect(await seriousA11yViolations(dashboard)).toEqual([]);
});
