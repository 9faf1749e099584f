/**
 * `dedicated-admin apply` against moto, through the unmodified SDK and the app's own run engine:
 * an update imported with `import` is applied through both stacks with the stack names typed,
 * a wrong name executes nothing, `--yes` runs without a terminal, no terminal without `--yes`
 * is refused before AWS is asked anything, a template the stack already runs is "already up to
 * date", an unanswered confirmation leaves the run to be resumed (and blocks another), and
 * every run lands in the app's journal folder with its evidence. The calls that change a stack
 * are counted at the fault proxy between the CLI and moto.
 *
 * The tests share one moto and run in order, each applying on top of what the last deployed.
 * moto finishes an update at once; the runner's waits are shortened (see FAST_TIMERS). As in
 * apply-run.test.ts, an SSM parameter named "21" works around moto's UsePreviousValue lookup of
 * the instance stack's BootstrapVersion.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudFormationClient, GetTemplateCommand } from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PromptAborted } from '../../src/main/cli/cli-io';
import { main } from '../../src/main/cli/index';
import type { StatusJson } from '../../src/main/cli/status-report';
import { RunJournal } from '../../src/main/core/apply/journal/run-journal';
import type { RunRecord } from '../../src/main/core/apply/journal/run-record';
import { ApplyRunner } from '../../src/main/core/apply/run/apply-runner';
import { createMemoryLogger } from '../../src/main/core/log/logger';
import type { TimerPort } from '../../src/main/core/refresh/timers';
import { changedRoleTemplate, nextFixtureVersion } from '../fixtures/templates/index';
import type { AwsHome } from '../support/aws/aws-home';
import { useStaticProfile } from '../support/aws/static-profile';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy';
import { DEFAULT_ACCOUNT_ID, type MotoServer, motoClientConfig, startMoto } from '../support/moto-server';
import { seedCell } from '../support/seed-cell';

const REGION = 'eu-west-2';
const ROLE_STACK = 'corp-gitpod-role';
const INSTANCE_STACK = 'corp-gitpod-instance';
const CELL = {
  id: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
  name: 'prod',
  profile: 'corp',
  region: REGION,
  accountId: DEFAULT_ACCOUNT_ID,
  roleStack: ROLE_STACK,
  instanceStack: INSTANCE_STACK,
};

/** The real clock, with the runner's 2-second polls cut to 50 ms: moto has finished by then. */
const FAST_TIMERS: TimerPort = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, Math.min(ms, 50)),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

let moto: MotoServer;
let proxy: FaultProxy;
let home: AwsHome;
let vendor: CloudFormationClient;
let s3: S3Client;
let dir: string;
let runsDir: string;

interface Terminal {
  /** Answers each question; throws PromptAborted to end the input like Ctrl-D. */
  readonly answer?: (question: string, hidden: boolean) => string | Promise<string>;
  readonly stdin?: boolean;
  readonly stdout?: boolean;
}

interface Result {
  readonly code: number;
  readonly out: string[];
  readonly err: string[];
  readonly questions: string[];
}

async function apply(args: string[], terminal: Terminal = {}): Promise<Result> {
  const out: string[] = [];
  const err: string[] = [];
  const questions: string[] = [];
  const { answer } = terminal;
  const code = await main(
    ['apply', ...args],
    {
      out: (text) => out.push(text),
      err: (text) => err.push(text),
      env: process.env,
      isTty: { stdin: terminal.stdin ?? answer !== undefined, stdout: terminal.stdout ?? false },
      ...(answer
        ? {
            prompt: async (question: string, options?: { hidden?: boolean }) => {
              questions.push(question);
              return answer(question, options?.hidden === true);
            },
          }
        : {}),
    },
    { apply: { timers: FAST_TIMERS } },
  );
  return { code, out, err, questions };
}

/** The admin who acknowledges and types the stack name asked for. */
function typesTheStackName(question: string): string {
  if (/^Acknowledge/.test(question)) return 'y';
  const name = /^Type the stack name \(([^)]+)\)/.exec(question)?.[1];
  if (name) return name;
  throw new Error(`unexpected question: ${question}`);
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (text) => {
      out += `${text}\n`;
    },
    err: (text) => {
      err += `${text}\n`;
    },
    env: process.env,
  });
  return { code, out, err };
}

async function file(name: string, text: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function runFiles(): Promise<string[]> {
  try {
    return (await readdir(runsDir)).filter((name) => /^run-.*\.json$/.test(name)).sort();
  } catch {
    return [];
  }
}

async function runRecords(): Promise<RunRecord[]> {
  const names = await runFiles();
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(join(runsDir, name), 'utf8'))));
}

async function deployedTemplate(stackName: string): Promise<string> {
  const reply = await vendor.send(new GetTemplateCommand({ StackName: stackName }));
  return reply.TemplateBody ?? '';
}

