import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AwsHome, createAwsHome, useAwsHomeEnv } from '../../../../test/support/aws/aws-home';
import {
  type LocalEndpoint,
  queryError,
  startLocalEndpoint,
} from '../../../../test/support/aws/local-endpoint';
import { appErrorSchema } from '../../../shared/errors';
import { appError } from '../errors/app-error';
import { credentialProvider } from './credentials';
import { type AwsErrorContext, isOfflineError, isThrottling, translateAwsError } from './errors';
import { listProfiles } from './profiles';

const credentials = { accessKeyId: 'AKIAERRORTEST0000001', secretAccessKey: 'secret' };
const CFN: AwsErrorContext = {
  profile: 'prod',
  region: 'eu-west-1',
  action: 'cloudformation:DescribeStacks',
};
const HOUR = 60 * 60 * 1000;

/** What the local endpoint answers next: an AWS Query error, or an S3 REST-XML error. */
let reply: { status: number; code: string; message: string } = {
  status: 400,
  code: 'ValidationError',
  message: '',
};
let aws: LocalEndpoint;

/** A real error, thrown by the unmodified SDK parsing a real HTTP reply. */
async function awsError(
  status: number,
  code: string,
  message: string,
  region = 'eu-west-1',
): Promise<unknown> {
  reply = { status, code, message };
  const client = new CloudFormationClient({ region, endpoint: aws.url, credentials, maxAttempts: 1 });
  return client.send(new DescribeStacksCommand({ StackName: 'gitpod-instance' })).then(
    () => expect.unreachable('the call should fail'),
    (error: unknown) => error,
  );
}

/** Errors shaped exactly as Node + NodeHttpHandler produce them (observed with SDK 3.1169). */
function nodeError(code: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), {
    code,
    errno: -3008,
    syscall: 'getaddrinfo',
    ...extra,
    $metadata: { attempts: 5, totalRetryDelay: 1200 },
  });
}

function expectUsable(error: ReturnType<typeof translateAwsError>): void {
  expect(appErrorSchema.safeParse(error).success).toBe(true);
  expect(JSON.stringify(error)).not.toMatch(/\n\s+at |AKIA[A-Z0-9]{16}|secret/);
}

