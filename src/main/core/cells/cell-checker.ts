import { randomUUID } from 'node:crypto';
import type { Cell } from '../../../shared/cells/cell';
import type { CellCheck, UpdateSignals } from '../../../shared/cells/cell-check';
import type { DiscoveryReport } from '../../../shared/cells/discovery';
import type { StackEvents } from '../../../shared/cells/stack-events';
import type { StackKind } from '../../../shared/cells/stack-report';
import type { AppError } from '../../../shared/errors';
import { type AwsClientOptions, type AwsClients, createAwsClients } from '../aws/clients';
import { type AwsErrorContext, awsErrorException, translateAwsError } from '../aws/errors';
import { AccountGuard, getCallerIdentity } from '../aws/identity';
import { appError } from '../errors/app-error';
import { discoverCellStacks } from './discovery';
import { type CellInspection, CellInspector, InspectionCallError } from './inspect-cell';
import { recentStackEvents } from './stack-events';

export type ClientFactory = (options: AwsClientOptions) => AwsClients;

export interface CellCheckerOptions {
  readonly now?: () => Date;
}

interface Identity {
  readonly account: string;
  readonly arn: string;
}

/** The failure of an inspection and the call it came from (the DescribeStacks listing unless it says otherwise). */
function inspectionFailure(error: unknown): { error: unknown; action: string } {
  return error instanceof InspectionCallError
    ? { error: error.cause, action: error.action }
    : { error, action: 'cloudformation:DescribeStacks' };
}

function contextOf(options: {
  profile?: string | undefined;
  region: string;
}): Omit<AwsErrorContext, 'action'> {
  return { region: options.region, ...(options.profile ? { profile: options.profile } : {}) };
}

/**
 * Checks cells. Clients, the account guard's identity cache and each cell's template cache
 * live as long as the checker, which is what keeps a refresh to one DescribeStacks call.
 */
export class CellChecker {
  private readonly clients = new Map<string, AwsClients>();
  private readonly inspectors = new Map<string, CellInspector>();
  private readonly guard: AccountGuard;
  private readonly now: () => Date;
  /**
   * The identity behind a profile is the same in every region, but asking STS in the cell's
   * own region keeps partitions (GovCloud, China) and private endpoints right.
   */
  private readonly stsRegions = new Map<string | undefined, string>();

  constructor(
    private readonly createClients: ClientFactory = createAwsClients,
    options: CellCheckerOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.guard = new AccountGuard({
      sts: (profile) => this.clientsFor(profile, this.stsRegions.get(profile) ?? 'us-east-1').sts,
    });
  }

  async check(cell: Cell): Promise<CellCheck> {
    const context = contextOf(cell);
    let identity: Identity;
    try {
      identity = await this.assertAccount(cell);
    } catch (error) {
      return this.result(
        cell.name,
        cell.region,
        null,
        [],
        [translateAwsError(error, { ...context, action: 'sts:GetCallerIdentity' })],
      );
    }
    try {
      const inspection = await this.inspectorFor(cell).inspectCell(cell);
      return this.inspected(cell.name, cell.region, identity, inspection, context);
    } catch (thrown) {
      const { error, action } = inspectionFailure(thrown);
      return this.result(
        cell.name,
        cell.region,
        identity,
        [],
        [translateAwsError(error, { ...context, action })],
      );
    }
  }

  /**
   * A profile and region that are not set up as a cell (the CLI's --profile/--region): find
   * the stacks by discovery, then inspect them as a cell would be.
   */
  async checkUnsaved(options: { profile?: string; region: string }): Promise<CellCheck> {
    const name = options.profile ?? 'default';
    const context = contextOf(options);
    const clients = this.clientsFor(options.profile, options.region);
    let identity: Identity;
    try {
      identity = await getCallerIdentity(clients.sts);
    } catch (error) {
      return this.result(
        name,
        options.region,
        null,
        [],
        [translateAwsError(error, { ...context, action: 'sts:GetCallerIdentity' })],
      );
    }
    try {
      const found = await discoverCellStacks(clients.cloudFormation);
      if (!found.suggested.role && !found.suggested.instance) {
        return this.result(
          name,
          options.region,
          identity,
          [],
          [noCellFound(identity.account, options.region, found.stacksExamined)],
        );
      }
      const cell: Cell = {
        id: randomUUID(),
        name,
        region: options.region,
        accountId: identity.account,
        ...(options.profile ? { profile: options.profile } : {}),
        ...(found.suggested.role ? { roleStack: found.suggested.role } : {}),
        ...(found.suggested.instance ? { instanceStack: found.suggested.instance } : {}),
      };
      const inspection = await new CellInspector(clients.cloudFormation).inspectCell(cell);
      return this.inspected(name, options.region, identity, inspection, context);
    } catch (thrown) {
      const { error, action } = inspectionFailure(thrown);
      return this.result(
        name,
        options.region,
        identity,
        [],
        [translateAwsError(error, { ...context, action })],
      );
    }
  }

