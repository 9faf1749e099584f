import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type AwsHome, createAwsHome } from '../../../../test/support/aws/aws-home';
import {
  defaultProfileName,
  defaultRegion,
  listProfiles,
  type ProfileSummary,
  sharedFilePaths,
} from './profiles';

const CONFIG = `
[default]
region = eu-west-1

[profile prod]
sso_session = corp
sso_account_id = 222222222222
sso_role_name = GitpodAdmin
region = eu-central-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
sso_registration_scopes = sso:account:access

[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-1
sso_account_id = 333333333333
sso_role_name = ReadOnly

[profile deployer]
role_arn = arn:aws:iam::222222222222:role/GitpodSetupAndInitialEKSUserAdmin
source_profile = prod
region = us-west-2

[profile vault]
credential_process = /usr/local/bin/aws-vault export --format=json vault

[profile ci]
role_arn = arn:aws:iam::222222222222:role/ci
web_identity_token_file = /var/run/token

[profile static]
region = us-east-2

[services local]
cloudformation =
  endpoint_url = http://localhost:4566
`;

const CREDENTIALS = `
[default]
aws_access_key_id = AKIAIOSFODNN7EXAMPLE
aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

[static]
aws_access_key_id = AKIAI44QH8DHBEXAMPLE
aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY

[credentials-only]
aws_access_key_id = AKIAEXAMPLEONLYCREDS
aws_secret_access_key = secretsecretsecret
`;

describe('main/core/aws/profiles', () => {
  let home: AwsHome;

  beforeEach(() => {
    home = createAwsHome();
    home.writeConfig(CONFIG);
    home.writeCredentials(CREDENTIALS);
  });

  afterEach(() => home.cleanup());

  it('lists every profile of the config and credentials files named by AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, with its kind', async () => {
    const profiles = await listProfiles({ env: home.env });
    expect(profiles).toEqual<ProfileSummary[]>([
      { name: 'ci', kind: 'web-identity' },
      { name: 'credentials-only', kind: 'static' },
      { name: 'default', kind: 'static', region: 'eu-west-1' },
      { name: 'deployer', kind: 'assume-role', region: 'us-west-2', sourceProfile: 'prod' },
      { name: 'legacy', kind: 'sso' },
      { name: 'prod', kind: 'sso-session', region: 'eu-central-1', ssoSession: 'corp' },
      { name: 'static', kind: 'static', region: 'us-east-2' },
      { name: 'vault', kind: 'process' },
    ]);
  });

  it('does not list sso-session or services sections as profiles', async () => {
    const names = (await listProfiles({ env: home.env })).map((p) => p.name);
    expect(names).not.toContain('corp');
    expect(names.some((n) => n.includes('sso-session') || n.includes('services'))).toBe(false);
  });

  it('never returns key material', async () => {
    const text = JSON.stringify(await listProfiles({ env: home.env }));
    expect(text).not.toMatch(/AKIA|EXAMPLEKEY|secret/i);
  });

  it('sees an edit of the config file on the next call, without a restart', async () => {
    expect((await listProfiles({ env: home.env })).map((p) => p.name)).not.toContain('staging');
    home.writeConfig(`${CONFIG}\n[profile staging]\nsso_session = corp\nregion = us-east-1\n`);
    const staging = (await listProfiles({ env: home.env })).find((p) => p.name === 'staging');
    expect(staging).toEqual({
      name: 'staging',
      kind: 'sso-session',
      ssoSession: 'corp',
      region: 'us-east-1',
    });
  });

  it('sees a profile removed from the credentials file on the next call', async () => {
    await listProfiles({ env: home.env });
    home.writeCredentials('[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = x\n');
    const names = (await listProfiles({ env: home.env })).map((p) => p.name);
    expect(names).not.toContain('credentials-only');
    // "static" survives from the config file, but without keys its kind is unknown.
    expect((await listProfiles({ env: home.env })).find((p) => p.name === 'static')?.kind).toBe('unknown');
  });

  it('returns no profiles when neither file exists', async () => {
    home.cleanup();
    expect(await listProfiles({ env: home.env })).toEqual([]);
  });

  it('defaults the file locations to ~/.aws under HOME', () => {
    expect(sharedFilePaths({ HOME: '/home/alice' })).toEqual({
      configFile: '/home/alice/.aws/config',
      credentialsFile: '/home/alice/.aws/credentials',
    });
    expect(sharedFilePaths({ HOME: '/home/alice', AWS_CONFIG_FILE: '~/cfg' }).configFile).toBe(
      '/home/alice/cfg',
    );
  });

  it('names the default profile from AWS_PROFILE, else "default"', () => {
    expect(defaultProfileName({ AWS_PROFILE: 'prod' })).toBe('prod');
    expect(defaultProfileName({})).toBe('default');
    expect(defaultProfileName({ AWS_PROFILE: '' })).toBe('default');
  });

  it('picks the region from AWS_REGION, then AWS_DEFAULT_REGION, then the profile', async () => {
    const profiles = await listProfiles({ env: home.env });
    expect(defaultRegion({ AWS_REGION: 'ap-south-1', AWS_DEFAULT_REGION: 'us-east-1' }, profiles)).toBe(
      'ap-south-1',
    );
    expect(defaultRegion({ AWS_DEFAULT_REGION: 'us-east-1' }, profiles)).toBe('us-east-1');
    expect(defaultRegion({ AWS_PROFILE: 'prod' }, profiles)).toBe('eu-central-1');
    expect(defaultRegion({}, profiles)).toBe('eu-west-1');
    expect(defaultRegion({}, profiles, 'deployer')).toBe('us-west-2');
    expect(defaultRegion({}, profiles, 'vault')).toBeUndefined();
  });
});
