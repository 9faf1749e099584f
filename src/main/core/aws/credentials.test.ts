import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AwsHome, createAwsHome, useAwsHomeEnv } from '../../../../test/support/aws/aws-home';
import {
  callerIdentityReply,
  type LocalEndpoint,
  startLocalEndpoint,
} from '../../../../test/support/aws/local-endpoint';
import { credentialProvider } from './credentials';

/** A credential_process that prints the documented Version 1 JSON and counts its runs. */
const PROCESS_SCRIPT = `
const fs = require('node:fs');
const path = require('node:path');
fs.appendFileSync(path.join(__dirname, 'calls'), 'x');
const runs = fs.readFileSync(path.join(__dirname, 'calls'), 'utf8').length;
const ttl = Number(fs.readFileSync(path.join(__dirname, 'ttl'), 'utf8'));
process.stdout.write(JSON.stringify({
  Version: 1,
  AccessKeyId: 'ASIAPROCESS' + String(runs).padStart(9, '0'),
  SecretAccessKey: 'process-secret',
  SessionToken: 'process-session',
  Expiration: new Date(Date.now() + ttl).toISOString(),
}));
`;

const HOUR = 60 * 60 * 1000;

function setUpProcessProfile(home: AwsHome, ttlMs: number): () => number {
  const script = join(home.dir, 'creds.cjs');
  writeFileSync(script, PROCESS_SCRIPT);
  writeFileSync(join(home.dir, 'ttl'), String(ttlMs));
  home.writeConfig(`[profile vault]\ncredential_process = "${process.execPath}" "${script}"\n`);
  return () => {
    try {
      return readFileSync(join(home.dir, 'calls'), 'utf8').length;
    } catch {
      return 0;
    }
  };
}

/** Answers STS AssumeRole, SSO GetRoleCredentials and STS GetCallerIdentity like AWS would. */
function fakeAws(request: { url: string; body: string }, res: import('node:http').ServerResponse): void {
  const expiration = new Date(Date.now() + HOUR);
  if (request.url.startsWith('/federation/credentials')) {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        roleCredentials: {
          accessKeyId: 'ASIASSOROLECREDS0001',
          secretAccessKey: 'sso-secret',
          sessionToken: 'sso-session',
          expiration: expiration.getTime(),
        },
      }),
    );
  } else if (request.body.includes('Action=AssumeRole')) {
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(
      `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>` +
        `<AccessKeyId>ASIAASSUMEDROLE00001</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>` +
        `<SessionToken>role-session</SessionToken><Expiration>${expiration.toISOString()}</Expiration></Credentials>` +
        `<AssumedRoleUser><Arn>arn:aws:sts::222222222222:assumed-role/Admin/s</Arn><AssumedRoleId>AROA:s</AssumedRoleId>` +
        `</AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata></AssumeRoleResponse>`,
    );
  } else {
    callerIdentityReply(res, '222222222222');
  }
}