  /**
   * Setup: who the profile is in that region, and which of the account's stacks look like a
   * cell's. Throws an AppErrorException the admin can act on.
   */
  async discover(options: { profile?: string; region: string }): Promise<DiscoveryReport> {
    const context = contextOf(options);
    const clients = this.clientsFor(options.profile, options.region);
    this.stsRegions.set(options.profile, options.region);
    let identity: Identity;
    try {
      identity = await getCallerIdentity(clients.sts);
    } catch (error) {
      throw awsErrorException(error, { ...context, action: 'sts:GetCallerIdentity' });
    }
    try {
      const found = await discoverCellStacks(clients.cloudFormation);
      return { ...found, account: identity.account, callerArn: identity.arn, region: options.region };
    } catch (error) {
      throw awsErrorException(error, { ...context, action: 'cloudformation:DescribeStacks' });
    }
  }

  /** The newest events of one of the cell's stacks, after the account check. */
  async recentEvents(cell: Cell, kind: StackKind): Promise<StackEvents> {
    const stackName = kind === 'role' ? cell.roleStack : cell.instanceStack;
    if (!stackName) {
      throw appError(
        'no-such-stack',
        `The cell ${cell.name} has no ${kind} stack set up.`,
        'Add the stack in Settings → Cells.',
      );
    }
    const context = contextOf(cell);
    try {
      await this.assertAccount(cell);
    } catch (error) {
      throw awsErrorException(error, { ...context, action: 'sts:GetCallerIdentity' });
    }
    try {
      return await recentStackEvents(this.clientsFor(cell.profile, cell.region).cloudFormation, stackName);
    } catch (error) {
      throw awsErrorException(error, { ...context, action: 'cloudformation:DescribeStackEvents' });
    }
  }

  /** Forgets a cell's cached templates (it was edited or removed). */
  forget(cellId: string): void {
    this.inspectors.delete(cellId);
  }

  /** Closes every client's sockets. */
  dispose(): void {
    for (const clients of this.clients.values()) clients.destroy();
    this.clients.clear();
    this.inspectors.clear();
  }

  /** Refuses to act on another account before anything else is asked of AWS. */
  private assertAccount(cell: Cell): Promise<Identity> {
    this.stsRegions.set(cell.profile, cell.region);
    return this.guard.assertAccount({
      expectedAccountId: cell.accountId,
      cellName: cell.name,
      ...(cell.profile ? { profile: cell.profile } : {}),
    });
  }

  /**
   * A failed change-set listing is an error of the check (the admin must know that updates
   * cannot be seen, e.g. a policy without cloudformation:ListChangeSets), but the stacks that
   * were read are still reported.
   */
  private inspected(
    name: string,
    region: string,
    identity: Identity,
    inspection: CellInspection,
    context: Omit<AwsErrorContext, 'action'>,
  ): CellCheck {
    const translated = inspection.changeSetErrors.map((error) =>
      translateAwsError(error, { ...context, action: 'cloudformation:ListChangeSets' }),
    );
    // Both stacks denied the same way is one problem to fix, not two.
    const errors = translated.filter(
      (error, index) => translated.findIndex((other) => other.message === error.message) === index,
    );
    return this.result(name, region, identity, inspection.stacks, errors, inspection.updateSignals);
  }

  private result(
    name: string,
    region: string,
    identity: Identity | null,
    stacks: CellCheck['stacks'],
    errors: AppError[],
    updateSignals?: UpdateSignals,
  ): CellCheck {
    return {
      name,
      region,
      account: identity?.account ?? null,
      callerArn: identity?.arn ?? null,
      stacks,
      errors,
      checkedAt: this.now().toISOString(),
      ...(updateSignals ? { updateSignals } : {}),
    };
  }

  private clientsFor(profile: string | undefined, region: string): AwsClients {
    const key = `${profile ?? ''}\0${region}`;
    let clients = this.clients.get(key);
    if (!clients) {
      clients = this.createClients({ region, ...(profile ? { profile } : {}) });
      this.clients.set(key, clients);
    }
    return clients;
  }

  private inspectorFor(cell: Cell): CellInspector {
    let inspector = this.inspectors.get(cell.id);
    if (!inspector) {
      inspector = new CellInspector(this.clientsFor(cell.profile, cell.region).cloudFormation);
      this.inspectors.set(cell.id, inspector);
    }
    return inspector;
  }
}

function noCellFound(account: string, region: string, examined: number): AppError {
  return {
    code: 'no-cell-found',
    message: `No Gitpod Dedicated stacks were found in account ${account}, ${region} (${examined} stacks examined).`,
    nextStep: 'Check the profile and region: the cell may live in another account or region.',
  };
}
