import { GetObjectCommand, type GetObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { errorFacts } from '../aws/error-facts';
import { awsErrorException } from '../aws/errors';
import { AppErrorException, appError } from '../errors/app-error';
import { describeImportSource, type S3ImportSource } from './import-source';
import { TEMPLATE_URL_MAX_BYTES } from './template-kind';

export interface S3TemplateContext {
  /** A client for `source.region` when the address named one, else for the cell's region. */
  readonly client: S3Client;
  /** The client's region, for messages. */
  readonly region: string;
  /** The cell's profile, for messages; undefined means the default credentials. */
  readonly profile?: string;
  readonly maxBytes?: number;
}

const NOT_FOUND = new Set(['NoSuchKey', 'NoSuchVersion', 'NotFound']);
const WRONG_REGION = new Set([
  'PermanentRedirect',
  'AuthorizationHeaderMalformed',
  'IllegalLocationConstraintException',
]);

type Body = NonNullable<GetObjectCommandOutput['Body']>;

function tooLarge(object: string, maxBytes: number): AppErrorException {
  return appError(
    'template-too-large',
    `${object} is larger than ${maxBytes.toLocaleString('en-US')} bytes, CloudFormation's limit for a template.`,
    "Check that this is the template itself. Ask Gitpod's account manager if it is.",
  );
}

/** Reads the body, counting as it goes: S3 may be asked for any object, however large. */
async function readCapped(body: Body, maxBytes: number, object: string): Promise<Uint8Array> {
  // In Node the SDK hands back an IncomingMessage (a Readable); in other runtimes a web stream.
  // Both are async iterables of byte chunks; leaving the loop early destroys the stream.
  if (Symbol.asyncIterator in body) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += bytes.byteLength;
      if (total > maxBytes) throw tooLarge(object, maxBytes);
      chunks.push(bytes);
    }
    return Buffer.concat(chunks);
  }
  const bytes = await body.transformToByteArray();
  if (bytes.byteLength > maxBytes) throw tooLarge(object, maxBytes);
  return bytes;
}

function bucketRegion(error: unknown): string | undefined {
  const bag = error as { Region?: unknown; $response?: { headers?: Record<string, string | undefined> } };
  if (typeof bag.Region === 'string' && bag.Region !== '') return bag.Region;
  const header = bag.$response?.headers?.['x-amz-bucket-region'];
  if (header) return header;
  return /expecting '([a-z0-9-]+)'/.exec(errorFacts(error).message)?.[1];
}

function translate(error: unknown, source: S3ImportSource, context: S3TemplateContext): AppErrorException {
  if (error instanceof AppErrorException) return error;
  const object = describeImportSource(source);
  const facts = errorFacts(error);
  const has = (codes: ReadonlySet<string>): boolean => [...facts.codes].some((code) => codes.has(code));
  if (has(NOT_FOUND)) {
    return appError(
      'import-s3-not-found',
      `${object} does not exist.`,
      'Check the bucket, the key and its case.',
    );
  }
  if (facts.codes.has('NoSuchBucket')) {
    return appError(
      'import-s3-not-found',
      `The bucket "${source.bucket}" does not exist.`,
      'Check the bucket name in the address.',
    );
  }
  if (has(WRONG_REGION) || facts.httpStatusCode === 301) {
    const region = bucketRegion(error);
    const where = region === undefined ? 'another region' : region;
    return appError(
      'import-s3-wrong-region',
      `The bucket "${source.bucket}" is in ${where}, not in ${context.region}.`,
      `Use the bucket's regional address, https://${source.bucket}.s3.${region ?? 'REGION'}.amazonaws.com/${source.key}, so the app asks the right region.`,
    );
  }
  const translated = awsErrorException(error, {
    region: context.region,
    action: 's3:GetObject',
    ...(context.profile === undefined ? {} : { profile: context.profile }),
  });
  if (translated.appError.code !== 'access-denied') return translated;
  return appError(
    'access-denied',
    `Can't read ${object}: ${translated.appError.message}`,
    `${translated.appError.nextStep ?? ''} S3 also answers "access denied" for an object that does not exist when listing the bucket is not allowed, so check the key too.`.trim(),
  );
}

/**
 * Reads a template object from S3 with the cell's credentials: GetObject, at most 1 MB,
 * failures worded for the admin (missing object, wrong region, access denied).
 */
export async function readS3Template(
  source: S3ImportSource,
  context: S3TemplateContext,
): Promise<Uint8Array> {
  const maxBytes = context.maxBytes ?? TEMPLATE_URL_MAX_BYTES;
  const object = describeImportSource(source);
  try {
    const reply = await context.client.send(
      new GetObjectCommand({
        Bucket: source.bucket,
        Key: source.key,
        ...(source.versionId === undefined ? {} : { VersionId: source.versionId }),
      }),
    );
    if (reply.Body === undefined) return new Uint8Array();
    if ((reply.ContentLength ?? 0) > maxBytes) {
      // Not read, so release the socket.
      (reply.Body as { destroy?: () => void }).destroy?.();
      throw tooLarge(object, maxBytes);
    }
    return await readCapped(reply.Body, maxBytes, object);
  } catch (error) {
    throw translate(error, source, context);
  }
}
