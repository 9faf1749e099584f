import { randomUUID } from 'node:crypto';
import type { AppError } from '../../../shared/errors';
import { type AwsClientOptions, type AwsClients, createAwsClients } from '../aws/clients';
import { translateAwsError } from '../aws/errors';
import { AccountGuard, getCallerIdentity } from '../aws/identity';
import type { Cell } from './cell';
import { discoverCellStacks } from './discovery';
import { CellInspector } from './inspect-cell';
import type { StackReport } from './stack-report';

/** What one check of a cell found: who we are there, its stacks, and what went wrong. */
export interface CellCheck {
  readonly name: string;
  /** The account the credentials resolved to (null when they did not resolve). */
  readonly account: string | null;
  readonly region: string;
  readonly callerArn: string | null;
  readonly stacks: StackReport[];
  readonly errors: AppError[];
}

export type ClientFactory = (options: AwsClientOptions) => AwsClients;

/**
 * Checks cells. Clients, the account guard's identity cache and each cell's template cache
 * live as long as the checker, which is what keeps a refresh to one DescribeStacks call.
 */
export class CellChecker {
  private readonly clients = new Map<string, AwsClients>();
  private readonly inspectors = new Map<string, CellInspector>();
  private readonly guard: AccountGuard;

  constructor(private readonly createClients: ClientFactory = createAwsClients) {
    this.guard = new AccountGuard({
      sts: (profile) => this.clientsFor(profile, this.stsRegions.get(profile) ?? 'us-east-1').sts,
    });
  }

  /**
   * The identity behind a profile is the same in every region, but asking STS in the cell's
   * own region keeps partitions (GovCloud, China) and private endpoints right.
   */
  private readonly stsRegions = new Map<string | undefined, string>();

  async check(cell: Cell): Promise<CellCheck> {
    const base = { name: cell.name, region: cell.region };
    const context = { region: cell.region, ...(cell.profile ? { profile: cell.profile } : {}) };
    this.stsRegions.set(cell.profile, cell.region);
    let identity: { account: string; arn: string };
    try {
      // Refuse to act on another account before anything else is asked of AWS.
      identity = await this.guard.assertAccount({
        expectedAccountId: cell.accountId,
        cellName: cell.name,
        ...(cell.profile ? { profile: cell.profile } : {}),
      });
    } catch (error) {
      return {
        ...base,
        account: null,
        callerArn: null,
        stacks: [],
        errors: [translateAwsError(error, { ...context, action: 'sts:GetCallerIdentity' })],
      };
    }
    try {
      const stacks = await this.inspectorFor(cell).inspect(cell);
      return { ...base, account: identity.account, callerArn: identity.arn, stacks, errors: [] };
    } catch (error) {
      return {
        ...base,
        account: identity.account,
        callerArn: identity.arn,
        stacks: [],
        errors: [translateAwsError(error, { ...context, action: 'cloudformation:DescribeStacks' })],
      };
    }
  }

  /**
   * A profile and region that are not set up as a cell (the CLI's --profile/--region): find
   * the stacks by discovery, then inspect them as a cell would be.
   */
  async checkUnsaved(options: { profile?: string; region: string }): Promise<CellCheck> {
    const name = options.profile ?? 'default';
    const context = { region: options.region, ...(options.profile ? { profile: options.profile } : {}) };
    const clients = this.clientsFor(options.profile, options.region);
    let identity: { account: string; arn: string };
    try {
      identity = await getCallerIdentity(clients.sts);
    } catch (error) {
      return {
        name,
        region: options.region,
        account: null,
        callerArn: null,
        stacks: [],
        errors: [translateAwsError(error, { ...context, action: 'sts:GetCallerIdentity' })],
      };
    }
    const base = { name, region: options.region, account: identity.account, callerArn: identity.arn };
    try {
      const found = await discoverCellStacks(clients.cloudFormation);
      if (!found.suggested.role && !found.suggested.instance) {
        return {
          ...base,
          stacks: [],
          errors: [
            {
              code: 'no-cell-found',
              message: `No Gitpod Dedicated stacks were found in account ${identity.account}, ${options.region} (${found.stacksExamined} stacks examined).`,
              nextStep: 'Check the profile and region: the cell may live in another account or region.',
            },
          ],
        };
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
      const stacks = await new CellInspector(clients.cloudFormation).inspect(cell);
      return { ...base, stacks, errors: [] };
    } catch (error) {
      return {
        ...base,
        stacks: [],
        errors: [translateAwsError(error, { ...context, action: 'cloudformation:DescribeStacks' })],
      };
    }
  }

  /** Closes every client's sockets. */
  dispose(): void {
    for (const clients of this.clients.values()) clients.destroy();
    this.clients.clear();
    this.inspectors.clear();
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