describe('main/core/aws/credentials', () => {
  let home: AwsHome;
  let endpoint: LocalEndpoint | undefined;

  beforeEach(() => {
    home = createAwsHome();
    useAwsHomeEnv(home);
  });

  afterEach(async () => {
    await endpoint?.close();
    endpoint = undefined;
    vi.unstubAllEnvs();
    home.cleanup();
  });

  it('resolves static keys of a named profile', async () => {
    home.writeCredentials('[static]\naws_access_key_id = AKIASTATICKEY0000001\naws_secret_access_key = s1\n');
    const credentials = await credentialProvider({ profile: 'static', env: home.env })();
    expect(credentials).toMatchObject({ accessKeyId: 'AKIASTATICKEY0000001', secretAccessKey: 's1' });
  });

  it('runs a credential_process and reuses its credentials until they are about to expire', async () => {
    const runs = setUpProcessProfile(home, HOUR);
    const provider = credentialProvider({ profile: 'vault', env: home.env });
    const first = await provider();
    expect(first).toMatchObject({ accessKeyId: 'ASIAPROCESS000000001', sessionToken: 'process-session' });
    expect(first.expiration).toBeInstanceOf(Date);
    expect((await provider()).accessKeyId).toBe('ASIAPROCESS000000001');
    expect(runs()).toBe(1);
  });

  it('runs the credential_process again when the credentials expire within five minutes', async () => {
    const runs = setUpProcessProfile(home, 60_000);
    const provider = credentialProvider({ profile: 'vault', env: home.env });
    await provider();
    expect((await provider()).accessKeyId).toBe('ASIAPROCESS000000002');
    expect(runs()).toBe(2);
  });

  it('runs the credential_process once for concurrent callers', async () => {
    const runs = setUpProcessProfile(home, HOUR);
    const provider = credentialProvider({ profile: 'vault', env: home.env });
    await Promise.all([provider(), provider(), provider()]);
    expect(runs()).toBe(1);
  });

  it('resolves again after invalidate() and on forceRefresh', async () => {
    const runs = setUpProcessProfile(home, HOUR);
    const provider = credentialProvider({ profile: 'vault', env: home.env });
    await provider();
    provider.invalidate();
    await provider();
    await provider({ forceRefresh: true });
    expect(runs()).toBe(3);
  });

  it('picks up edited static keys without a restart, even though they never expire', async () => {
    home.writeCredentials('[static]\naws_access_key_id = AKIASTATICKEY0000001\naws_secret_access_key = s1\n');
    const provider = credentialProvider({ profile: 'static', env: home.env });
    expect((await provider()).accessKeyId).toBe('AKIASTATICKEY0000001');
    home.writeCredentials('[static]\naws_access_key_id = AKIASTATICKEY0000002\naws_secret_access_key = s2\n');
    expect((await provider()).accessKeyId).toBe('AKIASTATICKEY0000002');
  });

  it('makes an SDK client sign with the edited keys (the client does not cache them forever)', async () => {
    endpoint = await startLocalEndpoint(fakeAws);
    home.writeCredentials('[static]\naws_access_key_id = AKIASTATICKEY0000001\naws_secret_access_key = s1\n');
    const sts = new STSClient({
      region: 'eu-west-1',
      endpoint: endpoint.url,
      credentials: credentialProvider({ profile: 'static', env: home.env }),
    });
    await sts.send(new GetCallerIdentityCommand({}));
    home.writeCredentials('[static]\naws_access_key_id = AKIASTATICKEY0000002\naws_secret_access_key = s2\n');
    await sts.send(new GetCallerIdentityCommand({}));
    const signedWith = endpoint.requests.map(
      (r) => /Credential=(\w+)\//.exec(String(r.headers.authorization))?.[1],
    );
    expect(signedWith).toEqual(['AKIASTATICKEY0000001', 'AKIASTATICKEY0000002']);
    sts.destroy();
  });

  it('follows a role_arn + source_profile chain through STS AssumeRole', async () => {
    endpoint = await startLocalEndpoint(fakeAws);
    vi.stubEnv('AWS_ENDPOINT_URL', endpoint.url);
    home.writeCredentials('[base]\naws_access_key_id = AKIASTATICKEY0000001\naws_secret_access_key = s1\n');
    home.writeConfig(
      '[profile deployer]\nrole_arn = arn:aws:iam::222222222222:role/Admin\nsource_profile = base\nregion = eu-west-1\n',
    );
    const credentials = await credentialProvider({ profile: 'deployer', env: home.env })();
    expect(credentials).toMatchObject({ accessKeyId: 'ASIAASSUMEDROLE00001', sessionToken: 'role-session' });
    const assume = endpoint.requests.find((r) => r.body.includes('Action=AssumeRole'));
    expect(assume?.body).toContain(encodeURIComponent('arn:aws:iam::222222222222:role/Admin'));
    expect(String(assume?.headers.authorization)).toContain('Credential=AKIASTATICKEY0000001/');
  });

  it('resolves an sso-session profile from the token `aws sso login` cached', async () => {
    endpoint = await startLocalEndpoint(fakeAws);
    vi.stubEnv('AWS_ENDPOINT_URL', endpoint.url);
    home.writeConfig(
      '[profile prod]\nsso_session = corp\nsso_account_id = 222222222222\nsso_role_name = Admin\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n',
    );
    home.writeSsoToken('corp', {
      accessToken: 'sso-access-token',
      expiresAt: new Date(Date.now() + HOUR).toISOString(),
      region: 'eu-west-1',
      startUrl: 'https://corp.awsapps.com/start',
    });
    const credentials = await credentialProvider({ profile: 'prod', env: home.env })();
    expect(credentials.accessKeyId).toBe('ASIASSOROLECREDS0001');
    const call = endpoint.requests.find((r) => r.url.startsWith('/federation/credentials'));
    expect(call?.url).toContain('account_id=222222222222');
    expect(call?.headers['x-amz-sso_bearer_token']).toBe('sso-access-token');
  });

  it('uses the default chain without a profile: environment credentials first, like the AWS CLI', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIAENVIRONMENT00001');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
    home.writeCredentials('[default]\naws_access_key_id = AKIADEFAULTPROFILE01\naws_secret_access_key = s\n');
    expect((await credentialProvider({ env: home.env })()).accessKeyId).toBe('AKIAENVIRONMENT00001');
  });

  it('uses the default profile in the default chain when no environment credentials are set', async () => {
    home.writeCredentials('[default]\naws_access_key_id = AKIADEFAULTPROFILE01\naws_secret_access_key = s\n');
    expect((await credentialProvider({ env: home.env })()).accessKeyId).toBe('AKIADEFAULTPROFILE01');
  });

  it('does not cache a failure: a profile added after the first attempt resolves on the next call', async () => {
    const provider = credentialProvider({ profile: 'late', env: home.env });
    await expect(provider()).rejects.toMatchObject({ name: 'CredentialsProviderError' });
    home.writeCredentials('[late]\naws_access_key_id = AKIALATEPROFILE00001\naws_secret_access_key = s\n');
    expect((await provider()).accessKeyId).toBe('AKIALATEPROFILE00001');
  });
});
