import { Readable } from 'node:stream';
import {
  GetObjectCommand,
  type GetObjectCommandOutput,
  NoSuchBucket,
  NoSuchKey,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../../../../test/fixtures/templates';
import type { AppError } from '../../../shared/errors';
import { AppErrorException } from '../errors/app-error';
import type { S3ImportSource } from './import-source';
import { readS3Template } from './s3-template';

const SOURCE: S3ImportSource = { kind: 's3', bucket: 'gitpod-updates', key: 'v37/role.yaml' };
const METADATA = { httpStatusCode: 403, requestId: 'REQ1' };

/** What the SDK hands back in Node: a Readable. The SDK's stream mixin is not needed here. */
function body(...chunks: Buffer[]): GetObjectCommandOutput['Body'] {
  return Readable.from(chunks) as unknown as GetObjectCommandOutput['Body'];
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppErrorException) return error.appError;
    throw error;
  }
  throw new Error('expected an AppErrorException');
}

describe('main/core/templates/s3-template', () => {
  const s3Mock = mockClient(S3Client);
  let client: S3Client;
  const read = (source: S3ImportSource = SOURCE, maxBytes?: number) =>
    readS3Template(source, {
      client,
      region: 'eu-west-1',
      profile: 'prod',
      ...(maxBytes === undefined ? {} : { maxBytes }),
    });

  beforeEach(() => {
    s3Mock.reset();
    client = new S3Client({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 's' },
    });
  });

  afterEach(() => client.destroy());

  it('reads the object with GetObject, asking for the version when the address names one', async () => {
    const text = loadFixture('role.yaml');
    s3Mock.on(GetObjectCommand).resolves({ Body: body(Buffer.from(text)), ContentLength: text.length });
    const bytes = await read({ ...SOURCE, versionId: 'v9' });
    expect(Buffer.from(bytes).toString('utf8')).toBe(text);
    expect(s3Mock.commandCalls(GetObjectCommand)[0]?.args[0].input).toEqual({
      Bucket: 'gitpod-updates',
      Key: 'v37/role.yaml',
      VersionId: 'v9',
    });
  });

  it('translates AccessDenied into who lacks s3:GetObject, naming the object', async () => {
    s3Mock.on(GetObjectCommand).rejects(
      new S3ServiceException({
        name: 'AccessDenied',
        $fault: 'client',
        $metadata: METADATA,
        message: 'Access Denied',
      }),
    );
    const error = await failure(read());
    expect(error.code).toBe('access-denied');
    expect(error.message).toBe(
      'Can\'t read s3://gitpod-updates/v37/role.yaml: Profile "prod" is not allowed to perform s3:GetObject in eu-west-1.',
    );
    expect(error.nextStep).toMatch(/^Ask an AWS administrator to allow s3:GetObject/);
    expect(error.nextStep).toMatch(/object that does not exist/);
  });

  it('says when the object or the bucket does not exist', async () => {
    s3Mock
      .on(GetObjectCommand)
      .rejects(new NoSuchKey({ $metadata: METADATA, message: 'The specified key does not exist.' }));
    expect(await failure(read())).toEqual({
      code: 'import-s3-not-found',
      message: 's3://gitpod-updates/v37/role.yaml does not exist.',
      nextStep: 'Check the bucket, the key and its case.',
    });
    s3Mock.on(GetObjectCommand).rejects(new NoSuchBucket({ $metadata: METADATA, message: 'no bucket' }));
    expect((await failure(read())).message).toBe('The bucket "gitpod-updates" does not exist.');
  });

  it('says when the bucket is in another region, and how to name it', async () => {
    s3Mock.on(GetObjectCommand).rejects(
      Object.assign(
        new S3ServiceException({
          name: 'PermanentRedirect',
          $fault: 'client',
          $metadata: { httpStatusCode: 301 },
          message: 'The bucket you are attempting to access must be addressed using the specified endpoint.',
        }),
        { $response: { headers: { 'x-amz-bucket-region': 'us-east-2' } } },
      ),
    );
    expect(await failure(read())).toEqual({
      code: 'import-s3-wrong-region',
      message: 'The bucket "gitpod-updates" is in us-east-2, not in eu-west-1.',
      nextStep:
        "Use the bucket's regional address, https://gitpod-updates.s3.us-east-2.amazonaws.com/v37/role.yaml, so the app asks the right region.",
    });
  });

  it('refuses an object whose declared size is over 1 MB without reading it', async () => {
    const stream = Readable.from([Buffer.from('x')]);
    s3Mock.on(GetObjectCommand).resolves({
      Body: stream as unknown as GetObjectCommandOutput['Body'],
      ContentLength: 1_048_577,
    });
    const error = await failure(read());
    expect(error.code).toBe('template-too-large');
    expect(error.message).toBe(
      "s3://gitpod-updates/v37/role.yaml is larger than 1,048,576 bytes, CloudFormation's limit for a template.",
    );
    expect(stream.destroyed).toBe(true);
  });

  it('stops reading a body that grows past the limit', async () => {
    let served = 0;
    const endless = new Readable({
      read() {
        served += 1;
        this.push(Buffer.alloc(1024, 0x20));
      },
    });
    s3Mock.on(GetObjectCommand).resolves({ Body: endless as unknown as GetObjectCommandOutput['Body'] });
    expect((await failure(read(SOURCE, 10 * 1024))).code).toBe('template-too-large');
    expect(served).toBeLessThan(20);
    expect(endless.destroyed).toBe(true);
  });

  it('reports a network failure as offline', async () => {
    s3Mock
      .on(GetObjectCommand)
      .rejects(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    expect((await failure(read())).code).toBe('offline');
  });
});
