/**
 * A scripted CloudFormation for the apply runner's unit tests (aws-sdk-client-mock): stacks with a
 * status and events, change sets that are created, described, executed and deleted, and stack
 * operations that unfold over simulated time (ManualTimers), with faults injected per call. moto
 * executes change sets at once and has no in-progress states, rollbacks, tokens on events or
 * ContinueUpdateRollback; this fake has all of them. Also: fake preflight/review ports, a journal
 * wrapper that counts writes and "crashes" on demand, and a driver for simulated time.
 */
import {
  CloudFormationClient,
  ContinueUpdateRollbackCommand,
  type ContinueUpdateRollbackCommandInput,
  CreateChangeSetCommand,
  type CreateChangeSetCommandInput,
  DeleteChangeSetCommand,
  type DeleteChangeSetCommandInput,
  DescribeChangeSetCommand,
  type DescribeChangeSetCommandInput,
  DescribeStackEventsCommand,
  type DescribeStackEventsCommandInput,
  DescribeStacksCommand,
  type DescribeStacksCommandInput,
  ExecuteChangeSetCommand,
  type ExecuteChangeSetCommandInput,
  GetTemplateCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import { type AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import type { RunStore } from '../../src/main/core/apply/journal/run-journal';
import type { RunRecord } from '../../src/main/core/apply/journal/run-record';
import type { ApplyRunner } from '../../src/main/core/apply/run/apply-runner';
import type { ApplyPorts } from '../../src/main/core/apply/run/run-ports';
import type { AwsClients } from '../../src/main/core/aws/clients';
import type { ManualTimers } from '../../src/main/core/refresh/timers';
import type { PreflightReport } from '../../src/shared/apply/preflight';
import type { ChangeSetReview } from '../../src/shared/apply/review';
import type { ApplyJournalNotice, ApplyRunView } from '../../src/shared/apply/run';
import type { Cell } from '../../src/shared/cells/cell';
import type { StackKind } from '../../src/shared/cells/stack-report';
import type { UpdateToApply } from '../../src/shared/updates/pending-update';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-central-1';
export const ROLE_STACK = 'gitpod-role';
export const INSTANCE_STACK = 'gitpod-instance';
export const CALLER_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_Admin/alex@example.com`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/GitpodSetupAndInitialEKSUserAdmin`;
export const SHA_ROLE = 'a'.repeat(64);
export const SHA_INSTANCE = 'b'.repeat(64);

export const CELL: Cell = {
  id: '7e1f0a52-3c4d-4b6e-9f80-1a2b3c4d5e6f',
  name: 'prod',
  profile: 'acme-prod',
  region: REGION,
  accountId: ACCOUNT,
  roleStack: ROLE_STACK,
  instanceStack: INSTANCE_STACK,
};

export function stackArn(name: string): string {
  const suffix = name === ROLE_STACK ? '000000000001' : '000000000002';
  return `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/${name}/0000aaaa-0000-4000-8000-${suffix}`;
}

export function updateOf(
  kinds: StackKind[],
  source: 'import' | 'vendor-change-set' = 'import',
): UpdateToApply {
  return {
    cellId: CELL.id,
    cellName: CELL.name,
    label: 'Infrastructure Update v37',
    releasedAt: '2026-03-01T00:00:00.000Z',
    deadline: '2026-03-15T00:00:00.000Z',
    state: 'on-track',
    covers: ['import-v37'],
    stacks: kinds.map((kind) => ({
      kind,
      stackName: kind === 'role' ? ROLE_STACK : INSTANCE_STACK,
      updateId: 'import-v37',
      source,
      ...(source === 'import'
        ? { templateSha256: kind === 'role' ? SHA_ROLE : SHA_INSTANCE, templateName: `${kind}.json` }
        : {
            changeSetName: 'gitpod-infrastructure-update-v37',
            changeSetId: changeSetArnOf(
              kind === 'role' ? ROLE_STACK : INSTANCE_STACK,
              'gitpod-infrastructure-update-v37',
            ),
          }),
    })),
  };
}

export function changeSetArnOf(stackName: string, name: string): string {
  return `arn:aws:cloudformation:${REGION}:${ACCOUNT}:changeSet/${name}/${stackName}-0000`;
}

export function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
  });
}