async function pendingIds(): Promise<Array<{ id: string; label: string }>> {
  const status = await cli(['status', '--json', '--cell', 'prod']);
  const [cell] = (JSON.parse(status.out) as StatusJson).cells;
  return (cell?.pendingUpdates ?? []).map(({ id, label }) => ({ id, label }));
}

function mutatingCalls(): string[] {
  return proxy.calls
    .map((call) => call.action)
    .filter((action) => /^(Create|Execute|Delete)ChangeSet$|^ContinueUpdateRollback$/.test(action));
}

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto.endpoint);
  const config = motoClientConfig(moto.endpoint, REGION);
  vendor = new CloudFormationClient(config);
  s3 = new S3Client({ ...config, forcePathStyle: true });
  await seedCell(
    { cloudFormation: vendor, s3 },
    { roleStackName: ROLE_STACK, instanceStackName: INSTANCE_STACK },
  );
  // The CLI's own clients go through the proxy, so what it asks of AWS is counted.
  home = useStaticProfile({ profile: 'corp', region: REGION, endpoint: proxy.endpoint });
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-cli-apply-'));
  const settingsPath = join(dir, 'settings.json');
  runsDir = join(dir, 'runs');
  vi.stubEnv('DEDICATED_ADMIN_SETTINGS', settingsPath);
  await writeFile(settingsPath, JSON.stringify({ version: 1, cells: [CELL] }));
}, 90_000);

afterAll(async () => {
  vendor?.destroy();
  s3?.destroy();
  vi.unstubAllEnvs();
  home?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
  await proxy?.close();
  await moto?.stop();
});

