/**
 * The fault proxy in front of moto: the unmodified SDK v3 must see each injected fault exactly as it
 * would from AWS (same error name, same retry decision), and the proxy must forward everything else intact.
 */
import { randomBytes } from 'node:crypto';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  ListStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.js';
import { type MotoServer, motoClientConfig, startMoto } from '../support/moto-server.js';
import { seedUnrelatedStack } from '../support/seed-cell.js';

const STACK = 'data-platform-notifications';
const BUCKET = 'proxy-bodies';

let moto: MotoServer;
let proxy: FaultProxy;
/** One attempt, to see a fault's raw error. */
let single: CloudFormationClient;
/**
 * Retries like the app's clients do. Made afresh for each test: the adaptive retry mode's client-side
 * rate limiter remembers throttling, and would slow the tests that follow.
 */
let retrying: CloudFormationClient;

beforeAll(async () => {
  moto = await startMoto();
  proxy = await startFaultProxy(moto.endpoint);
  const direct = new CloudFormationClient(motoClientConfig(moto.endpoint));
  await seedUnrelatedStack({ cloudFormation: direct }, STACK);
  direct.destroy();
  const s3 = new S3Client(motoClientConfig(moto.endpoint, 'us-east-1', { forcePathStyle: true }));
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  s3.destroy();
  single = new CloudFormationClient(motoClientConfig(proxy.endpoint));
}, 60_000);

afterAll(async () => {
  single?.destroy();
  await proxy?.close();
  await moto?.stop();
}, 60_000);

beforeEach(() => {
  proxy.clear();
  retrying = new CloudFormationClient(
    motoClientConfig(proxy.endpoint, 'us-east-1', { maxAttempts: 4, retryMode: 'adaptive' }),
  );
  return () => retrying.destroy();
});

function describeStack(client: CloudFormationClient) {
  return client.send(new DescribeStacksCommand({ StackName: STACK }));
}

function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}

async function errorOf(
  promise: Promise<unknown>,
): Promise<Error & { code?: string; $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-Error: ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}

describe('forwarding', () => {
  it('passes calls through unchanged and records them', async () => {
    const { Stacks } = await describeStack(single);
    expect(Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
    expect(proxy.calls).toEqual([{ action: 'DescribeStacks', status: 200 }]);
  });

  it('forwards large S3 bodies byte for byte', async () => {
    const s3 = new S3Client(motoClientConfig(proxy.endpoint, 'us-east-1', { forcePathStyle: true }));
    const body = randomBytes(3 * 1024 * 1024);
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'blob.bin', Body: body }));
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'blob.bin' }));
    const bytes = Buffer.from(await (got.Body?.transformToByteArray() ?? Promise.resolve(new Uint8Array())));
    expect(bytes.equals(body)).toBe(true);
    expect(proxy.countOf('PutObject')).toBe(1);
    expect(proxy.countOf('GetObject')).toBe(1);
    s3.destroy();
  });
});