export const faults = {
  throttling: () => awsError('Throttling', 'Rate exceeded', 400),
  connectionLost: () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
  expired: () => awsError('ExpiredToken', 'The security token included in the request is expired', 403),
  passRoleDenied: () =>
    awsError(
      'AccessDenied',
      `User: ${CALLER_ARN} is not authorized to perform: iam:PassRole on resource: ${ROLE_ARN} because no identity-based policy allows the iam:PassRole action`,
      403,
    ),
};

/** One step of a scripted stack operation: at `at` ms after the call, this event happens. */
export interface ScriptedEvent {
  readonly at: number;
  readonly logicalId: string;
  readonly resourceType?: string;
  readonly status: string;
  readonly reason?: string;
}

export type OperationScript = readonly ScriptedEvent[];

const STACK = 'AWS::CloudFormation::Stack';

/** n resources updated one after the other, then UPDATE_COMPLETE. */
export function successScript(stackName: string, resources: number, stepMs = 3_000): OperationScript {
  const events: ScriptedEvent[] = [
    {
      at: 500,
      logicalId: stackName,
      resourceType: STACK,
      status: 'UPDATE_IN_PROGRESS',
      reason: 'User Initiated',
    },
  ];
  for (let i = 0; i < resources; i++) {
    const start = 1_000 + i * stepMs;
    events.push({ at: start, logicalId: `Resource${i}`, status: 'UPDATE_IN_PROGRESS' });
    events.push({ at: start + stepMs - 500, logicalId: `Resource${i}`, status: 'UPDATE_COMPLETE' });
  }
  const end = 1_000 + resources * stepMs;
  events.push({
    at: end,
    logicalId: stackName,
    resourceType: STACK,
    status: 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS',
  });
  events.push({ at: end + 1_000, logicalId: stackName, resourceType: STACK, status: 'UPDATE_COMPLETE' });
  return events;
}

/** Cluster fails (the cause), Nodes is cancelled (the cascade), Bucket rolls back. */
export function rollbackScript(stackName: string, rollbackFails = false): OperationScript {
  return [
    {
      at: 500,
      logicalId: stackName,
      resourceType: STACK,
      status: 'UPDATE_IN_PROGRESS',
      reason: 'User Initiated',
    },
    { at: 1_000, logicalId: 'Bucket', resourceType: 'AWS::S3::Bucket', status: 'UPDATE_IN_PROGRESS' },
    { at: 2_000, logicalId: 'Bucket', resourceType: 'AWS::S3::Bucket', status: 'UPDATE_COMPLETE' },
    { at: 2_500, logicalId: 'Cluster', resourceType: 'AWS::EKS::Cluster', status: 'UPDATE_IN_PROGRESS' },
    { at: 2_500, logicalId: 'Nodes', resourceType: 'AWS::EKS::Nodegroup', status: 'UPDATE_IN_PROGRESS' },
    {
      at: 6_000,
      logicalId: 'Cluster',
      resourceType: 'AWS::EKS::Cluster',
      status: 'UPDATE_FAILED',
      reason: 'Resource handler returned message: "User is not authorized to perform: kms:CreateGrant"',
    },
    {
      at: 6_100,
      logicalId: 'Nodes',
      resourceType: 'AWS::EKS::Nodegroup',
      status: 'UPDATE_FAILED',
      reason: 'Resource update cancelled',
    },
    {
      at: 7_000,
      logicalId: stackName,
      resourceType: STACK,
      status: 'UPDATE_ROLLBACK_IN_PROGRESS',
      reason: 'The following resource(s) failed to update: [Cluster, Nodes].',
    },
    { at: 8_000, logicalId: 'Bucket', resourceType: 'AWS::S3::Bucket', status: 'UPDATE_IN_PROGRESS' },
    rollbackFails
      ? {
          at: 10_000,
          logicalId: 'Bucket',
          resourceType: 'AWS::S3::Bucket',
          status: 'UPDATE_FAILED',
          reason: 'Bucket policy cannot be restored: access denied',
        }
      : { at: 10_000, logicalId: 'Bucket', resourceType: 'AWS::S3::Bucket', status: 'UPDATE_COMPLETE' },
    rollbackFails
      ? {
          at: 11_000,
          logicalId: stackName,
          resourceType: STACK,
          status: 'UPDATE_ROLLBACK_FAILED',
          reason: 'The following resource(s) failed to update: [Bucket].',
        }
      : { at: 11_000, logicalId: stackName, resourceType: STACK, status: 'UPDATE_ROLLBACK_COMPLETE' },
  ];
}