describe('main/core/aws/errors', () => {
  let home: AwsHome;

  beforeAll(async () => {
    aws = await startLocalEndpoint((req, res) => {
      if (req.url.startsWith('/templates')) {
        res.writeHead(reply.status, { 'content-type': 'application/xml', 'x-amz-request-id': 'S3REQ0001' });
        res.end(
          `<Error><Code>${reply.code}</Code><Message>${reply.message}</Message><RequestId>S3REQ0001</RequestId></Error>`,
        );
      } else {
        queryError(res, reply.status, reply.code, reply.message);
      }
    });
  });

  afterAll(() => aws.close());

  beforeEach(() => {
    home = createAwsHome();
    useAwsHomeEnv(home);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    home.cleanup();
  });

  describe('SSO logins that need renewing', () => {
    const SSO_CONFIG =
      '[profile prod]\nsso_session = corp\nsso_account_id = 222222222222\nsso_role_name = Admin\nregion = eu-west-1\n' +
      '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n' +
      '[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-east-1\n' +
      'sso_account_id = 222222222222\nsso_role_name = Admin\n' +
      '[profile deployer]\nrole_arn = arn:aws:iam::222222222222:role/Deploy\nsource_profile = legacy\n';

    async function providerError(profile: string): Promise<unknown> {
      return credentialProvider({ profile, env: home.env })().then(
        () => expect.unreachable('credentials should not resolve'),
        (error: unknown) => error,
      );
    }

    beforeEach(() => home.writeConfig(SSO_CONFIG));

    it('asks for "aws sso login --profile <name>" when an sso-session profile was never logged in', async () => {
      const error = await providerError('prod');
      expect(error).toMatchObject({
        name: 'CredentialsProviderError',
        message: expect.stringContaining(
          'The SSO session token associated with profile=prod was not found or is invalid',
        ),
      });
      const translated = translateAwsError(error, CFN);
      expect(translated).toEqual({
        code: 'sso-expired',
        message: 'The AWS SSO login for profile "prod" has expired or is missing.',
        nextStep: 'Run "aws sso login --profile prod"',
      });
      expectUsable(translated);
    });

    it('asks for a login when the sso-session token expired and cannot be refreshed', async () => {
      home.writeSsoToken('corp', {
        accessToken: 'old',
        expiresAt: new Date(Date.now() - HOUR).toISOString(),
      });
      const error = await providerError('prod');
      expect(error).toMatchObject({
        message: expect.stringContaining("Value not present for 'clientId' in SSO Token"),
      });
      expect(translateAwsError(error, CFN)).toMatchObject({
        code: 'sso-expired',
        nextStep: 'Run "aws sso login --profile prod"',
      });
    });

    it('asks for a login when refreshing an expired sso-session token fails ("Token is expired")', async () => {
      const closed = await startLocalEndpoint(() => undefined);
      await closed.close();
      vi.stubEnv('AWS_ENDPOINT_URL', closed.url);
      home.writeSsoToken('corp', {
        accessToken: 'old',
        expiresAt: new Date(Date.now() - HOUR).toISOString(),
        clientId: 'client',
        clientSecret: 'client-secret',
        refreshToken: 'refresh',
        region: 'eu-west-1',
        startUrl: 'https://corp.awsapps.com/start',
      });
      const error = await providerError('prod');
      expect(error).toMatchObject({ message: expect.stringContaining('Token is expired') });
      expect(translateAwsError(error, CFN)).toMatchObject({
        code: 'sso-expired',
        nextStep: 'Run "aws sso login --profile prod"',
      });
    });

    it('asks for a login when a legacy SSO profile has no cached token', async () => {
      const error = await providerError('legacy');
      expect(error).toMatchObject({
        message: expect.stringContaining('The SSO session associated with this profile is invalid'),
      });
      expect(translateAwsError(error, { ...CFN, profile: 'legacy' })).toMatchObject({
        code: 'sso-expired',
        message: expect.stringContaining('"legacy"'),
        nextStep: 'Run "aws sso login --profile legacy"',
      });
    });

    it('asks for a login when a legacy SSO token has expired', async () => {
      home.writeSsoToken('https://legacy.awsapps.com/start', {
        accessToken: 'old',
        expiresAt: new Date(Date.now() - HOUR).toISOString(),
      });
      const error = await providerError('legacy');
      expect(error).toMatchObject({
        message: expect.stringContaining('The SSO session associated with this profile has expired'),
      });
      expect(translateAwsError(error, { ...CFN, profile: 'legacy' }).code).toBe('sso-expired');
    });

    it('asks for a login when the SSO portal rejects the cached token (UnauthorizedException)', async () => {
      const portal = await startLocalEndpoint((_req, res) => {
        res.writeHead(401, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'UnauthorizedException',
        });
        res.end(JSON.stringify({ message: 'Session token not found or invalid' }));
      });
      vi.stubEnv('AWS_ENDPOINT_URL', portal.url);
      home.writeSsoToken('corp', {
        accessToken: 'revoked',
        expiresAt: new Date(Date.now() + HOUR).toISOString(),
      });
      const error = await providerError('prod');
      await portal.close();
      expect(error).toMatchObject({
        name: 'CredentialsProviderError',
        message: expect.stringContaining('UnauthorizedException'),
      });
      expect(translateAwsError(error, CFN).code).toBe('sso-expired');
    });

    it('names the SSO profile behind a role chain, the one "aws sso login" accepts', async () => {
      const error = await providerError('deployer');
      const profiles = await listProfiles({ env: home.env });
      expect(translateAwsError(error, { ...CFN, profile: 'deployer', profiles })).toMatchObject({
        code: 'sso-expired',
        nextStep: 'Run "aws sso login --profile legacy"',
      });
    });

    it('reports an unreachable SSO portal as offline, not as an expired login', async () => {
      const closed = await startLocalEndpoint(() => undefined);
      await closed.close();
      vi.stubEnv('AWS_ENDPOINT_URL', closed.url);
      home.writeSsoToken('corp', {
        accessToken: 'valid',
        expiresAt: new Date(Date.now() + HOUR).toISOString(),
      });
      const error = await providerError('prod');
      expect(error).toMatchObject({
        name: 'CredentialsProviderError',
        message: expect.stringContaining('ECONNREFUSED'),
      });
      expect(translateAwsError(error, CFN).code).toBe('offline');
    });
  });

  describe('missing credentials', () => {
    it('says no credentials were found when the default chain finds nothing', async () => {
      const error = await credentialProvider({ env: home.env })().catch((e: unknown) => e);
      expect(error).toMatchObject({ message: 'Could not load credentials from any providers' });
      const translated = translateAwsError(error, { region: 'eu-west-1', action: 'sts:GetCallerIdentity' });
      expect(translated).toMatchObject({
        code: 'no-credentials',
        nextStep: 'Run "aws configure" or "aws configure sso", or pick a profile for the cell.',
      });
      expectUsable(translated);
    });

    it('names a profile that does not exist and how to create it', async () => {
      const error = await credentialProvider({ profile: 'typo', env: home.env })().catch((e: unknown) => e);
      expect(error).toMatchObject({
        message: 'Could not resolve credentials using profile: [typo] in configuration/credentials file(s).',
      });
      expect(translateAwsError(error, { ...CFN, profile: 'typo' })).toEqual({
        code: 'no-credentials',
        message:
          'Profile "typo" was not found in ~/.aws/config or ~/.aws/credentials, or it has no credentials.',
        nextStep: 'Run "aws configure --profile typo" or "aws configure sso --profile typo".',
      });
    });

    it('explains a failing credential_process without dumping its output', async () => {
      const script = join(home.dir, 'fail.cjs');
      writeFileSync(script, 'process.stderr.write("vault is sealed\\n"); process.exit(3);');
      home.writeConfig(`[profile vault]\ncredential_process = "${process.execPath}" "${script}"\n`);
      const error = await credentialProvider({ profile: 'vault', env: home.env })().catch((e: unknown) => e);
      expect(error).toMatchObject({
        name: 'CredentialsProviderError',
        message: expect.stringContaining('Command failed'),
      });
      const translated = translateAwsError(error, { ...CFN, profile: 'vault' });
      expect(translated).toMatchObject({
        code: 'no-credentials',
        message: expect.stringContaining('credential_process'),
      });
      expect(translated.message).not.toContain('\n');
    });

    it('explains that MFA-protected role profiles are not supported', async () => {
      home.writeCredentials('[base]\naws_access_key_id = AKIABASEPROFILE00001\naws_secret_access_key = s\n');
      home.writeConfig(
        '[profile mfa]\nrole_arn = arn:aws:iam::222222222222:role/Admin\nsource_profile = base\n' +
          'mfa_serial = arn:aws:iam::111111111111:mfa/alice\n',
      );
      const error = await credentialProvider({ profile: 'mfa', env: home.env })().catch((e: unknown) => e);
      expect(translateAwsError(error, { ...CFN, profile: 'mfa' })).toMatchObject({
        code: 'no-credentials',
        message: 'Profile "mfa" needs an MFA code, which this app cannot ask for.',
      });
    });

    it('points at "aws configure sso" for an incomplete SSO profile', async () => {
      home.writeConfig('[profile half]\nsso_start_url = https://corp.awsapps.com/start\n');
      const error = await credentialProvider({ profile: 'half', env: home.env })().catch((e: unknown) => e);
      expect(translateAwsError(error, { ...CFN, profile: 'half' })).toMatchObject({
        code: 'no-credentials',
        nextStep: 'Run "aws configure sso --profile half".',
      });
    });
  });

  describe('access denied', () => {
    it('names the denied action from the IAM message', async () => {
      const error = await awsError(
        403,
        'AccessDenied',
        'User: arn:aws:iam::111111111111:user/alice is not authorized to perform: cloudformation:DescribeStacks on resource: ' +
          'arn:aws:cloudformation:eu-west-1:111111111111:stack/gitpod-instance/* because no identity-based policy allows the cloudformation:DescribeStacks action',
      );
      expect(error).toMatchObject({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } });
      const translated = translateAwsError(error, { ...CFN, action: 'cloudformation:ListChangeSets' });
      expect(translated).toEqual({
        code: 'access-denied',
        message:
          'Profile "prod" (as arn:aws:iam::111111111111:user/alice) is not allowed to perform cloudformation:DescribeStacks in eu-west-1.',
        nextStep:
          'Ask an AWS administrator to allow cloudformation:DescribeStacks for this identity. The README\'s "AWS permissions" section lists the IAM policies the app needs.',
      });
    });

    it('mentions an explicit deny (SCP or boundary), which no allow can fix', async () => {
      const error = await awsError(
        403,
        'AccessDenied',
        'User: arn:aws:sts::111111111111:assumed-role/Admin/alice is not authorized to perform: cloudformation:ExecuteChangeSet on resource: x with an explicit deny in a service control policy',
      );
      expect(translateAwsError(error, CFN).message).toContain('explicit deny');
    });

    it('falls back to the attempted action when the message does not name one (S3 "Access Denied")', async () => {
      reply = { status: 403, code: 'AccessDenied', message: 'Access Denied' };
      const s3 = new S3Client({
        region: 'eu-west-1',
        endpoint: aws.url,
        credentials,
        maxAttempts: 1,
        forcePathStyle: true,
      });
      const error = await s3
        .send(new GetObjectCommand({ Bucket: 'templates', Key: 'k' }))
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'AccessDenied', $metadata: { requestId: 'S3REQ0001' } });
      expect(translateAwsError(error, { ...CFN, action: 's3:GetObject' })).toMatchObject({
        code: 'access-denied',
        message: 'Profile "prod" is not allowed to perform s3:GetObject in eu-west-1.',
      });
    });

    it('treats AccessDeniedException and UnauthorizedOperation the same way', () => {
      for (const name of ['AccessDeniedException', 'UnauthorizedOperation']) {
        const error = Object.assign(new Error('You are not authorized to perform this operation.'), {
          name,
          $metadata: { httpStatusCode: 403 },
        });
        expect(translateAwsError(error, CFN).code).toBe('access-denied');
      }
    });
  });

  describe('credentials AWS rejects', () => {
    it('says expired credentials need refreshing (ExpiredToken)', async () => {
      const error = await awsError(
        403,
        'ExpiredToken',
        'The security token included in the request is expired',
      );
      const translated = translateAwsError(error, CFN);
      expect(translated).toMatchObject({
        code: 'credentials-rejected',
        message: expect.stringContaining('expired'),
      });
      expect(translated.nextStep).toContain('aws sso login --profile prod');
    });

    it('says an unknown access key should be replaced (InvalidClientTokenId in a default region)', async () => {
      reply = {
        status: 403,
        code: 'InvalidClientTokenId',
        message: 'The security token included in the request is invalid.',
      };
      const sts = new STSClient({ region: 'eu-west-1', endpoint: aws.url, credentials, maxAttempts: 1 });
      const error = await sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'InvalidClientTokenId' });
      expect(translateAwsError(error, CFN)).toMatchObject({
        code: 'credentials-rejected',
        nextStep: expect.stringContaining('aws configure --profile prod'),
      });
    });

    it('points at the clock for signature problems (SignatureDoesNotMatch, RequestExpired)', async () => {
      for (const code of ['SignatureDoesNotMatch', 'RequestExpired']) {
        const error = await awsError(403, code, 'Request has expired / signature mismatch.');
        expect(translateAwsError(error, CFN)).toMatchObject({
          code: 'credentials-rejected',
          nextStep: expect.stringContaining('clock'),
        });
      }
    });
  });

  describe('regions', () => {
    it('explains InvalidClientTokenId in an opt-in region as a region that may not be enabled', async () => {
      const error = await awsError(
        403,
        'InvalidClientTokenId',
        'The security token included in the request is invalid.',
        'ap-east-1',
      );
      expect(translateAwsError(error, { ...CFN, region: 'ap-east-1' })).toMatchObject({
        code: 'wrong-region',
        message: expect.stringContaining('opt-in region'),
        nextStep: expect.stringContaining('Enable ap-east-1'),
      });
    });

    it('reports STS RegionDisabledException as a wrong region', async () => {
      reply = {
        status: 403,
        code: 'RegionDisabledException',
        message: 'STS is not activated in this region for account:111111111111.',
      };
      const sts = new STSClient({ region: 'me-central-1', endpoint: aws.url, credentials, maxAttempts: 1 });
      const error = await sts.send(new GetCallerIdentityCommand({})).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'RegionDisabledException' });
      expect(translateAwsError(error, { ...CFN, region: 'me-central-1' }).code).toBe('wrong-region');
    });

    it('rejects a region that is not a hostname component before any request', async () => {
      const client = new CloudFormationClient({ region: 'eu west 1', credentials, maxAttempts: 1 });
      const error = await client.send(new DescribeStacksCommand({})).catch((e: unknown) => e);
      expect(error).toMatchObject({ message: expect.stringContaining('Region not accepted') });
      expect(translateAwsError(error, { ...CFN, region: 'eu west 1' })).toMatchObject({
        code: 'wrong-region',
        message: '"eu west 1" is not a valid AWS region.',
      });
    });

    it('reads ENOTFOUND for cloudformation.<typo>.amazonaws.com as a misspelt region', () => {
      const host = 'cloudformation.eu-wst-1.amazonaws.com';
      const error = nodeError('ENOTFOUND', `getaddrinfo ENOTFOUND ${host}`, { hostname: host });
      expect(translateAwsError(error, { ...CFN, region: 'eu-wst-1' })).toMatchObject({
        code: 'wrong-region',
        message: expect.stringContaining(host),
      });
    });

    it('reads ENOTFOUND for a host built from a malformed region as a wrong region', () => {
      const host = 'cloudformation.europe-west.amazonaws.com';
      const error = nodeError('ENOTFOUND', `getaddrinfo ENOTFOUND ${host}`, { hostname: host });
      expect(translateAwsError(error, { ...CFN, region: 'europe-west' })).toEqual({
        code: 'wrong-region',
        message: `The region "europe-west" does not look like an AWS region: ${host} could not be found.`,
        nextStep: "Pick the region where the cell's CloudFormation stacks live, for example eu-west-1.",
      });
    });

    it('reads ENOTFOUND for a known region as being offline', () => {
      const host = 'cloudformation.eu-west-1.amazonaws.com';
      const error = nodeError('ENOTFOUND', `getaddrinfo ENOTFOUND ${host}`, { hostname: host });
      expect(translateAwsError(error, CFN)).toEqual({
        code: 'offline',
        message: `Can't reach ${host} (eu-west-1) for cloudformation:DescribeStacks (ENOTFOUND).`,
        nextStep: 'Check the network connection, VPN and proxy, then try again.',
      });
    });
  });

  describe('offline', () => {
    it('reports a refused connection with the host it tried', async () => {
      const closed = await startLocalEndpoint(() => undefined);
      await closed.close();
      const client = new CloudFormationClient({
        region: 'eu-west-1',
        endpoint: closed.url,
        credentials,
        maxAttempts: 1,
      });
      const error = await client.send(new DescribeStacksCommand({})).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ECONNREFUSED' });
      expect(isOfflineError(error)).toBe(true);
      const host = closed.url.replace('http://', '');
      expect(translateAwsError(error, CFN)).toEqual({
        code: 'offline',
        message: `Can't reach ${host} (eu-west-1) for cloudformation:DescribeStacks (ECONNREFUSED).`,
        nextStep: `Check that the endpoint at ${host} is running.`,
      });
    });

    it('recognises every network failure Node and the SDK report', () => {
      const errors = [
        nodeError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN sts.eu-west-1.amazonaws.com', {
          hostname: 'sts.eu-west-1.amazonaws.com',
        }),
        nodeError('ECONNRESET', 'read ECONNRESET', { syscall: 'read' }),
        nodeError('ETIMEDOUT', 'connect ETIMEDOUT 52.94.0.1:443', { address: '52.94.0.1', port: 443 }),
        nodeError('EHOSTUNREACH', 'connect EHOSTUNREACH 52.94.0.1:443', { address: '52.94.0.1', port: 443 }),
        nodeError('ENETUNREACH', 'connect ENETUNREACH 52.94.0.1:443', { address: '52.94.0.1', port: 443 }),
        Object.assign(
          new Error(
            '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 20000 ms requestTimeout.',
          ),
          {
            name: 'TimeoutError',
            code: 'ETIMEDOUT',
          },
        ),
        Object.assign(
          new Error(
            'Your socket connection to the server was not read from or written to within the timeout period.',
          ),
          {
            name: 'RequestTimeout',
            $metadata: { httpStatusCode: 400 },
          },
        ),
        Object.assign(new Error('Network failure'), { name: 'NetworkingError' }),
      ];
      for (const error of errors) {
        expect(isOfflineError(error)).toBe(true);
        const translated = translateAwsError(error, CFN);
        expect(translated.code).toBe('offline');
        expectUsable(translated);
      }
      expect(translateAwsError(errors[3], CFN).message).toContain('52.94.0.1:443');
    });

    it('says a dropped connection was dropped, though the SDK names it TimeoutError; a request timeout did not answer in time', () => {
      // @smithy/node-http-handler renames ECONNRESET, EPIPE and ETIMEDOUT errors "TimeoutError" so they are retried.
      const reset = Object.assign(new Error('socket hang up'), { name: 'TimeoutError', code: 'ECONNRESET' });
      expect(translateAwsError(reset, CFN)).toMatchObject({
        code: 'offline',
        message: "Can't reach AWS in eu-west-1 for cloudformation:DescribeStacks (ECONNRESET).",
      });
      const timedOut = Object.assign(
        new Error(
          '@smithy/node-http-handler - [ERROR] a request has exceeded the configured 20000 ms requestTimeout.',
        ),
        { name: 'TimeoutError', code: 'ETIMEDOUT' },
      );
      expect(translateAwsError(timedOut, CFN)).toMatchObject({
        code: 'offline',
        message: 'AWS in eu-west-1 did not answer cloudformation:DescribeStacks in time (ETIMEDOUT).',
      });
      const socketTimeout = Object.assign(new Error('the request socket timed out'), {
        name: 'TimeoutError',
      });
      expect(translateAwsError(socketTimeout, CFN).message).toContain('did not answer');
    });

    it('finds the network code inside an AggregateError (happy-eyeballs connect)', () => {
      const inner = nodeError('ECONNREFUSED', 'connect ECONNREFUSED ::1:4566', {
        address: '::1',
        port: 4566,
      });
      const error = new AggregateError([inner], '');
      expect(isOfflineError(error)).toBe(true);
    });
  });

  describe('throttling', () => {
    it('reports persistent CloudFormation throttling ("Rate exceeded") and that the app backs off', async () => {
      const error = await awsError(400, 'Throttling', 'Rate exceeded');
      expect(isThrottling(error)).toBe(true);
      expect(translateAwsError(error, CFN)).toMatchObject({
        code: 'throttled',
        message: expect.stringContaining('Throttling'),
        nextStep: expect.stringContaining('backs off'),
      });
    });

    it('recognises the other throttling codes and HTTP 429', () => {
      for (const name of [
        'ThrottlingException',
        'TooManyRequestsException',
        'SlowDown',
        'RequestLimitExceeded',
      ]) {
        expect(isThrottling(Object.assign(new Error('slow down'), { name }))).toBe(true);
      }
      expect(
        isThrottling(Object.assign(new Error('x'), { name: 'Weird', $metadata: { httpStatusCode: 429 } })),
      ).toBe(true);
    });

    it('does not call a CloudFormation quota (LimitExceededException) throttling', () => {
      const quota = Object.assign(new Error('Limit on the number of stacks has been exceeded'), {
        name: 'LimitExceededException',
      });
      expect(isThrottling(quota)).toBe(false);
      expect(translateAwsError(quota, CFN).code).toBe('aws-error');
    });
  });

  describe('anything else', () => {
    it('gives the AWS code, a short message and the request id, without a stack', async () => {
      const error = await awsError(400, 'ValidationError', 'Stack with id gitpod-instance does not exist');
      const translated = translateAwsError(error, CFN);
      expect(translated).toEqual({
        code: 'aws-error',
        message:
          'cloudformation:DescribeStacks failed in eu-west-1: ValidationError: Stack with id gitpod-instance does not exist (request id req-0001)',
        nextStep: 'If it keeps happening, report it with the request id.',
      });
      expectUsable(translated);
    });

    it('shortens long messages and keeps only their first line', () => {
      const error = Object.assign(new Error(`${'x'.repeat(1000)}\n    at secret (/home/alice/file.js:1:1)`), {
        name: 'InternalFailure',
      });
      const translated = translateAwsError(error, CFN);
      expect(translated.message.length).toBeLessThan(450);
      expectUsable(translated);
    });

    it('redacts access keys that appear in a message', () => {
      const error = Object.assign(new Error('Key AKIAIOSFODNN7EXAMPLE is odd'), { name: 'Odd' });
      expect(translateAwsError(error, CFN).message).not.toContain('AKIAIOSFODNN7EXAMPLE');
    });

    it('passes an AppErrorException through unchanged', () => {
      const original = appError(
        'wrong-account',
        'Profile "prod" resolves to 1, not 2.',
        'Pick another profile.',
      );
      expect(translateAwsError(original, CFN)).toBe(original.appError);
    });

    it('copes with values that are not errors', () => {
      expect(translateAwsError('boom', CFN)).toMatchObject({
        code: 'aws-error',
        message: expect.stringContaining('boom'),
      });
      expect(translateAwsError(undefined, CFN).code).toBe('aws-error');
    });
  });
});
