/**
 * `apply` where moto cannot show it: a rollback with its root cause, new parameters (one a
 * secret), the progress line on a terminal, and what cannot be asked without one. CloudFormation
 * is the scripted fake of test/support/apply-fakes on a clock running 100 times faster than
 * real time; the checks and the review are scripted too. The cell is given by --region, with
 * the template held for the run, so no settings or updates file is involved.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExecuteChangeSetCommand } from '@aws-sdk/client-cloudformation';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changedRoleTemplate } from '../../../test/fixtures/templates/index';
import {
  ACCOUNT,
  CALLER_ARN,
  FakeCloudFormation,
  fakeClients,
  fakePreflight,
  fakeReview,
  type PreflightScript,
  ROLE_STACK,
  rollbackScript,
  successScript,
} from '../../../test/support/apply-fakes';
import { check } from '../../../test/support/update-fixtures';
import type { RunRecord } from '../core/apply/journal/run-record';
import type { TimerPort } from '../core/refresh/timers';
import { type ApplyDeps, runApply } from './apply-command';
import { PROGRESS_REDRAW_MS } from './apply-printer';
import type { CliIo } from './cli-io';
import type { ApplyCommand } from './parse-args';

const REGION = 'eu-central-1';
const START = Date.parse('2026-03-02T09:00:00.000Z');
/** A progress line, drawn over the last one (cursor up, clear line) or not. */
const PROGRESS_LINE = new RegExp(
  String.raw`^(\u001b\[1A\u001b\[2K)?${ROLE_STACK}: (\[[#.]{20}\] )?\d+(/\d+)? resources`,
);

/** Simulated time at 100× real time: the scripted update's 11 s take 110 ms. */
function fastClock(speed = 100): TimerPort {
  const startedAt = Date.now();
  return {
    now: () => START + Math.round((Date.now() - startedAt) * speed),
    setTimeout: (callback, ms) => setTimeout(callback, ms / speed),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
}

let dir: string;
let templatePath: string;
let clock: TimerPort;
let fake: FakeCloudFormation;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-apply-command-'));
  templatePath = join(dir, 'role-v37.yaml');
  await writeFile(templatePath, changedRoleTemplate('v37'));
  clock = fastClock();
  fake = new FakeCloudFormation(() => clock.now());
});

afterEach(async () => {
  fake.restore();
  await rm(dir, { recursive: true, force: true });
});

interface Terminal {
  readonly answer?: (question: string, hidden: boolean) => string;
  readonly stdout?: boolean;
}

interface Outcome {
  readonly code: number;
  readonly lines: Array<{ text: string; at: number }>;
  readonly err: string[];
  readonly asked: Array<{ question: string; hidden: boolean }>;
}

const COMMAND: ApplyCommand = {
  kind: 'apply',
  region: REGION,
  template: '',
  stack: 'role',
  yes: false,
};

async function apply(
  terminal: Terminal,
  options: { yes?: boolean; preflight?: PreflightScript } = {},
): Promise<Outcome> {
  const lines: Array<{ text: string; at: number }> = [];
  const err: string[] = [];
  const asked: Array<{ question: string; hidden: boolean }> = [];
  const { answer } = terminal;
  const io: CliIo = {
    out: (text) => lines.push({ text, at: clock.now() }),
    err: (text) => err.push(text),
    env: { DEDICATED_ADMIN_SETTINGS: join(dir, 'settings.json') },
    isTty: { stdin: answer !== undefined, stdout: terminal.stdout ?? false },
    ...(answer
      ? {
          prompt: async (question: string, opts?: { hidden?: boolean }) => {
            asked.push({ question, hidden: opts?.hidden === true });
            return answer(question, opts?.hidden === true);
          },
        }
      : {}),
  };
  const deps: ApplyDeps = {
    createClients: () => fakeClients(),
    checker: {
      check: async () => {
        throw new Error('a saved cell is not checked in these tests');
      },
      checkUnsaved: async () => check(),
      dispose: () => undefined,
    },
    timers: clock,
    runner: {
      ports: {
        runPreflight: fakePreflight(fake, { [ROLE_STACK]: options.preflight ?? {} }),
        readChangeSetReview: fakeReview(3),
      },
      identify: async () => ({ account: ACCOUNT, arn: CALLER_ARN }),
    },
  };
  const code = await runApply({ ...COMMAND, template: templatePath, yes: options.yes ?? false }, io, deps);
  return { code, lines, err, asked };
}

/** Acknowledges, and types the stack name asked for. */
function admin(question: string): string {
  if (question.startsWith('Acknowledge')) return 'y';
  const name = /^Type the stack name \(([^)]+)\)/.exec(question)?.[1];
  if (name) return name;
  throw new Error(`unexpected question: ${question}`);
}

async function runRecords(): Promise<RunRecord[]> {
  const runs = join(dir, 'runs');
  const names = (await readdir(runs)).filter((name) => name.endsWith('.json'));
  return Promise.all(names.map(async (name) => JSON.parse(await readFile(join(runs, name), 'utf8'))));
}

function text(outcome: Outcome): string {
  return outcome.lines.map((line) => line.text).join('\n');
}