/** ContinueUpdateRollback: the skipped resources are marked complete, then UPDATE_ROLLBACK_COMPLETE. */
export function recoveryScript(stackName: string, skipped: readonly string[]): OperationScript {
  return [
    {
      at: 500,
      logicalId: stackName,
      resourceType: STACK,
      status: 'UPDATE_ROLLBACK_IN_PROGRESS',
      reason: 'User Initiated',
    },
    ...skipped.map((logicalId) => ({
      at: 1_500,
      logicalId,
      resourceType: 'AWS::S3::Bucket',
      status: 'UPDATE_COMPLETE',
      reason: 'Resource skipped during rollback',
    })),
    { at: 3_000, logicalId: stackName, resourceType: STACK, status: 'UPDATE_ROLLBACK_COMPLETE' },
  ];
}

interface FakeStack {
  name: string;
  id: string;
  status: string;
  /** Newest first. */
  events: StackEvent[];
  lastChangeSetId?: string;
  tags: Array<{ Key: string; Value: string }>;
  template: string;
  operation?: {
    startedAt: number;
    script: OperationScript;
    token?: string;
    applied: number;
    onDone?: () => void;
  };
}

interface FakeChangeSet {
  id: string;
  name: string;
  stackName: string;
  status: string;
  executionStatus: string;
  statusReason?: string;
  /** Status reached at this instant, if still being created. */
  readyAt: number;
  finalStatus: string;
  finalReason?: string;
  template?: string;
}

type Command =
  | 'CreateChangeSet'
  | 'DescribeChangeSet'
  | 'ExecuteChangeSet'
  | 'DeleteChangeSet'
  | 'DescribeStacks'
  | 'DescribeStackEvents'
  | 'ContinueUpdateRollback'
  | 'GetTemplate';

/** A CloudFormation with state, on simulated time. */
export class FakeCloudFormation {
  readonly stacks = new Map<string, FakeStack>();
  readonly changeSets = new Map<string, FakeChangeSet>();
  /** What the next ExecuteChangeSet does to each stack. */
  readonly executionScripts = new Map<string, OperationScript>();
  readonly recoveryScripts = new Map<string, OperationScript>();
  /** How the next created change set of a stack ends. */
  readonly createOutcomes = new Map<
    string,
    { status: 'CREATE_COMPLETE' | 'FAILED'; reason?: string; delayMs?: number }
  >();
  /** Every call's time, per command. */
  readonly callTimes = new Map<Command, number[]>();
  private readonly faultQueue = new Map<Command, Array<() => Error>>();
  private readonly lostReplies = new Map<Command, number>();
  private eventCounter = 0;
  readonly cfn: AwsClientStub<CloudFormationClient>;

  constructor(private readonly now: () => number) {
    this.cfn = mockClient(CloudFormationClient);
    for (const name of [ROLE_STACK, INSTANCE_STACK]) {
      this.stacks.set(name, {
        name,
        id: stackArn(name),
        status: 'UPDATE_COMPLETE',
        events: [
          this.event(name, name, STACK, 'UPDATE_COMPLETE', undefined, undefined, this.now() - 86_400_000),
        ],
        tags: [{ Key: 'gitpod:cell', Value: 'acme01' }],
        template: '{"Resources":{}}',
      });
    }
    this.install();
  }

