import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AwsHome, createAwsHome, useAwsHomeEnv } from '../../../../test/support/aws/aws-home';
import {
  callerIdentityReply,
  type LocalEndpoint,
  queryError,
  startLocalEndpoint,
} from '../../../../test/support/aws/local-endpoint';
import { type AwsClients, createAwsClients, envEndpointFor } from './clients';
import { isOfflineError, translateAwsError } from './errors';

const credentials = { accessKeyId: 'AKIACLIENTTEST000001', secretAccessKey: 'secret' };

const EMPTY_STACKS =
  '<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult>' +
  '<Stacks/></DescribeStacksResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeStacksResponse>';

function okStacks(res: import('node:http').ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/xml' });
  res.end(EMPTY_STACKS);
}

describe('main/core/aws/clients', () => {
  let home: AwsHome;
  const endpoints: LocalEndpoint[] = [];
  let clients: AwsClients | undefined;

  async function endpoint(handler: Parameters<typeof startLocalEndpoint>[0]): Promise<LocalEndpoint> {
    const started = await startLocalEndpoint(handler);
    endpoints.push(started);
    return started;
  }

  beforeEach(() => {
    home = createAwsHome();
    useAwsHomeEnv(home);
  });

  afterEach(async () => {
    clients?.destroy();
    clients = undefined;
    await Promise.all(endpoints.splice(0).map((e) => e.close()));
    vi.unstubAllEnvs();
    home.cleanup();
  });

  it('configures adaptive retries with five attempts by default', async () => {
    clients = createAwsClients({ region: 'eu-west-1', credentials });
    for (const client of [clients.cloudFormation, clients.sts, clients.s3]) {
      expect(await client.config.maxAttempts()).toBe(5);
      // AdaptiveRetryStrategy carries `mode`; the declared union type does not.
      expect(await client.config.retryStrategy()).toHaveProperty('mode', 'adaptive');
    }
  });

  it('sends requests to the explicit endpoint, which wins over AWS_ENDPOINT_URL', async () => {
    const fromEnv = await endpoint((_req, res) => okStacks(res));
    const explicit = await endpoint((_req, res) => okStacks(res));
    vi.stubEnv('AWS_ENDPOINT_URL', fromEnv.url);
    clients = createAwsClients({ region: 'eu-west-1', endpoint: explicit.url, credentials });
    await clients.cloudFormation.send(new DescribeStacksCommand({}));
    expect(explicit.requests).toHaveLength(1);
    expect(fromEnv.requests).toHaveLength(0);
  });

  it("leaves AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_CLOUDFORMATION to the SDK's own support", async () => {
    const shared = await endpoint((req, res) =>
      req.body.includes('GetCallerIdentity') ? callerIdentityReply(res, '111111111111') : okStacks(res),
    );
    const cfnOnly = await endpoint((_req, res) => okStacks(res));
    vi.stubEnv('AWS_ENDPOINT_URL', shared.url);
    vi.stubEnv('AWS_ENDPOINT_URL_CLOUDFORMATION', cfnOnly.url);
    clients = createAwsClients({ region: 'eu-west-1', credentials });
    await clients.cloudFormation.send(new DescribeStacksCommand({}));
    await clients.sts.send(new GetCallerIdentityCommand({}));
    expect(cfnOnly.requests.map((r) => r.body)).toEqual([expect.stringContaining('Action=DescribeStacks')]);
    expect(shared.requests.map((r) => r.body)).toEqual([expect.stringContaining('Action=GetCallerIdentity')]);
  });

  it('uses path-style S3 URLs against an endpoint override, so a local endpoint needs no wildcard DNS', async () => {
    const local = await endpoint((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    clients = createAwsClients({ region: 'eu-west-1', endpoint: local.url, credentials });
    await clients.s3.send(new GetObjectCommand({ Bucket: 'cell-templates', Key: 'gitpod/instance.json' }));
    expect(local.requests[0]?.url).toMatch(/^\/cell-templates\/gitpod\/instance\.json/);
    expect(await clients.s3.config.forcePathStyle).toBe(true);
  });

  it('keeps virtual-hosted S3 URLs against real AWS', () => {
    clients = createAwsClients({ region: 'eu-west-1', credentials });
    expect(clients.s3.config.forcePathStyle).toBe(false);
  });

  it('reads the S3 endpoint override like the SDK: service variable first, ignored on request', () => {
    expect(envEndpointFor('S3', { AWS_ENDPOINT_URL: 'http://a', AWS_ENDPOINT_URL_S3: 'http://s3' })).toBe(
      'http://s3',
    );
    expect(envEndpointFor('S3', { AWS_ENDPOINT_URL: 'http://a' })).toBe('http://a');
    expect(
      envEndpointFor('S3', { AWS_ENDPOINT_URL: 'http://a', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }),
    ).toBe(undefined);
    expect(envEndpointFor('S3', {})).toBeUndefined();
  });

  it('retries throttled calls by itself', async () => {
    let calls = 0;
    const local = await endpoint((_req, res) => {
      calls += 1;
      if (calls < 2) queryError(res, 400, 'Throttling', 'Rate exceeded');
      else okStacks(res);
    });
    clients = createAwsClients({ region: 'eu-west-1', endpoint: local.url, credentials });
    const reply = await clients.cloudFormation.send(new DescribeStacksCommand({}));
    expect(reply.$metadata.attempts).toBe(2);
  });

  it('gives up on a request that gets no answer within requestTimeout, instead of hanging', async () => {
    const silent = await endpoint(() => {
      // Never answers.
    });
    clients = createAwsClients({
      region: 'eu-west-1',
      endpoint: silent.url,
      credentials,
      maxAttempts: 1,
      requestTimeoutMs: 200,
    });
    const error = await clients.cloudFormation.send(new DescribeStacksCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'TimeoutError' });
    expect(isOfflineError(error)).toBe(true);
    expect(
      translateAwsError(error, { region: 'eu-west-1', action: 'cloudformation:DescribeStacks' }).code,
    ).toBe('offline');
  });

  it('uses the named profile when no credentials are passed', async () => {
    home.writeCredentials('[prod]\naws_access_key_id = AKIAPRODPROFILE00001\naws_secret_access_key = s\n');
    const local = await endpoint((_req, res) => callerIdentityReply(res, '222222222222'));
    clients = createAwsClients({ region: 'eu-west-1', endpoint: local.url, profile: 'prod' });
    await clients.sts.send(new GetCallerIdentityCommand({}));
    expect(String(local.requests[0]?.headers.authorization)).toContain('Credential=AKIAPRODPROFILE00001/');
  });
});