describe('retried faults', () => {
  // Throttling backoff is random (up to 0.5 s × 2^attempt) and the adaptive limiter may wait too: allow time.
  it('retries two throttles and succeeds on the third call', { timeout: 20_000 }, async () => {
    proxy.inject({ action: 'DescribeStacks', times: 2, fault: 'throttle' });
    const result = await describeStack(retrying);
    expect(result.$metadata.attempts).toBe(3);
    expect(proxy.countOf('DescribeStacks')).toBe(3);
    expect(proxy.calls.map((call) => [call.status, call.fault])).toEqual([
      [400, 'throttle'],
      [400, 'throttle'],
      [200, undefined],
    ]);
  });

  it('gives up on throttling after maxAttempts with error name Throttling', { timeout: 20_000 }, async () => {
    // Two attempts, not four: throttling backoff plus the adaptive rate limiter take ~5 s for four.
    const twice = new CloudFormationClient(
      motoClientConfig(proxy.endpoint, 'us-east-1', { maxAttempts: 2, retryMode: 'adaptive' }),
    );
    proxy.inject({ action: 'DescribeStacks', times: 10, fault: 'throttle' });
    const error = await errorOf(describeStack(twice));
    expect(error.name).toBe('Throttling');
    expect(error.message).toBe('Rate exceeded');
    expect(proxy.countOf('DescribeStacks')).toBe(2);
    twice.destroy();
  });

  it('retries an HTTP 500 (InternalFailure)', async () => {
    proxy.inject({ action: 'DescribeStacks', times: 1, fault: 'server-error' });
    await describeStack(retrying);
    expect(proxy.calls.map((call) => call.status)).toEqual([500, 200]);
    proxy.inject({ action: 'DescribeStacks', times: 1, fault: 'server-error' });
    const error = await errorOf(describeStack(single));
    expect([error.name, error.$metadata?.httpStatusCode]).toEqual(['InternalFailure', 500]);
  });

  it('retries a connection reset', async () => {
    proxy.inject({ action: 'DescribeStacks', times: 1, fault: 'reset' });
    await describeStack(retrying);
    expect(proxy.calls.map((call) => call.status)).toEqual([0, 200]);
    proxy.inject({ action: 'DescribeStacks', times: 1, fault: 'reset' });
    const error = await errorOf(describeStack(single));
    expect(error.code).toBe('ECONNRESET');
  });

  it('only hits the named action', async () => {
    proxy.inject({ action: 'ListStacks', times: 1, fault: 'throttle' });
    await describeStack(single);
    const error = await errorOf(single.send(new ListStacksCommand({})));
    expect(error.name).toBe('Throttling');
    expect(proxy.calls).toEqual([
      { action: 'DescribeStacks', status: 200 },
      { action: 'ListStacks', status: 400, fault: 'throttle' },
    ]);
  });
});

describe('credential faults are not retried', () => {
  it('surfaces ExpiredToken after one call', async () => {
    proxy.inject({ action: 'DescribeStacks', times: 1, fault: 'expired-token' });
    const error = await errorOf(describeStack(retrying));
    expect(error.name).toBe('ExpiredToken');
    expect(error.message).toBe('The security token included in the request is expired');
    expect(error.$metadata?.httpStatusCode).toBe(403);
    expect(proxy.countOf('DescribeStacks')).toBe(1);
  });

  it('surfaces AccessDenied naming the action', async () => {
    proxy.inject({ action: 'DescribeStacks', times: 1, fault: 'access-denied' });
    const error = await errorOf(describeStack(retrying));
    expect(error.name).toBe('AccessDenied');
    expect(error.message).toMatch(
      /^User: arn:aws:iam::123456789012:user\/admin is not authorized to perform: cloudformation:DescribeStacks on resource: /,
    );
    expect(proxy.countOf('DescribeStacks')).toBe(1);
  });
});

describe('slowness and outages', () => {
  it('delays a call, and a client request timeout gives up on it', async () => {
    proxy.inject({ action: 'DescribeStacks', times: 1, fault: 'slow', delayMs: 300 });
    const started = Date.now();
    await describeStack(single);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
    expect(proxy.calls).toEqual([{ action: 'DescribeStacks', status: 200, fault: 'slow' }]);

    const impatient = new CloudFormationClient(
      // Without throwOnRequestTimeout this SDK only logs a warning when requestTimeout passes.
      motoClientConfig(proxy.endpoint, 'us-east-1', {
        requestHandler: { requestTimeout: 100, throwOnRequestTimeout: true },
      }),
    );
    proxy.inject({ action: 'DescribeStacks', times: 1, fault: 'slow', delayMs: 500 });
    const error = await errorOf(describeStack(impatient));
    expect([error.name, error.code]).toEqual(['TimeoutError', 'ETIMEDOUT']);
    impatient.destroy();
  });

  it('refuses connections while down, then recovers', async () => {
    await describeStack(single); // leaves a kept-alive socket that down() must cut as well
    const back = proxy.down(400);
    await settle(); // lets the client see its pooled socket close, else it reuses it and gets ECONNRESET
    const error = await errorOf(describeStack(single));
    expect(error.code).toBe('ECONNREFUSED');
    await back;
    const { Stacks } = await describeStack(single);
    expect(Stacks).toHaveLength(1);
  });

  it('resets connections while down in reset mode, then recovers', async () => {
    const back = proxy.down(400, 'reset');
    await settle();
    const error = await errorOf(describeStack(single));
    expect(error.code).toBe('ECONNRESET');
    await back;
    await expect(describeStack(single)).resolves.toBeDefined();
  });
});