  /** The next `times` calls of `command` fail with `error`. */
  fail(command: Command, error: () => Error, times = 1): void {
    const queue = this.faultQueue.get(command) ?? [];
    for (let i = 0; i < times; i++) queue.push(error);
    this.faultQueue.set(command, queue);
  }

  calls(command: Command): number {
    return this.callTimes.get(command)?.length ?? 0;
  }

  stack(name: string): FakeStack {
    const stack = this.stacks.get(name) ?? [...this.stacks.values()].find((s) => s.id === name);
    if (!stack) throw awsError('ValidationError', `Stack with id ${name} does not exist`);
    return stack;
  }

  /** A vendor change set already on the stack. */
  addVendorChangeSet(stackName: string, name: string, status = 'CREATE_COMPLETE', reason?: string): string {
    const id = changeSetArnOf(stackName, name);
    this.changeSets.set(id, {
      id,
      name,
      stackName,
      status,
      executionStatus: status === 'CREATE_COMPLETE' ? 'AVAILABLE' : 'UNAVAILABLE',
      ...(reason ? { statusReason: reason } : {}),
      readyAt: 0,
      finalStatus: status,
      ...(reason ? { finalReason: reason } : {}),
    });
    return id;
  }

  /** Puts the stack in a status, as another admin's operation or an old failure would. */
  setStatus(stackName: string, status: string, events: readonly ScriptedEvent[] = []): void {
    const stack = this.stack(stackName);
    stack.status = status;
    for (const step of events) {
      stack.events.unshift(
        this.event(
          stack.name,
          step.logicalId,
          step.resourceType ?? 'AWS::S3::Bucket',
          step.status,
          step.reason,
          undefined,
          this.now(),
        ),
      );
    }
  }

  private event(
    stackName: string,
    logicalId: string,
    type: string,
    status: string,
    reason?: string,
    token?: string,
    at = this.now(),
  ): StackEvent {
    this.eventCounter += 1;
    return {
      StackId: stackArn(stackName),
      StackName: stackName,
      EventId: `${logicalId}-${status}-${this.eventCounter}`,
      LogicalResourceId: logicalId,
      ResourceType: type,
      ResourceStatus: status as StackEvent['ResourceStatus'],
      Timestamp: new Date(at),
      ...(reason ? { ResourceStatusReason: reason } : {}),
      ...(token ? { ClientRequestToken: token } : {}),
    };
  }

  /** Lets the running operations catch up with simulated time. */
  private advance(): void {
    const now = this.now();
    for (const stack of this.stacks.values()) {
      const op = stack.operation;
      if (!op) continue;
      while (op.applied < op.script.length) {
        const step = op.script[op.applied];
        if (!step || op.startedAt + step.at > now) break;
        op.applied += 1;
        stack.events.unshift(
          this.event(
            stack.name,
            step.logicalId,
            step.resourceType ?? 'AWS::S3::Bucket',
            step.status,
            step.reason,
            op.token,
            op.startedAt + step.at,
          ),
        );
        if (step.logicalId === stack.name && (step.resourceType ?? STACK) === STACK)
          stack.status = step.status;
      }
      if (op.applied >= op.script.length) {
        stack.operation = undefined;
        op.onDone?.();
      }
    }
    for (const changeSet of this.changeSets.values()) {
      if (changeSet.status === 'CREATE_IN_PROGRESS' && changeSet.readyAt <= now) {
        changeSet.status = changeSet.finalStatus;
        changeSet.executionStatus = changeSet.finalStatus === 'CREATE_COMPLETE' ? 'AVAILABLE' : 'UNAVAILABLE';
        if (changeSet.finalReason) changeSet.statusReason = changeSet.finalReason;
      }
    }
  }

  private enter(command: Command): void {
    const times = this.callTimes.get(command) ?? [];
    times.push(this.now());
    this.callTimes.set(command, times);
    this.advance();
    const fault = this.faultQueue.get(command)?.shift();
    if (fault) throw fault();
  }

