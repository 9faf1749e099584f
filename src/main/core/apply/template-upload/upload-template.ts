import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  type CreateBucketCommandInput,
  PutBucketEncryptionCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { errorFacts } from '../../aws/error-facts';
import { awsErrorException } from '../../aws/errors';
import { appError } from '../../errors/app-error';
import { sha256Hex } from '../../templates/canonical';
import { TEMPLATE_URL_MAX_BYTES } from '../../templates/template-kind';
import { isJson, templateBucketName, templateObjectKey, templateUrl } from './template-location';

export interface UploadTemplateInput {
  readonly accountId: string;
  /** The cell's region: the bucket is made there, next to the stacks that read it. */
  readonly region: string;
  readonly body: string;
  /** sha256 of `body` (UTF-8), lowercase hex: the object's key. */
  readonly sha256: string;
  /** The cell's profile, for error messages; undefined means the default credentials. */
  readonly profile?: string;
}

export interface UploadedTemplate {
  /** Pass this as CreateChangeSet / ValidateTemplate `TemplateURL`. */
  readonly templateUrl: string;
  readonly bucket: string;
  readonly key: string;
}

function isCode(error: unknown, code: string): boolean {
  return errorFacts(error).codes.has(code);
}

/**
 * Creates the bucket in the cell's region, or finds it already ours. `BucketAlreadyOwnedByYou`
 * (and, in us-east-1, a plain success) means ours; `BucketAlreadyExists` means another account
 * holds the name, and a template must never be handed to a bucket someone else controls.
 */
async function ensureBucket(s3: S3Client, bucket: string, input: UploadTemplateInput): Promise<void> {
  const create: CreateBucketCommandInput =
    input.region === 'us-east-1'
      ? { Bucket: bucket }
      : {
          Bucket: bucket,
          // Outside us-east-1 S3 refuses a CreateBucket without the region it is sent to.
          CreateBucketConfiguration: { LocationConstraint: input.region as BucketLocationConstraint },
        };
  try {
    await s3.send(new CreateBucketCommand(create));
  } catch (error) {
    if (isCode(error, 'BucketAlreadyOwnedByYou')) return;
    if (isCode(error, 'BucketAlreadyExists')) {
      throw appError(
        'template-bucket-taken',
        `The S3 bucket name "${bucket}" belongs to another AWS account, so the template cannot be staged there.`,
        'Ask Gitpod support for help: the template is too large to send to CloudFormation directly.',
      );
    }
    throw awsErrorException(error, context(input, 's3:CreateBucket'));
  }
}

function context(input: UploadTemplateInput, action: string) {
  return { region: input.region, action, ...(input.profile === undefined ? {} : { profile: input.profile }) };
}

/**
 * Stages a template that is too large for an inline TemplateBody (over 51,200 bytes, at most
 * 1 MB) in S3 and returns the TemplateURL CloudFormation reads it from.
 *
 * Every upload re-applies the bucket's settings, so a reused bucket is as safe as a new one:
 * default encryption SSE-S3 (AES256) and all four public-access blocks on. Each call after the
 * bucket exists names the expected owner, so a bucket that changed hands is refused (403)
 * rather than written to. The object is keyed by the template's sha256: uploading the same
 * template twice writes the same object, which keeps a resumed run idempotent.
 */
export async function uploadTemplate(s3: S3Client, input: UploadTemplateInput): Promise<UploadedTemplate> {
  const bytes = Buffer.byteLength(input.body, 'utf8');
  if (bytes > TEMPLATE_URL_MAX_BYTES) {
    throw appError(
      'template-too-large',
      `The template is ${bytes.toLocaleString('en-US')} bytes, over CloudFormation's limit of ${TEMPLATE_URL_MAX_BYTES.toLocaleString('en-US')} bytes.`,
      "Check that this is the template Gitpod's account manager sent.",
    );
  }
  if (sha256Hex(input.body) !== input.sha256) {
    throw appError(
      'template-changed',
      'The template text does not match its sha256: it changed after it was imported.',
      'Import the template again.',
    );
  }
  const bucket = templateBucketName(input.accountId, input.region);
  const key = templateObjectKey(input.sha256, input.body);
  const owner = { ExpectedBucketOwner: input.accountId };

  await ensureBucket(s3, bucket, input);
  try {
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket: bucket,
        ...owner,
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
      }),
    );
  } catch (error) {
    // The IAM action behind PutBucketEncryption is s3:PutEncryptionConfiguration.
    throw awsErrorException(error, context(input, 's3:PutEncryptionConfiguration'));
  }
  try {
    await s3.send(
      new PutPublicAccessBlockCommand({
        Bucket: bucket,
        ...owner,
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          IgnorePublicAcls: true,
          BlockPublicPolicy: true,
          RestrictPublicBuckets: true,
        },
      }),
    );
  } catch (error) {
    throw awsErrorException(error, context(input, 's3:PutBucketPublicAccessBlock'));
  }
  try {
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        ...owner,
        Body: input.body,
        ContentType: isJson(input.body) ? 'application/json' : 'application/yaml',
        ServerSideEncryption: 'AES256',
      }),
    );
  } catch (error) {
    throw awsErrorException(error, context(input, 's3:PutObject'));
  }
  return { templateUrl: templateUrl(bucket, input.region, key), bucket, key };
}
