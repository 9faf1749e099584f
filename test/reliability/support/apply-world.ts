/**
 * A seeded cell in moto behind the fault proxy, and the real ApplyRunner wired to it as CoreRuntime
 * wires it (the app's clients, its journal on disk; the templates from memory instead of the
 * update store), for the reliability suite's apply cases: the fault matrix's change-set, execution
 * and monitoring phases, and the crash at every step. Each case applies its own release of the
 * role template (moto, like AWS, refuses an update without changes), labelled so its change sets
 * can be told apart in moto afterwards.
 *
 * moto executes a change set at once (no *_IN_PROGRESS, no rollback) and ignores ClientToken and
 * ClientRequestToken: a request that reaches it twice is carried out twice, where CloudFormation
 * would recognise the token. The cases report that instead of hiding it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type ChangeSetSummary,
  CloudFormationClient,
  DeleteChangeSetCommand,
  DescribeStacksCommand,
  GetTemplateCommand,
  paginateListChangeSets,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { RunJournal, type RunStore } from '../../../src/main/core/apply/journal/run-journal';
import type { RunRecord } from '../../../src/main/core/apply/journal/run-record';
import { ApplyRunner } from '../../../src/main/core/apply/run/apply-runner';
import { slugOf } from '../../../src/main/core/apply/run/naming';
import { createAwsClients } from '../../../src/main/core/aws/clients';
import { getCallerIdentity } from '../../../src/main/core/aws/identity';
import { createMemoryLogger, type MemoryLogger } from '../../../src/main/core/log/logger';
import type { TimerPort } from '../../../src/main/core/refresh/timers';
import { sha256Hex } from '../../../src/main/core/templates/canonical';
import type { ApplyJournalNotice, ApplyRunView } from '../../../src/shared/apply/run';
import type { Cell } from '../../../src/shared/cells/cell';
import type { UpdateToApply } from '../../../src/shared/updates/pending-update';
import { changedRoleTemplate } from '../../fixtures/templates/index';
import { type FaultProxy, startFaultProxy } from '../../support/fault-proxy';
import { DEFAULT_ACCOUNT_ID, type MotoServer, motoClientConfig, startMoto } from '../../support/moto-server';
import { seedCell } from '../../support/seed-cell';
import type { CallRecorder } from './call-recorder';
import { APPLY_TIMING } from './fault-cases';

const ROLE_STACK = 'acme-gitpod-role';
const INSTANCE_STACK = 'acme-gitpod-instance';

export interface ApplyWorld {
  readonly moto: MotoServer;
  readonly proxy: FaultProxy;
  /** Talks to moto directly: what it says is the truth the run is compared with. */
  readonly direct: CloudFormationClient;
  readonly cell: Cell;
  readonly identity: { readonly account: string; readonly arn: string };
  readonly dir: string;
  stop(): Promise<void>;
}

export async function startApplyWorld(region: string): Promise<ApplyWorld> {
  const moto = await startMoto();
  const proxy = await startFaultProxy(moto.endpoint);
  const config = motoClientConfig(moto.endpoint, region);
  const direct = new CloudFormationClient(config);
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  await seedCell(
    { cloudFormation: direct, s3 },
    { roleStackName: ROLE_STACK, instanceStackName: INSTANCE_STACK },
  );
  s3.destroy();
  // moto loads cfn-lint on its first ValidateTemplate, which takes longer than the matrix's client
  // timeout: a preflight would see a timeout that is no fault of the case's.
  await direct.send(new ValidateTemplateCommand({ TemplateBody: changedRoleTemplate('warm-up') }));
  const sts = createAwsClients({ region, endpoint: moto.endpoint, credentials: config.credentials });
  const identity = await getCallerIdentity(sts.sts);
  sts.destroy();
  const dir = await mkdtemp(join(tmpdir(), 'dedicated-admin-reliability-'));
  const cell: Cell = {
    id: '4b8f2e1a-6c3d-4e5f-9a0b-1c2d3e4f5a6b',
    name: 'prod',
    profile: 'acme',
    region,
    accountId: DEFAULT_ACCOUNT_ID,
    roleStack: ROLE_STACK,
    instanceStack: INSTANCE_STACK,
  };
  return {
    moto,
    proxy,
    direct,
    cell,
    identity,
    dir,
    async stop() {
      direct.destroy();
      await rm(dir, { recursive: true, force: true });
      await proxy.close();
      await moto.stop();
    },
  };
}

/** A role-template release, different for every `tag`, as an imported update of the role stack only. */
export interface Release {
  readonly label: string;
  readonly template: string;
  readonly update: UpdateToApply;
  /** Every change set the run creates for it starts with this. */
  readonly changeSetPrefix: string;
}

export function roleRelease(cell: Cell, tag: string): Release {
  const template = changedRoleTemplate(tag);
  const label = `Reliability ${tag}`;
  const updateId = `import-${slugOf(tag)}`;
  return {
    label,
    template,
    changeSetPrefix: `dedicated-admin-${slugOf(label)}-role-`,
    update: {
      cellId: cell.id,
      cellName: cell.name,
      label,
      releasedAt: '2026-03-01T00:00:00.000Z',
      deadline: '2099-03-15T00:00:00.000Z',
      state: 'on-track',
      covers: [updateId],
      stacks: [
        {
          kind: 'role',
          stackName: cell.roleStack ?? ROLE_STACK,
          updateId,
          source: 'import',
          templateSha256: sha256Hex(template),
          templateName: 'role.yaml',
        },
      ],
    },
  };
}

