import { ExpiredTokenException, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AwsHome, createAwsHome, useAwsHomeEnv } from '../../../../test/support/aws/aws-home';
import { AppErrorException } from '../errors/app-error';
import { credentialProvider } from './credentials';
import { AccountGuard, getCallerIdentity } from './identity';

const PROD = '222222222222';
const STAGING = '111111111111';

function identity(account: string): { Account: string; Arn: string; UserId: string } {
  return {
    Account: account,
    Arn: `arn:aws:sts::${account}:assumed-role/Admin/alice`,
    UserId: 'AROAEXAMPLE:alice',
  };
}

function staticKeys(home: AwsHome, profile: string, accessKeyId: string): void {
  home.writeCredentials(`[${profile}]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = s\n`);
}

describe('main/core/aws/identity', () => {
  const stsMock = mockClient(STSClient);
  let home: AwsHome;
  let clients: Map<string, STSClient>;

  /** One STS client per profile, with the app's real credential provider over temp files. */
  function stsFor(profile: string | undefined): STSClient {
    const key = profile ?? '';
    let client = clients.get(key);
    if (!client) {
      client = new STSClient({
        region: 'eu-west-1',
        credentials: credentialProvider({ profile, env: home.env }),
      });
      clients.set(key, client);
    }
    return client;
  }

  beforeEach(() => {
    stsMock.reset();
    home = createAwsHome();
    useAwsHomeEnv(home);
    clients = new Map();
  });

  afterEach(() => {
    for (const client of clients.values()) client.destroy();
    vi.unstubAllEnvs();
    home.cleanup();
  });

  it('reads account, ARN and user id from GetCallerIdentity', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves(identity(PROD));
    staticKeys(home, 'prod', 'AKIAPRODKEY000000001');
    expect(await getCallerIdentity(stsFor('prod'))).toEqual({
      account: PROD,
      arn: `arn:aws:sts::${PROD}:assumed-role/Admin/alice`,
      userId: 'AROAEXAMPLE:alice',
    });
  });

  it('refuses a profile that resolves to another account, naming both accounts and the cell', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves(identity(STAGING));
    staticKeys(home, 'prod', 'AKIAPRODKEY000000001');
    const guard = new AccountGuard({ sts: stsFor });
    const error = await guard
      .assertAccount({ expectedAccountId: PROD, cellName: 'prod', profile: 'prod' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppErrorException);
    expect((error as AppErrorException).appError).toEqual({
      code: 'wrong-account',
      message: `Profile "prod" resolves to account ${STAGING}, but cell "prod" lives in ${PROD}. Nothing was done.`,
      nextStep: `Pick the AWS profile for account ${PROD} in the cell's settings.`,
    });
  });

  it('lets the matching account through and returns the identity', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves(identity(PROD));
    staticKeys(home, 'prod', 'AKIAPRODKEY000000001');
    const guard = new AccountGuard({ sts: stsFor });
    await expect(
      guard.assertAccount({ expectedAccountId: PROD, cellName: 'prod', profile: 'prod' }),
    ).resolves.toMatchObject({
      account: PROD,
    });
  });

  it('asks STS once while the credentials stay the same', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves(identity(PROD));
    staticKeys(home, 'prod', 'AKIAPRODKEY000000001');
    const guard = new AccountGuard({ sts: stsFor });
    const input = { expectedAccountId: PROD, cellName: 'prod', profile: 'prod' };
    await guard.assertAccount(input);
    await guard.assertAccount(input);
    await Promise.all([guard.assertAccount(input), guard.assertAccount(input)]);
    expect(stsMock.commandCalls(GetCallerIdentityCommand)).toHaveLength(1);
  });

  it('asks STS again when the credentials change, and catches a profile now pointing elsewhere', async () => {
    stsMock.on(GetCallerIdentityCommand).resolvesOnce(identity(PROD)).resolves(identity(STAGING));
    staticKeys(home, 'prod', 'AKIAPRODKEY000000001');
    const guard = new AccountGuard({ sts: stsFor });
    const input = { expectedAccountId: PROD, cellName: 'prod', profile: 'prod' };
    await guard.assertAccount(input);
    staticKeys(home, 'prod', 'AKIASTAGINGKEY000001');
    await expect(guard.assertAccount(input)).rejects.toMatchObject({ appError: { code: 'wrong-account' } });
    expect(stsMock.commandCalls(GetCallerIdentityCommand)).toHaveLength(2);
  });

  it('keeps identities of different profiles apart', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves(identity(PROD));
    home.writeCredentials(
      '[prod]\naws_access_key_id = AKIAPRODKEY000000001\naws_secret_access_key = s\n' +
        '[other]\naws_access_key_id = AKIAOTHERKEY00000001\naws_secret_access_key = s\n',
    );
    const guard = new AccountGuard({ sts: stsFor });
    await guard.assertAccount({ expectedAccountId: PROD, cellName: 'prod', profile: 'prod' });
    await guard.assertAccount({ expectedAccountId: PROD, cellName: 'prod', profile: 'other' });
    expect(stsMock.commandCalls(GetCallerIdentityCommand)).toHaveLength(2);
  });

  it('turns an STS failure into an actionable error and does not cache it', async () => {
    stsMock
      .on(GetCallerIdentityCommand)
      .rejectsOnce(
        new ExpiredTokenException({
          message: 'The security token included in the request is expired',
          $metadata: { httpStatusCode: 400, requestId: 'r1' },
        }),
      )
      .resolves(identity(PROD));
    staticKeys(home, 'prod', 'AKIAPRODKEY000000001');
    const guard = new AccountGuard({ sts: stsFor });
    const input = { expectedAccountId: PROD, cellName: 'prod', profile: 'prod' };
    await expect(guard.assertAccount(input)).rejects.toMatchObject({
      appError: { code: 'credentials-rejected' },
    });
    await expect(guard.assertAccount(input)).resolves.toMatchObject({ account: PROD });
  });

  it('reports missing credentials before calling STS', async () => {
    const guard = new AccountGuard({ sts: stsFor });
    await expect(
      guard.assertAccount({ expectedAccountId: PROD, cellName: 'prod', profile: 'nowhere' }),
    ).rejects.toMatchObject({ appError: { code: 'no-credentials' } });
    expect(stsMock.commandCalls(GetCallerIdentityCommand)).toHaveLength(0);
  });

  it('words the refusal for the default credentials when no profile is set', async () => {
    stsMock.on(GetCallerIdentityCommand).resolves(identity(STAGING));
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAENVKEY0000000001');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 's');
    const guard = new AccountGuard({ sts: stsFor });
    await expect(guard.assertAccount({ expectedAccountId: PROD, cellName: 'acme' })).rejects.toMatchObject({
      appError: {
        message: `The default AWS credentials resolve to account ${STAGING}, but cell "acme" lives in ${PROD}. Nothing was done.`,
      },
    });
  });
});