  /** The next `times` calls of `command` are carried out, but their reply is lost (the connection drops). */
  loseReply(command: Command, times = 1): void {
    this.lostReplies.set(command, (this.lostReplies.get(command) ?? 0) + times);
  }

  private wrap<I, O>(command: Command, handler: (input: I) => Promise<O>): (input: I) => Promise<O> {
    return async (input) => {
      this.enter(command);
      const output = await handler(input);
      const lost = this.lostReplies.get(command) ?? 0;
      if (lost > 0) {
        this.lostReplies.set(command, lost - 1);
        throw faults.connectionLost();
      }
      return output;
    };
  }

  private findChangeSet(name: string, stackName?: string): FakeChangeSet {
    const byId = this.changeSets.get(name);
    if (byId) return byId;
    const byName = [...this.changeSets.values()].find(
      (cs) => cs.name === name && (stackName === undefined || cs.stackName === this.stack(stackName).name),
    );
    if (!byName) throw awsError('ChangeSetNotFoundException', `ChangeSet [${name}] does not exist`, 404);
    return byName;
  }

  private install(): void {
    this.cfn.on(CreateChangeSetCommand).callsFake(
      this.wrap('CreateChangeSet', async (input: CreateChangeSetCommandInput) => {
        const stack = this.stack(input.StackName ?? '');
        if (/_IN_PROGRESS$/.test(stack.status)) {
          throw awsError(
            'ValidationError',
            `Stack:${stack.id} is in ${stack.status} state and can not be updated.`,
          );
        }
        if (!input.ChangeSetName || !input.ClientToken)
          throw awsError('ValidationError', 'name and token are required');
        if (
          [...this.changeSets.values()].some(
            (cs) => cs.name === input.ChangeSetName && cs.stackName === stack.name,
          )
        ) {
          throw awsError('AlreadyExistsException', `ChangeSet ${input.ChangeSetName} already exists`);
        }
        const id = changeSetArnOf(stack.name, input.ChangeSetName);
        const outcome = this.createOutcomes.get(stack.name) ?? { status: 'CREATE_COMPLETE' as const };
        this.changeSets.set(id, {
          id,
          name: input.ChangeSetName,
          stackName: stack.name,
          status: 'CREATE_IN_PROGRESS',
          executionStatus: 'UNAVAILABLE',
          readyAt: this.now() + (outcome.delayMs ?? 3_000),
          finalStatus: outcome.status,
          ...(outcome.reason ? { finalReason: outcome.reason } : {}),
          ...(input.TemplateBody ? { template: input.TemplateBody } : {}),
        });
        return { Id: id, StackId: stack.id };
      }),
    );
    this.cfn.on(DescribeChangeSetCommand).callsFake(
      this.wrap('DescribeChangeSet', async (input: DescribeChangeSetCommandInput) => {
        const cs = this.findChangeSet(input.ChangeSetName ?? '', input.StackName);
        return {
          ChangeSetId: cs.id,
          ChangeSetName: cs.name,
          StackId: stackArn(cs.stackName),
          StackName: cs.stackName,
          Status: cs.status,
          ExecutionStatus: cs.executionStatus,
          ...(cs.statusReason ? { StatusReason: cs.statusReason } : {}),
          Changes: [],
        };
      }),
    );
    this.cfn.on(DeleteChangeSetCommand).callsFake(
      this.wrap('DeleteChangeSet', async (input: DeleteChangeSetCommandInput) => {
        const cs = this.findChangeSet(input.ChangeSetName ?? '', input.StackName);
        this.changeSets.delete(cs.id);
        return {};
      }),
    );
    this.cfn.on(ExecuteChangeSetCommand).callsFake(
      this.wrap('ExecuteChangeSet', async (input: ExecuteChangeSetCommandInput) => {
        const cs = this.findChangeSet(input.ChangeSetName ?? '', input.StackName);
        const stack = this.stack(cs.stackName);
        if (cs.executionStatus !== 'AVAILABLE') {
          throw awsError(
            'InvalidChangeSetStatus',
            `ChangeSet [${cs.id}] cannot be executed in its current execution status of [${cs.executionStatus}]`,
          );
        }
        if (/_IN_PROGRESS$/.test(stack.status)) {
          throw awsError(
            'ValidationError',
            `Stack:${stack.id} is in ${stack.status} state and can not be updated.`,
          );
        }
        cs.executionStatus = 'EXECUTE_IN_PROGRESS';
        stack.lastChangeSetId = cs.id;
        for (const other of this.changeSets.values()) {
          if (other !== cs && other.stackName === stack.name && other.executionStatus === 'AVAILABLE')
            other.executionStatus = 'OBSOLETE';
        }
        const script = this.executionScripts.get(stack.name) ?? successScript(stack.name, 2);
        stack.status = 'UPDATE_IN_PROGRESS';
        stack.operation = {
          startedAt: this.now(),
          script,
          ...(input.ClientRequestToken ? { token: input.ClientRequestToken } : {}),
          applied: 0,
          onDone: () => {
            cs.executionStatus = stack.status === 'UPDATE_COMPLETE' ? 'EXECUTE_COMPLETE' : 'EXECUTE_FAILED';
            if (stack.status === 'UPDATE_COMPLETE' && cs.template) stack.template = cs.template;
          },
        };
        return {};
      }),
    );
    this.cfn.on(ContinueUpdateRollbackCommand).callsFake(
      this.wrap('ContinueUpdateRollback', async (input: ContinueUpdateRollbackCommandInput) => {
        const stack = this.stack(input.StackName ?? '');
        if (stack.status !== 'UPDATE_ROLLBACK_FAILED') {
          throw awsError(
            'ValidationError',
            `Stack ${stack.name} is in ${stack.status} state and can not continue its rollback.`,
          );
        }
        stack.status = 'UPDATE_ROLLBACK_IN_PROGRESS';
        stack.operation = {
          startedAt: this.now(),
          script:
            this.recoveryScripts.get(stack.name) ?? recoveryScript(stack.name, input.ResourcesToSkip ?? []),
          ...(input.ClientRequestToken ? { token: input.ClientRequestToken } : {}),
          applied: 0,
        };
        return {};
      }),
    );
    this.cfn.on(DescribeStacksCommand).callsFake(
      this.wrap('DescribeStacks', async (input: DescribeStacksCommandInput) => {
        const stack = this.stack(input.StackName ?? '');
        return {
          Stacks: [
            {
              StackName: stack.name,
              StackId: stack.id,
              StackStatus: stack.status,
              CreationTime: new Date(0),
              Tags: stack.tags,
              ...(stack.lastChangeSetId ? { ChangeSetId: stack.lastChangeSetId } : {}),
            },
          ],
        };
      }),
    );
    this.cfn.on(DescribeStackEventsCommand).callsFake(
      this.wrap('DescribeStackEvents', async (input: DescribeStackEventsCommandInput) => {
        const stack = this.stack(input.StackName ?? '');
        const start = input.NextToken ? Number(input.NextToken) : 0;
        const page = stack.events.slice(start, start + PAGE);
        return {
          StackEvents: page,
          ...(start + PAGE < stack.events.length ? { NextToken: String(start + PAGE) } : {}),
        };
      }),
    );
    this.cfn.on(GetTemplateCommand).callsFake(
      this.wrap('GetTemplate', async (input: { StackName?: string }) => {
        return { TemplateBody: this.stack(input.StackName ?? '').template };
      }),
    );
  }