/** A journal that tells the test of every write as soon as it is durable, before the call it announces. */
export class ObservedJournal implements RunStore {
  constructor(
    private readonly inner: RunStore,
    private readonly onSaved: (record: RunRecord) => void,
  ) {}

  list(): readonly RunRecord[] {
    return this.inner.list();
  }

  get(id: string): RunRecord | undefined {
    return this.inner.get(id);
  }

  notices(): readonly ApplyJournalNotice[] {
    return this.inner.notices();
  }

  async save(record: RunRecord): Promise<void> {
    await this.inner.save(record);
    this.onSaved(structuredClone(record));
  }
}

export function openJournal(dir: string): Promise<RunJournal> {
  return RunJournal.open(dir, { logger: createMemoryLogger() });
}

export interface RunnerWiring {
  readonly journal: RunStore;
  readonly timers: TimerPort;
  readonly recorder: CallRecorder;
  readonly templates: ReadonlyMap<string, string>;
  readonly logger?: MemoryLogger;
}

/**
 * The runner as CoreRuntime builds it, its clients the app's own (createAwsClients: adaptive
 * retries, DEFAULT_MAX_ATTEMPTS, throwOnRequestTimeout) pointed at the fault proxy, with a short
 * request timeout and every CloudFormation attempt recorded.
 */
export function openRunner(world: ApplyWorld, wiring: RunnerWiring): ApplyRunner {
  const credentials = motoClientConfig(world.moto.endpoint).credentials;
  return ApplyRunner.open({
    journal: wiring.journal,
    clientsFor: (cell) => {
      const clients = createAwsClients({
        region: cell.region,
        endpoint: world.proxy.endpoint,
        credentials,
        requestTimeoutMs: APPLY_TIMING.requestTimeoutMs,
      });
      wiring.recorder.attach(clients.cloudFormation);
      return clients;
    },
    readTemplate: async (updateId) => {
      const text = wiring.templates.get(updateId);
      if (text === undefined) throw new Error(`no template for ${updateId}`);
      return text;
    },
    logger: wiring.logger ?? createMemoryLogger(),
    timers: wiring.timers,
  });
}

export interface DriveResult {
  readonly view: ApplyRunView;
  /** The run as it was each time it paused, before it was resumed. */
  readonly pauses: ApplyRunView[];
}

/**
 * Answers like the admin until the run finishes: acknowledges, confirms naming the stack and the
 * account, and resumes a paused run once `beforeResume` (signing in again, the network back) is done.
 */
export async function driveToEnd(
  runner: ApplyRunner,
  runId: string,
  accountId: string,
  beforeResume: () => Promise<void> = async () => undefined,
): Promise<DriveResult> {
  const pauses: ApplyRunView[] = [];
  for (let guard = 0; guard < 25; guard++) {
    const view = await runner.settled(runId);
    if (view.status === 'finished') return { view, pauses };
    if (view.status === 'paused') {
      pauses.push(view);
      await beforeResume();
      await runner.resume(runId);
    } else if (view.awaiting?.kind === 'input') {
      await runner.provideInput({ runId, acknowledgeCapabilities: true });
    } else if (view.awaiting?.kind === 'confirmation') {
      await runner.confirm({ runId, stackName: view.awaiting.stackName, accountId });
    } else {
      throw new Error(`the run stopped in an unexpected state: ${view.status}: ${view.message}`);
    }
  }
  throw new Error('the run kept asking');
}

/** What moto says about the role stack and a release's change sets. */
export interface MotoTruth {
  readonly stackStatus: string;
  readonly deployedTemplate: string;
  /** The change sets named for the release, on the role stack. */
  readonly changeSets: readonly ChangeSetSummary[];
}

export async function motoTruth(world: ApplyWorld, release: Release): Promise<MotoTruth> {
  const stackName = world.cell.roleStack ?? ROLE_STACK;
  const { Stacks } = await world.direct.send(new DescribeStacksCommand({ StackName: stackName }));
  const stack = Stacks?.[0];
  const { TemplateBody } = await world.direct.send(
    new GetTemplateCommand({ StackName: stackName, TemplateStage: 'Original' }),
  );
  const changeSets: ChangeSetSummary[] = [];
  // moto ignores StackName here and lists the whole region: filter by stack and name.
  for await (const page of paginateListChangeSets(
    { client: world.direct },
    { StackName: stack?.StackId ?? stackName },
  )) {
    for (const summary of page.Summaries ?? []) {
      if (summary.StackId === stack?.StackId && summary.ChangeSetName?.startsWith(release.changeSetPrefix)) {
        changeSets.push(summary);
      }
    }
  }
  return { stackStatus: stack?.StackStatus ?? 'NOT_FOUND', deployedTemplate: TemplateBody ?? '', changeSets };
}

/**
 * Deletes a release's change sets that were never executed, so the next case's preflight does
 * not see them as another admin's pending work. Only moto leaves such twins (see the header).
 */
export async function removeUnexecuted(world: ApplyWorld, truth: MotoTruth): Promise<number> {
  let removed = 0;
  for (const summary of truth.changeSets) {
    if (summary.ExecutionStatus === 'EXECUTE_COMPLETE' || !summary.ChangeSetId) continue;
    await world.direct.send(new DeleteChangeSetCommand({ ChangeSetName: summary.ChangeSetId }));
    removed += 1;
  }
  return removed;
}
