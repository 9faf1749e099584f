/**
 * The baseline the idle cost is compared with: a monitor written the obvious way. Every 30 s it
 * refreshes each stack on its own (DescribeStacks by name, GetTemplate, ListChangeSets), with
 * no caching and no sharing of one listing between a cell's stacks.
 */
import {
  type CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListChangeSetsCommand,
} from '@aws-sdk/client-cloudformation';
import type { TimerPort } from '../../../src/main/core/refresh/timers';

export const NAIVE_INTERVAL_MS = 30_000;

export interface NaiveStack {
  readonly cloudFormation: CloudFormationClient;
  readonly stackName: string;
}

export class NaivePoller {
  private timer: unknown = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly stacks: readonly NaiveStack[],
    private readonly timers: TimerPort,
  ) {}

  /** Polls at once, then every 30 s. */
  start(): void {
    this.tick();
  }

  stop(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Resolves when the poll in flight (if any) has finished. */
  async idle(): Promise<void> {
    await this.running;
  }

  private tick(): void {
    this.running = Promise.all(this.stacks.map((stack) => pollStack(stack))).then(() => undefined);
    this.timer = this.timers.setTimeout(() => this.tick(), NAIVE_INTERVAL_MS);
  }
}

async function pollStack({ cloudFormation, stackName }: NaiveStack): Promise<void> {
  await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
  await cloudFormation.send(new GetTemplateCommand({ StackName: stackName }));
  await cloudFormation.send(new ListChangeSetsCommand({ StackName: stackName }));
}