  restore(): void {
    this.cfn.restore();
  }
}

/** DescribeStackEvents page size (AWS returns up to 100). */
export const PAGE = 100;

export function fakeClients(): AwsClients {
  const cloudFormation = new CloudFormationClient({ region: REGION });
  const sts = new STSClient({ region: REGION });
  const s3 = new S3Client({ region: REGION });
  const iam = new IAMClient({ region: REGION });
  return {
    cloudFormation,
    sts,
    s3,
    iam,
    destroy: () => {
      cloudFormation.destroy();
      sts.destroy();
      s3.destroy();
      iam.destroy();
    },
  };
}

export interface PreflightScript {
  missingParameters?: PreflightReport['missingParameters'];
  capabilities?: PreflightReport['capabilities'];
  secretParameterKeys?: string[];
  blocking?: { id: PreflightReport['checks'][number]['id']; title: string; reason: string; fix?: string };
  delivery?: 'inline' | 's3';
}

/** A preflight that reads the fake's stack status; the rest is scripted per stack. */
export function fakePreflight(
  fake: FakeCloudFormation,
  scripts: Partial<Record<string, PreflightScript>> = {},
): ApplyPorts['runPreflight'] {
  return async (_clients, input) => {
    const stack = fake.stack(input.stack.stackName);
    const script = scripts[input.stack.stackName] ?? {};
    const busy = /_IN_PROGRESS$/.test(stack.status);
    const checks: PreflightReport['checks'] = [
      {
        id: 'credentials',
        outcome: 'passed',
        title: 'Credentials',
        reason: `Signed in as ${input.identity.arn}.`,
      },
      busy
        ? {
            id: 'stack-state',
            outcome: 'blocking',
            title: 'Stack state',
            reason: `The stack is ${stack.status}: another update is running.`,
            fix: 'Wait until it finishes.',
          }
        : stack.status === 'UPDATE_ROLLBACK_FAILED'
          ? {
              id: 'stack-state',
              outcome: 'blocking',
              title: 'Stack state',
              reason: 'UPDATE_ROLLBACK_FAILED',
              fix: 'Continue the rollback.',
            }
          : { id: 'stack-state', outcome: 'passed', title: 'Stack state', reason: `${stack.status}.` },
      { id: 'execution-role', outcome: 'passed', title: 'Execution role', reason: 'The role exists.' },
    ];
    const missing = script.missingParameters ?? [];
    if (missing.length > 0) {
      checks.push({
        id: 'parameters',
        outcome: 'blocking',
        title: 'Parameters',
        reason: 'New parameters need values.',
      });
    }
    const capabilities = script.capabilities ?? ['CAPABILITY_NAMED_IAM'];
    if (capabilities.length > 0) {
      checks.push({
        id: 'capabilities',
        outcome: 'warning',
        title: 'Capabilities',
        reason: 'IAM resources.',
        fix: 'Acknowledge.',
      });
    }
    if (script.blocking) checks.push({ ...script.blocking, outcome: 'blocking' });
    return {
      stackName: input.stack.stackName,
      stackKind: input.stack.kind,
      stackId: stack.id,
      stackStatus: stack.status,
      checkedAt: new Date(0).toISOString(),
      checks,
      canProceed: checks.every((check) => check.outcome !== 'blocking'),
      needsRecovery: stack.status === 'UPDATE_ROLLBACK_FAILED',
      parameters: [{ ParameterKey: 'DomainName', UsePreviousValue: true }],
      secretParameterKeys: script.secretParameterKeys ?? [],
      missingParameters: missing,
      capabilities,
      capabilityResources:
        capabilities.length > 0 ? [{ logicalId: 'GitpodRole', type: 'AWS::IAM::Role', named: true }] : [],
      delivery: script.delivery ?? 'inline',
      templateBytes: 1234,
      executionRoleArn: ROLE_ARN,
      stackTags: stack.tags,
      otherChangeSets: [],
    };
  };
}

