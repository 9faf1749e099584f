import {
  CreateBucketCommand,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppErrorException } from '../../errors/app-error';
import { sha256Hex } from '../../templates/canonical';
import { templateBucketName, templateUrl } from './template-location';
import { uploadTemplate } from './upload-template';

const s3Mock = mockClient(S3Client);
const ACCOUNT = '123456789012';
const BODY = JSON.stringify({
  Resources: { Topic: { Type: 'AWS::SNS::Topic' } },
  Metadata: { Pad: 'x'.repeat(60_000) },
});
const SHA = sha256Hex(BODY);
let s3: S3Client;

function error(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });
}

async function caught(promise: Promise<unknown>): Promise<AppErrorException> {
  try {
    await promise;
  } catch (thrown) {
    if (thrown instanceof AppErrorException) return thrown;
    throw thrown;
  }
  throw new Error('expected an AppErrorException');
}

beforeEach(() => {
  s3Mock.reset();
  s3Mock.on(CreateBucketCommand).resolves({});
  s3Mock.on(PutBucketEncryptionCommand).resolves({});
  s3Mock.on(PutPublicAccessBlockCommand).resolves({});
  s3Mock.on(PutObjectCommand).resolves({});
  s3 = new S3Client({ region: 'eu-west-2' });
});

afterEach(() => s3.destroy());

describe('core/apply/template-upload', () => {
  it('creates the bucket in the cell region, encrypted and closed to the public, and returns the TemplateURL', async () => {
    const uploaded = await uploadTemplate(s3, {
      accountId: ACCOUNT,
      region: 'eu-west-2',
      body: BODY,
      sha256: SHA,
    });
    const bucket = `dedicated-admin-templates-${ACCOUNT}-eu-west-2`;
    expect(uploaded).toEqual({
      bucket,
      key: `templates/${SHA}.json`,
      templateUrl: `https://${bucket}.s3.eu-west-2.amazonaws.com/templates/${SHA}.json`,
    });
    expect(s3Mock.commandCalls(CreateBucketCommand)[0]?.args[0].input).toEqual({
      Bucket: bucket,
      CreateBucketConfiguration: { LocationConstraint: 'eu-west-2' },
    });
    expect(s3Mock.commandCalls(PutBucketEncryptionCommand)[0]?.args[0].input).toEqual({
      Bucket: bucket,
      ExpectedBucketOwner: ACCOUNT,
      ServerSideEncryptionConfiguration: {
        Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
    });
    expect(s3Mock.commandCalls(PutPublicAccessBlockCommand)[0]?.args[0].input).toEqual({
      Bucket: bucket,
      ExpectedBucketOwner: ACCOUNT,
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      },
    });
    expect(s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input).toMatchObject({
      Bucket: bucket,
      Key: `templates/${SHA}.json`,
      ExpectedBucketOwner: ACCOUNT,
      Body: BODY,
      ContentType: 'application/json',
      ServerSideEncryption: 'AES256',
    });
    // The bucket is made safe before anything is put in it.
    const order = s3Mock.calls().map((call) => call.args[0].constructor.name);
    expect(order).toEqual([
      'CreateBucketCommand',
      'PutBucketEncryptionCommand',
      'PutPublicAccessBlockCommand',
      'PutObjectCommand',
    ]);
  });

  it('sends no LocationConstraint in us-east-1, where S3 refuses one', async () => {
    await uploadTemplate(s3, { accountId: ACCOUNT, region: 'us-east-1', body: BODY, sha256: SHA });
    expect(s3Mock.commandCalls(CreateBucketCommand)[0]?.args[0].input).toEqual({
      Bucket: `dedicated-admin-templates-${ACCOUNT}-us-east-1`,
    });
  });

  it('reuses a bucket it already owns, re-applying encryption and the public access block', async () => {
    s3Mock
      .on(CreateBucketCommand)
      .rejects(
        error('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded', 409),
      );
    const uploaded = await uploadTemplate(s3, {
      accountId: ACCOUNT,
      region: 'eu-west-2',
      body: BODY,
      sha256: SHA,
    });
    expect(uploaded.bucket).toBe(templateBucketName(ACCOUNT, 'eu-west-2'));
    expect(s3Mock.commandCalls(PutBucketEncryptionCommand)).toHaveLength(1);
    expect(s3Mock.commandCalls(PutPublicAccessBlockCommand)).toHaveLength(1);
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(1);
  });

  it('refuses a bucket name another account holds, and puts nothing there', async () => {
    s3Mock
      .on(CreateBucketCommand)
      .rejects(error('BucketAlreadyExists', 'The requested bucket name is not available', 409));
    const thrown = await caught(
      uploadTemplate(s3, { accountId: ACCOUNT, region: 'eu-west-2', body: BODY, sha256: SHA }),
    );
    expect(thrown.appError.code).toBe('template-bucket-taken');
    expect(thrown.appError.message).toContain('belongs to another AWS account');
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('says which S3 permission is missing', async () => {
    s3Mock
      .on(PutBucketEncryptionCommand)
      .rejects(
        error(
          'AccessDenied',
          `User: arn:aws:iam::${ACCOUNT}:user/jane is not authorized to perform: s3:PutEncryptionConfiguration`,
          403,
        ),
      );
    const thrown = await caught(
      uploadTemplate(s3, { accountId: ACCOUNT, region: 'eu-west-2', body: BODY, sha256: SHA }),
    );
    expect(thrown.appError.code).toBe('access-denied');
    expect(thrown.appError.message).toContain('s3:PutEncryptionConfiguration');
    expect(s3Mock.commandCalls(PutObjectCommand)).toHaveLength(0);
  });

  it('refuses a body that does not match its sha256, or is over 1 MB', async () => {
    const changed = await caught(
      uploadTemplate(s3, { accountId: ACCOUNT, region: 'eu-west-2', body: BODY, sha256: sha256Hex('x') }),
    );
    expect(changed.appError.code).toBe('template-changed');
    const huge = 'x'.repeat(1_048_577);
    const tooLarge = await caught(
      uploadTemplate(s3, { accountId: ACCOUNT, region: 'eu-west-2', body: huge, sha256: sha256Hex(huge) }),
    );
    expect(tooLarge.appError.code).toBe('template-too-large');
    expect(s3Mock.calls()).toHaveLength(0);
  });

  it('keys YAML templates as .yaml and builds China-region URLs under amazonaws.com.cn', async () => {
    const yaml = `Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n`;
    const uploaded = await uploadTemplate(s3, {
      accountId: ACCOUNT,
      region: 'eu-west-2',
      body: yaml,
      sha256: sha256Hex(yaml),
    });
    expect(uploaded.key).toBe(`templates/${sha256Hex(yaml)}.yaml`);
    expect(s3Mock.commandCalls(PutObjectCommand)[0]?.args[0].input.ContentType).toBe('application/yaml');
    expect(templateUrl('b', 'cn-north-1', 'templates/k.json')).toBe(
      'https://b.s3.cn-north-1.amazonaws.com.cn/templates/k.json',
    );
  });
});