describe('main/cli/apply-command', () => {
  it('reports a rollback with its root cause, not the cascade, what to do next and the evidence: exit 1', async () => {
    fake.executionScripts.set(ROLE_STACK, rollbackScript(ROLE_STACK));

    const outcome = await apply({ answer: admin });

    expect(outcome.code).toBe(1);
    const out = text(outcome);
    expect(out).toContain(`✗ ${ROLE_STACK}: failed and rolled back (UPDATE_ROLLBACK_COMPLETE)`);
    expect(out).toContain(`Root cause on ${ROLE_STACK} (the first failures, not what they led to):`);
    expect(out).toMatch(/ {2}Cluster \(AWS::EKS::Cluster\) UPDATE_FAILED: .*kms:CreateGrant/);
    expect(out).not.toMatch(/ {2}Nodes \(AWS::EKS::Nodegroup\) UPDATE_FAILED/);
    expect(out).toMatch(/^Next: Fix the cause above/m);
    expect(out).toMatch(/^Evidence: .*\.evidence\.md/m);
    const [record] = await runRecords();
    expect(record?.outcome).toBe('rolled-back');
    expect(fake.calls('ExecuteChangeSet')).toBe(1);
  });

  it('redraws one progress line on a terminal, at most every 2 seconds, with resources done and the elapsed time', async () => {
    // 6 resources of 3 s each: about 20 s of monitoring, so several redraws.
    fake.executionScripts.set(ROLE_STACK, successScript(ROLE_STACK, 6));

    const outcome = await apply({ answer: admin, stdout: true });

    expect(outcome.code).toBe(0);
    const progress = outcome.lines.filter((line) => PROGRESS_LINE.test(line.text));
    const redraws = progress.filter((line) => line.text.startsWith('\u001b[1A\u001b[2K'));
    expect(progress.length).toBeGreaterThan(2);
    expect(redraws.length).toBe(progress.length - 1);
    for (let i = 1; i < progress.length; i++) {
      expect((progress[i]?.at ?? 0) - (progress[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(PROGRESS_REDRAW_MS);
    }
    expect(progress.at(-1)?.text).toMatch(
      new RegExp(`${ROLE_STACK}: \\[[#.]{20}\\] \\d/3 resources, \\d+s elapsed`),
    );
    expect(text(outcome)).toContain(`✓ ${ROLE_STACK}: UPDATE_COMPLETE`);
  });

  it('asks for new parameters, a secret one hidden and never printed or journaled, and re-asks a value not allowed', async () => {
    fake.executionScripts.set(ROLE_STACK, successScript(ROLE_STACK, 1));
    const preflight: PreflightScript = {
      missingParameters: [
        { key: 'DbPassword', noEcho: true, description: 'The database password.' },
        { key: 'Size', noEcho: false, type: 'String', allowedValues: ['small', 'large'] },
      ],
      secretParameterKeys: ['DbPassword'],
    };
    const sizes = ['medium', 'large'];

    const outcome = await apply(
      {
        answer: (question) => {
          if (question.startsWith('Value for DbPassword')) return 's3cret-Pa55';
          if (question.startsWith('Value for Size')) return sizes.shift() ?? '';
          return admin(question);
        },
      },
      { preflight },
    );

    expect(outcome.code).toBe(0);
    expect(outcome.asked.filter((q) => q.question.startsWith('Value for'))).toEqual([
      { question: 'Value for DbPassword: ', hidden: true },
      { question: 'Value for Size: ', hidden: false },
      { question: 'Value for Size: ', hidden: false },
    ]);
    expect(text(outcome)).toContain('  Size must be one of: small, large');
    const created = fake.cfn.commandCalls(ExecuteChangeSetCommand).length;
    expect(created).toBe(1);
    expect(text(outcome)).not.toContain('s3cret-Pa55');
    const journal = await readFile(join(dir, 'runs', `${(await runRecords())[0]?.id}.json`), 'utf8');
    expect(journal).not.toContain('s3cret-Pa55');
    expect(journal).toContain('"Size": "large"');
  });

  it('without a terminal, --yes cannot give new parameter values: the run is cancelled before any change set, exit 1', async () => {
    const preflight: PreflightScript = { missingParameters: [{ key: 'Size', noEcho: false }] };

    const outcome = await apply({}, { yes: true, preflight });

    expect(outcome.code).toBe(1);
    expect(text(outcome)).toContain(
      `${ROLE_STACK}: the template has new parameters without a default (Size); their values can only be entered in a terminal or in the app.`,
    );
    expect(fake.calls('CreateChangeSet')).toBe(0);
    expect((await runRecords()).map((run) => run.outcome)).toEqual(['cancelled']);
  });

  it('creates nothing when the IAM acknowledgement is refused: exit 3', async () => {
    const outcome = await apply({
      answer: (question) => (question.startsWith('Acknowledge') ? 'n' : admin(question)),
    });

    expect(outcome.code).toBe(3);
    expect(text(outcome)).toContain('  GitpodRole (AWS::IAM::Role, with a custom name)');
    expect(text(outcome)).toContain('Not acknowledged: nothing is created without it.');
    expect(fake.calls('CreateChangeSet')).toBe(0);
    expect((await runRecords()).map((run) => run.outcome)).toEqual(['cancelled']);
  });

  it('prints a blocking check with its fix and starts nothing: exit 1', async () => {
    const outcome = await apply(
      { answer: admin },
      {
        preflight: {
          blocking: {
            id: 'execution-role',
            title: 'Execution role',
            reason: 'GitpodSetupAndInitialEKSUserAdmin does not exist.',
            fix: 'Deploy the role stack first.',
          },
        },
      },
    );

    expect(outcome.code).toBe(1);
    expect(text(outcome)).toContain('  ✗ Execution role: GitpodSetupAndInitialEKSUserAdmin does not exist.');
    expect(text(outcome)).toContain('      Fix: Deploy the role stack first.');
    expect(outcome.asked).toEqual([]);
    expect(fake.calls('CreateChangeSet')).toBe(0);
  });
});