export function fakeReview(changes: number): ApplyPorts['readChangeSetReview'] {
  return async (_cfn, input) => {
    const empty: never[] = [];
    const review: ChangeSetReview = {
      stackName: input.stackName,
      changeSetId: input.changeSetId,
      changeSetName: input.changeSetId.split('/')[1] ?? '',
      status: 'CREATE_COMPLETE',
      executionStatus: 'AVAILABLE',
      capabilities: [],
      parameters: [],
      generatedAt: new Date(0).toISOString(),
      summary: {
        total: changes,
        add: 0,
        modify: changes,
        remove: 0,
        import: 0,
        dynamic: 0,
        sync: 0,
        replacements: 0,
        conditionalReplacements: 0,
        removals: 0,
        risks: 0,
        iamChanges: 0,
        securityGroupChanges: 0,
        broadening: false,
      },
      groups: { add: empty, modify: empty, remove: empty, import: empty, dynamic: empty, sync: empty },
      truncated: false,
      permissions: {
        source: 'unavailable',
        iamStatements: [],
        managedPolicies: [],
        securityGroupRules: [],
        broadened: false,
      },
      templateDiff: { available: false, entries: [] },
    };
    return review;
  };
}

/** Thrown by CrashingStore: the process "died" at that write. */
export class SimulatedCrash extends Error {
  constructor() {
    super('simulated crash');
    this.name = 'SimulatedCrash';
  }
}