describe('test/integration/cli-apply', () => {
  it('applies an imported update through both stacks, role first, each after its stack name is typed', async () => {
    const role = nextFixtureVersion('role.json', 'AuditTopic');
    const instance = nextFixtureVersion('instance.json', 'ReleaseNotesTopic');
    const imported = await cli([
      'import',
      '--cell',
      'prod',
      '--role',
      await file('role-v38.json', role),
      '--instance',
      await file('instance-v38.json', instance),
      '--label',
      'Infrastructure Update v38',
    ]);
    expect(imported.code).toBe(0);
    proxy.clear();

    const result = await apply(['--cell', 'prod'], { answer: typesTheStackName });

    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    const out = result.out.join('\n');
    // Each stack's checks, with their outcome.
    expect(out).toContain(
      `Preflight of ${ROLE_STACK} (role stack) in account ${DEFAULT_ACCOUNT_ID} (${REGION}):`,
    );
    expect(out).toContain(`Preflight of ${INSTANCE_STACK} (instance stack) in account ${DEFAULT_ACCOUNT_ID}`);
    expect(result.out).toContainEqual(expect.stringMatching(/^ {2}✓ /));
    expect(result.out.some((line) => /^ {2}✗ /.test(line))).toBe(false);
    // The IAM acknowledgement names the resources; the review marks the added topic.
    expect(out).toMatch(
      /needs CAPABILITY_IAM and CAPABILITY_NAMED_IAM: .*\n {2}GitpodSetupAndInitialEKSUserAdmin \(AWS::IAM::Role, with a custom name\)/,
    );
    expect(result.out).toContainEqual(expect.stringMatching(/^ {2}\+ AuditTopic {2}AWS::SNS::Topic/));
    expect(result.out).toContainEqual(expect.stringMatching(/^ {2}\+ ReleaseNotesTopic {2}AWS::SNS::Topic/));
    expect(out).toContain(
      `in account ${DEFAULT_ACCOUNT_ID} (${REGION})? If the update fails, CloudFormation rolls`,
    );
    // Asked in order: the role stack's name before the instance stack's; rollback never offered off.
    const typed = result.questions.filter((q) => q.startsWith('Type the stack name'));
    expect(typed.map((q) => /\(([^)]+)\)/.exec(q)?.[1])).toEqual([ROLE_STACK, INSTANCE_STACK]);
    expect(result.questions.join('\n')).not.toMatch(/rollback/i);
    expect(result.out).toContainEqual(expect.stringMatching(new RegExp(`^✓ ${ROLE_STACK}: UPDATE_COMPLETE`)));
    expect(result.out).toContainEqual(
      expect.stringMatching(new RegExp(`^✓ ${INSTANCE_STACK}: UPDATE_COMPLETE`)),
    );
    expect(out).toContain('The update was applied: every stack is UPDATE_COMPLETE.');

    expect(mutatingCalls()).toEqual([
      'CreateChangeSet',
      'ExecuteChangeSet',
      'CreateChangeSet',
      'ExecuteChangeSet',
    ]);
    expect(await deployedTemplate(ROLE_STACK)).toBe(role);
    expect(await deployedTemplate(INSTANCE_STACK)).toBe(instance);

    // The run is in the app's journal folder, with the evidence beside it.
    const [record] = await runRecords();
    expect(record).toMatchObject({ status: 'finished', outcome: 'updated', cell: { id: CELL.id } });
    const evidence = `${join(runsDir, record?.id ?? '')}.evidence.md`;
    expect(out).toContain(`Evidence: ${evidence}`);
    expect(await readFile(evidence, 'utf8')).toContain('Infrastructure Update v38');
    // The app's History lists it: the app opens the same journal.
    const history = ApplyRunner.open({
      journal: await RunJournal.open(runsDir, { logger: createMemoryLogger() }),
      clientsFor: () => {
        throw new Error('History reads no AWS');
      },
      readTemplate: async () => '',
      logger: createMemoryLogger(),
    });
    expect(history.listRuns()).toEqual([
      expect.objectContaining({
        id: record?.id,
        cellName: 'prod',
        outcome: 'updated',
        label: 'Infrastructure Update v38',
      }),
    ]);
    history.dispose();
    // And the update is no longer pending: it went to the updates file's history, as the app records it.
    expect(await pendingIds()).toEqual([]);
    const updates = JSON.parse(await readFile(join(dir, 'updates.json'), 'utf8'));
    expect(updates.history).toContainEqual(
      expect.objectContaining({ label: 'Infrastructure Update v38', detectedBy: 'template-deployed' }),
    );
  }, 120_000);

  it('executes nothing when another name is typed: exit 3, the change set removed, the run cancelled', async () => {
    expect(
      (
        await cli([
          'import',
          '--cell',
          'prod',
          '--role',
          await file('role-v39.yaml', changedRoleTemplate('v39')),
          '--label',
          'v39',
        ])
      ).code,
    ).toBe(0);
    proxy.clear();
    const before = await runFiles();

    const result = await apply(['--cell', 'prod'], {
      answer: (question) =>
        question.startsWith('Type the stack name') ? INSTANCE_STACK : typesTheStackName(question),
    });

    expect(result.code).toBe(3);
    expect(result.out).toContain(`"${INSTANCE_STACK}" is not ${ROLE_STACK}: nothing was executed.`);
    expect(result.out.join('\n')).toContain('The run was cancelled; nothing was executed.');
    expect(proxy.countOf('ExecuteChangeSet')).toBe(0);
    expect(mutatingCalls()).toEqual(['CreateChangeSet', 'DeleteChangeSet']);
    const added = (await runRecords()).filter((run) => !before.includes(`${run.id}.json`));
    expect(added.map((run) => [run.status, run.outcome])).toEqual([['finished', 'cancelled']]);
    expect(await pendingIds()).toEqual([expect.objectContaining({ label: 'v39' })]);
  }, 120_000);

  it('refuses without a terminal unless --yes is given, before asking AWS anything', async () => {
    proxy.clear();
    const before = await runFiles();

    const result = await apply(['--cell', 'prod'], { stdin: false });

    expect(result.code).toBe(2);
    expect(result.err.join('\n')).toMatch(/stdin is not a terminal: nothing was done\. .*pass --yes/);
    expect(proxy.calls).toEqual([]);
    expect(await runFiles()).toEqual(before);
  });

  it('with --yes, acknowledges and executes without a terminal, and says so', async () => {
    proxy.clear();

    const result = await apply(['--cell', 'prod', '--yes'], { stdin: false });

    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.out).toContain('Acknowledged (--yes).');
    expect(result.out).toContain(`Executing on ${ROLE_STACK} (--yes).`);
    expect(mutatingCalls()).toEqual(['CreateChangeSet', 'ExecuteChangeSet']);
    expect(await deployedTemplate(ROLE_STACK)).toBe(changedRoleTemplate('v39'));
    expect(await pendingIds()).toEqual([]);
  }, 120_000);

  it('says "already up to date" for a template the stack runs, and for a cell with nothing pending: exit 0, nothing created', async () => {
    proxy.clear();
    const template = await file('role-v39-again.yaml', changedRoleTemplate('v39'));

    const again = await apply(['--cell', 'prod', '--template', template, '--stack', 'role', '--yes'], {
      stdin: false,
    });
    expect(again.code).toBe(0);
    expect(again.out.join('\n')).toMatch(
      new RegExp(
        `prod is already up to date: ${ROLE_STACK} runs role-v39-again\\.yaml \\(sha256 [0-9a-f]{64}\\)`,
      ),
    );

    const nothing = await apply(['--cell', 'prod'], { answer: typesTheStackName });
    expect(nothing.code).toBe(0);
    expect(nothing.out.join('\n')).toMatch(/prod is already up to date: no infrastructure update is pending/);
    expect(nothing.questions).toEqual([]);
    expect(mutatingCalls()).toEqual([]);
  }, 60_000);

  it('refuses a role template given for the instance stack, storing and creating nothing', async () => {
    proxy.clear();
    const template = await file('role-v40.yaml', changedRoleTemplate('v40'));
    const result = await apply(['--cell', 'prod', '--template', template, '--stack', 'instance', '--yes'], {
      stdin: false,
    });
    expect(result.code).toBe(1);
    expect(result.err.join('\n')).toMatch(/role-v40\.yaml/);
    expect(mutatingCalls()).toEqual([]);
    expect(await pendingIds()).toEqual([]);
  }, 60_000);

  it('leaves an unanswered run to be resumed, refuses another run for the cell meanwhile, and resumes it without creating its change set again', async () => {
    const template = await file('role-v41.yaml', changedRoleTemplate('v41'));
    proxy.clear();
    const stopped = await apply(['--cell', 'prod', '--template', template, '--stack', 'role'], {
      answer: (question) => {
        // The admin presses Ctrl-D at the confirmation.
        if (question.startsWith('Type the stack name')) throw new PromptAborted('no answer');
        return typesTheStackName(question);
      },
    });
    expect(stopped.code).toBe(3);
    expect(stopped.out.join('\n')).toContain(
      'No answer: the run waits for it, nothing more was done. `dedicated-admin apply --cell prod` asks again',
    );
    expect(proxy.countOf('ExecuteChangeSet')).toBe(0);

    const waiting = (await runRecords()).filter((run) => run.status !== 'finished');
    expect(waiting.map((run) => run.stacks[0]?.phase)).toEqual(['awaiting-confirmation']);
    expect(proxy.countOf('CreateChangeSet')).toBe(1);

    // Another update for the cell is refused while this run is unfinished, naming how to resume it.
    const other = await apply(
      [
        '--cell',
        'prod',
        '--template',
        await file('role-v42.yaml', changedRoleTemplate('v42')),
        '--stack',
        'role',
      ],
      { answer: typesTheStackName },
    );
    expect(other.code).toBe(1);
    expect(other.err.join('\n')).toContain(
      `prod already has an unfinished apply run: ${waiting[0]?.id} "role-v41.yaml (applied from the command line)"`,
    );
    expect(other.err.join('\n')).toContain('resume it with `dedicated-admin apply --cell prod`');
    expect(other.questions).toEqual([]);

    proxy.clear();
    const resumed = await apply(['--cell', 'prod'], { answer: typesTheStackName });
    expect(resumed.code).toBe(0);
    expect(resumed.out[0]).toMatch(new RegExp(`^Resuming run ${waiting[0]?.id} `));
    expect(resumed.questions.map((q) => q.split(' (')[0])).toEqual(['Type the stack name']);
    expect(mutatingCalls()).toEqual(['ExecuteChangeSet']);
    expect(await deployedTemplate(ROLE_STACK)).toBe(changedRoleTemplate('v41'));
    expect((await runRecords()).every((run) => run.status === 'finished')).toBe(true);
  }, 120_000);
  it('applies a template to a cell given by --profile and --region, holding the template for the run only', async () => {
    proxy.clear();
    const template = await file('role-v43.yaml', changedRoleTemplate('v43'));
    const updatesBefore = await readFile(join(dir, 'updates.json'), 'utf8');

    const result = await apply(
      ['--profile', 'corp', '--region', REGION, '--template', template, '--stack', 'role', '--yes'],
      { stdin: false },
    );

    expect(result.err).toEqual([]);
    expect(result.code).toBe(0);
    expect(mutatingCalls()).toEqual(['CreateChangeSet', 'ExecuteChangeSet']);
    expect(await deployedTemplate(ROLE_STACK)).toBe(changedRoleTemplate('v43'));
    // Nothing is imported for a cell the app does not know.
    expect(await readFile(join(dir, 'updates.json'), 'utf8')).toBe(updatesBefore);
    const [newest] = (await runRecords()).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    expect(newest).toMatchObject({
      outcome: 'updated',
      cell: {
        name: 'corp',
        profile: 'corp',
        region: REGION,
        roleStack: ROLE_STACK,
        instanceStack: INSTANCE_STACK,
      },
    });
    expect(newest?.cell.id).not.toBe(CELL.id);

    // The same account and region are the same cell the next time: the template it runs now is up to date.
    const again = await apply(
      ['--profile', 'corp', '--region', REGION, '--template', template, '--stack', 'role'],
      { answer: typesTheStackName },
    );
    expect(again.code).toBe(0);
    expect(again.out.join('\n')).toMatch(/corp is already up to date: corp-gitpod-role runs role-v43\.yaml/);
  }, 120_000);
});
