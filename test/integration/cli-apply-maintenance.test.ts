/**
 * `dedicated-admin apply --maintenance-notice … --maintenance-mode` with GITPOD_TOKEN: the CLI
 * runs the app's run engine, so the notice goes up before the checks, maintenance mode is on
 * only while the change set executes, and both are off when the stack is UPDATE_COMPLETE in
 * moto. Without a token or a domain, nothing is done at all. The token is never printed.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/main/cli/index';
import type { TimerPort } from '../../src/main/core/refresh/timers';
import { changedRoleTemplate } from '../fixtures/templates/index';
import { type GitpodTestServer, startGitpodServer } from '../support/gitpod-server/server';
import { type SeededWorld, startSeededWorld } from '../support/seeded-runtime';

const TOKEN = 'gitpod_pat_owner.cli-maintenance-5e2a';
const NOTICE = 'Infrastructure update under way';

/** The real clock, with the runner's 2-second polls cut to 50 ms: moto has finished by then. */
const FAST_TIMERS: TimerPort = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, Math.min(ms, 50)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

let server: GitpodTestServer;
let world: SeededWorld;
let template: string;

beforeAll(async () => {
  server = await startGitpodServer();
  server.tokens.set(TOKEN, 'owner');
  world = await startSeededWorld({ cell: { domain: server.domain } });
  vi.stubEnv('DEDICATED_ADMIN_SETTINGS', world.settingsPath);
  template = join(world.dir, 'role-v44.yaml');
  await writeFile(template, changedRoleTemplate('v44'));
}, 90_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await world?.close();
  await server?.close();
});

async function apply(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(
    ['apply', '--cell', 'prod', '--template', template, '--stack', 'role', '--yes', ...args],
    {
      out: (text) => {
        out += `${text}\n`;
      },
      err: (text) => {
        err += `${text}\n`;
      },
      env,
      isTty: { stdin: false, stdout: false },
    },
    { apply: { timers: FAST_TIMERS, appHttp: { ca: server.ca, timeoutMs: 2_000 } } },
  );
  return { code, out, err };
}

describe('test/integration/cli-apply-maintenance', () => {
  it('without GITPOD_TOKEN, refuses --maintenance-mode and does nothing, in AWS or Gitpod', async () => {
    const env = { ...process.env };
    delete env.GITPOD_TOKEN;
    const result = await apply(['--maintenance-mode'], env);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/need GITPOD_TOKEN, an organization owner's personal access token/);
    expect(server.requests).toEqual([]);
  });

  it('with an owner token, switches the notice and maintenance mode around the run, and both off at the end', async () => {
    const result = await apply(['--maintenance-notice', NOTICE, '--maintenance-mode'], {
      ...process.env,
      GITPOD_TOKEN: TOKEN,
    });
    expect(result.err).not.toContain('Error');
    expect(result.code).toBe(0);
    expect(result.out).toContain('Maintenance notice: on');
    expect(result.out).toContain('Maintenance mode: on');
    expect(result.out).toContain('Maintenance mode: switched off again');
    expect(result.out).toContain('Maintenance notice: switched off again');
    expect(server.maintenance).toBe(false);
    expect(server.notice.enabled).toBe(false);
    const sets = server.requests
      .map((request) => request.path.split('/').at(-1) ?? '')
      .filter((name) => name.startsWith('Set'));
    expect(sets).toEqual([
      'SetMaintenanceNotification',
      'SetOrganizationMaintenanceMode',
      'SetOrganizationMaintenanceMode',
      'SetMaintenanceNotification',
    ]);
    expect(`${result.out}${result.err}`).not.toContain(TOKEN.slice('gitpod_pat_'.length));
  }, 90_000);
});