/**
 * Wraps a journal: counts writes in flight (so simulated time can wait for real file I/O), keeps
 * every record written, and throws SimulatedCrash on the first write `crashWhen` matches — the
 * moment after an AWS call and before its result is journaled.
 */
export class TrackingStore implements RunStore {
  private inflight = 0;
  readonly written: RunRecord[] = [];
  /** Crash instead of this write: the call before it was made, its result is lost. */
  crashWhen: ((record: RunRecord) => boolean) | undefined;
  /** Crash right after this write: the intent is on disk, the call it announces never made. */
  crashAfter: ((record: RunRecord) => boolean) | undefined;
  crashed = false;

  constructor(private readonly inner: RunStore) {}

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
    if (this.crashed) throw new SimulatedCrash();
    if (this.crashWhen?.(record)) {
      this.crashed = true;
      throw new SimulatedCrash();
    }
    this.inflight += 1;
    try {
      await this.inner.save(record);
      this.written.push(structuredClone(record));
    } finally {
      this.inflight -= 1;
    }
    if (this.crashAfter?.(record)) {
      this.crashed = true;
      throw new SimulatedCrash();
    }
  }

  /** Resolves once no write is in flight and the work it started has settled. */
  async idle(): Promise<void> {
    for (let quiet = 0; quiet < 3; ) {
      await new Promise((resolve) => setImmediate(resolve));
      quiet = this.inflight === 0 ? quiet + 1 : 0;
    }
  }
}

/** An in-memory journal. */
export class MemoryStore implements RunStore {
  private readonly records = new Map<string, RunRecord>();

  list(): readonly RunRecord[] {
    return [...this.records.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  get(id: string): RunRecord | undefined {
    return this.records.get(id);
  }

  notices(): readonly ApplyJournalNotice[] {
    return [];
  }

  async save(record: RunRecord): Promise<void> {
    this.records.set(record.id, structuredClone(record));
  }
}

/** Moves simulated time on until the run stops moving by itself (waits for the admin, pauses, finishes). */
export async function settle(
  runner: ApplyRunner,
  runId: string,
  timers: ManualTimers,
  store: TrackingStore,
  limitMs = 30 * 60_000,
): Promise<ApplyRunView> {
  let done = false;
  const settled = runner.settled(runId).then((view) => {
    done = true;
    return view;
  });
  await store.idle();
  for (let elapsed = 0; !done && elapsed < limitMs; elapsed += 1_000) {
    await timers.advance(1_000, () => store.idle());
  }
  if (!done) throw new Error(`run ${runId} did not settle within ${limitMs} ms of simulated time`);
  return await settled;
}

/** Moves simulated time until `predicate` holds. */
export async function advanceUntil(
  timers: ManualTimers,
  store: TrackingStore,
  predicate: () => boolean,
  limitMs = 30 * 60_000,
): Promise<void> {
  await store.idle();
  for (let elapsed = 0; !predicate() && elapsed < limitMs; elapsed += 500) {
    await timers.advance(500, () => store.idle());
  }
  if (!predicate()) throw new Error('the condition was not reached in simulated time');
}
