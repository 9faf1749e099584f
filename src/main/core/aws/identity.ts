import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { appError } from '../errors/app-error';
import { awsErrorException } from './errors';

export interface CallerIdentity {
  account: string;
  arn: string;
  userId: string;
}

export async function getCallerIdentity(sts: STSClient): Promise<CallerIdentity> {
  const reply = await sts.send(new GetCallerIdentityCommand({}));
  if (!reply.Account || !reply.Arn || !reply.UserId) {
    throw appError('aws-error', 'STS GetCallerIdentity returned no account, ARN or user id.');
  }
  return { account: reply.Account, arn: reply.Arn, userId: reply.UserId };
}

export interface AssertAccountInput {
  expectedAccountId: string;
  cellName: string;
  /** The profile the cell uses; undefined for the default credentials. */
  profile?: string;
}

export interface AccountGuardOptions {
  /** The STS client for a profile (same credentials as the clients that will act). */
  sts: (profile: string | undefined) => STSClient;
}

interface CachedIdentity {
  credentialsKey: string;
  identity: Promise<CallerIdentity>;
}

/**
 * Makes sure a profile really points at the cell's AWS account before anything acts on it:
 * a profile named "prod" that resolves to the staging account must not update staging's stacks.
 *
 * The identity is cached per profile, keyed by the access key id and expiration of the
 * credentials the STS client resolves, so STS is asked again exactly when the credentials
 * change (new SSO session, rotated keys, edited profile), not on every call.
 */
export class AccountGuard {
  private readonly stsFor: (profile: string | undefined) => STSClient;
  private readonly cache = new Map<string, CachedIdentity>();

  constructor(options: AccountGuardOptions) {
    this.stsFor = options.sts;
  }

  /** Resolves with the caller identity, or throws AppErrorException `wrong-account`. */
  async assertAccount(input: AssertAccountInput): Promise<CallerIdentity> {
    const identity = await this.identityOf(input.profile);
    if (identity.account !== input.expectedAccountId) {
      const source =
        input.profile === undefined
          ? 'The default AWS credentials resolve'
          : `Profile "${input.profile}" resolves`;
      throw appError(
        'wrong-account',
        `${source} to account ${identity.account}, but cell "${input.cellName}" lives in ${input.expectedAccountId}. Nothing was done.`,
        `Pick the AWS profile for account ${input.expectedAccountId} in the cell's settings.`,
      );
    }
    return identity;
  }

  /** Forgets cached identities, e.g. when profiles were edited. */
  clear(): void {
    this.cache.clear();
  }

  private async identityOf(profile: string | undefined): Promise<CallerIdentity> {
    const sts = this.stsFor(profile);
    const profileKey = profile ?? '\0default-chain';
    const region = await sts.config.region().catch(() => '');
    const context = { profile, region, action: 'sts:GetCallerIdentity' };
    try {
      const credentials = await sts.config.credentials();
      const credentialsKey = `${credentials.accessKeyId}|${credentials.expiration?.getTime() ?? ''}`;
      const cached = this.cache.get(profileKey);
      if (cached?.credentialsKey === credentialsKey) return await cached.identity;
      // Cache the promise so concurrent checks share one STS call.
      const identity = getCallerIdentity(sts);
      this.cache.set(profileKey, { credentialsKey, identity });
      return await identity.catch((error: unknown) => {
        if (this.cache.get(profileKey)?.identity === identity) this.cache.delete(profileKey);
        throw error;
      });
    } catch (error) {
      throw awsErrorException(error, context);
    }
  }
}
