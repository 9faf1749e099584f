import { REGION_PATTERN } from '../aws/regions';
import { appError } from '../errors/app-error';
import { sha256Hex, templateFingerprint } from './canonical';
import { parseTemplate, type Template, TemplateParseError } from './parse-template';
import {
  recogniseTemplate,
  type TemplateRecognition,
  type TemplateSize,
  templateSize,
} from './template-kind';

/** Where an imported template comes from, when it is not a local file. */
export type ImportSource =
  | {
      readonly kind: 's3';
      readonly bucket: string;
      readonly key: string;
      /** Known only from a regional S3 address; otherwise the cell's region is used. */
      readonly region?: string;
      readonly versionId?: string;
    }
  | { readonly kind: 'https'; readonly url: string };

export type S3ImportSource = Extract<ImportSource, { kind: 's3' }>;

const SOURCE_HINT = 'Give an https:// address, s3://bucket/key, or an S3 object URL.';
const BUCKET = /^[a-z0-9][a-z0-9._-]{1,253}[a-z0-9]$/i;
// Greedy, so a bucket whose name contains ".s3" still splits at the last ".s3" label.
const VIRTUAL_HOSTED = /^(.+)\.s3(?:[.-](.+))?\.amazonaws\.com(?:\.cn)?$/;
const PATH_STYLE = /^s3(?:[.-](.+))?\.amazonaws\.com(?:\.cn)?$/;
// Access points, Object Lambda, Outposts and S3 Control are not "bucket/key" addresses.
const NOT_A_BUCKET_ENDPOINT = /^(accesspoint|object-lambda|outposts|control|website)\b/;

function invalid(input: string, why: string): never {
  throw appError('import-source-invalid', `"${input}" is not a template address: ${why}.`, SOURCE_HINT);
}

/** The region in an S3 endpoint's middle part: "eu-west-1", "dualstack.eu-west-1", "external-1". */
function regionOf(middle: string | undefined): string | undefined {
  if (middle === undefined) return undefined;
  const last = middle.split('.').at(-1) ?? '';
  if (last === 'external-1') return 'us-east-1';
  return REGION_PATTERN.test(last) ? last : undefined;
}

/**
 * S3 object URLs are percent-encoded, and S3 reads "+" in the path as a space: the console's
 * "Object URL" for "v37 role.yaml" ends in "v37+role.yaml" (a literal plus is "%2B").
 */
function decodeKey(input: string, encoded: string): string {
  try {
    return decodeURIComponent(encoded.replace(/\+/g, ' '));
  } catch {
    return invalid(input, 'its path is not correctly percent-encoded');
  }
}

function s3Source(
  input: string,
  bucket: string,
  key: string,
  region?: string,
  versionId?: string,
): S3ImportSource {
  if (!BUCKET.test(bucket)) invalid(input, `"${bucket}" is not an S3 bucket name`);
  if (key === '' || key.endsWith('/')) invalid(input, 'it names a bucket or folder, not a file');
  return {
    kind: 's3',
    bucket,
    key,
    ...(region === undefined ? {} : { region }),
    ...(versionId ? { versionId } : {}),
  };
}

function fromS3Https(input: string, url: URL): ImportSource | undefined {
  // A presigned link carries its own permission; reading it with the cell's credentials
  // instead could fail where the link works, so it is fetched as it is.
  if (url.searchParams.has('X-Amz-Signature') || url.searchParams.has('Signature')) return undefined;
  const host = url.hostname.toLowerCase();
  const versionId = url.searchParams.get('versionId') ?? undefined;
  const pathStyle = PATH_STYLE.exec(host);
  if (pathStyle) {
    if (NOT_A_BUCKET_ENDPOINT.test(pathStyle[1] ?? '')) return undefined;
    const [, bucket = '', ...rest] = url.pathname.split('/');
    return s3Source(input, bucket, decodeKey(input, rest.join('/')), regionOf(pathStyle[1]), versionId);
  }
  const virtual = VIRTUAL_HOSTED.exec(host);
  if (virtual) {
    if (NOT_A_BUCKET_ENDPOINT.test(virtual[2] ?? '')) return undefined;
    const key = decodeKey(input, url.pathname.slice(1));
    return s3Source(input, virtual[1] ?? '', key, regionOf(virtual[2]), versionId);
  }
  return undefined;
}

/**
 * Whether the text is meant as an address (it starts with a scheme, "s3://", "https://", even
 * "http://") rather than a file path: how the CLI tells `--role FILE|URL` apart. A Windows path
 * such as C:\updates\role.yaml has no "//" after its drive letter, so it stays a path.
 */
export function isImportAddress(raw: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(raw.trim());
}

/**
 * Validates and classifies an import address: `s3://bucket/key` and S3 object URLs
 * (virtual-hosted `bucket.s3.region.amazonaws.com/key`, `bucket.s3.amazonaws.com/key`,
 * path-style `s3.region.amazonaws.com/bucket/key`) are read through the S3 API with the cell's
 * credentials; any other `https://` address is downloaded. Plain `http://` is refused: the
 * template runs with administrator rights in the customer's account.
 */
export function parseImportSource(raw: string): ImportSource {
  const input = raw.trim();
  if (input === '') invalid(raw, 'it is empty');
  // s3:// keys are written unencoded, as the AWS CLI takes them; URL parsing would mangle them.
  const s3 = /^s3:\/\/([^/]*)\/?(.*)$/i.exec(input);
  if (s3) return s3Source(input, s3[1] ?? '', s3[2] ?? '');
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return invalid(input, 'it is not a URL');
  }
  if (url.protocol === 'http:') {
    throw appError(
      'import-insecure-url',
      `"${describeUrl(url)}" uses plain http://, which is refused: the template could be altered on the way, and it runs with administrator rights in your AWS account.`,
      'Use the https:// address of the same file, or download it and import the file.',
    );
  }
  if (url.protocol !== 'https:') invalid(input, `${url.protocol} addresses are not supported`);
  if (url.username !== '' || url.password !== '') {
    // The address is stored with the update; a password in it would end up in a plain file.
    invalid(describeUrl(url), 'it contains a user name or password');
  }
  return fromS3Https(input, url) ?? { kind: 'https', url: url.href };
}

/** Origin and path only: a presigned link's query carries credentials and must not be shown or stored. */
function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** The source as it may be shown, logged and stored: never a presigned link's signature. */
export function describeImportSource(source: ImportSource): string {
  if (source.kind === 's3') {
    const version = source.versionId === undefined ? '' : ` (version ${source.versionId})`;
    return `s3://${source.bucket}/${source.key}${version}`;
  }
  return describeUrl(new URL(source.url));
}

/** The file name to show for the source: the last part of its key or path. */
export function importSourceName(source: ImportSource): string {
  if (source.kind === 's3') return source.key.split('/').at(-1) || source.key;
  const url = new URL(source.url);
  const last = url.pathname.split('/').at(-1) ?? '';
  try {
    return decodeURIComponent(last) || url.host;
  } catch {
    return last;
  }
}

export type TemplateFormat = 'json' | 'yaml';

/** A template read from a file, a URL or S3, checked and ready to compare or apply. */
export interface ImportedTemplate {
  /** The file name shown with it. */
  readonly name: string;
  /** The text as received (a UTF-8 byte-order mark removed): what a change set would submit. */
  readonly text: string;
  readonly template: Template;
  readonly format: TemplateFormat;
  /** sha256 of the raw bytes, to compare with what the account manager sent. */
  readonly sha256: string;
  /** sha256 of the canonical form: the same template in JSON and YAML shares it. */
  readonly fingerprint: string;
  readonly size: TemplateSize;
  readonly recognition: TemplateRecognition;
}

const PICK_TEMPLATE =
  "Pick the template file Gitpod's account manager sent: JSON or YAML with a Resources section.";

function notATemplate(name: string, why: string): never {
  throw appError('not-a-template', `${name} is not a CloudFormation template: ${why}.`, PICK_TEMPLATE);
}

function decodeText(bytes: Uint8Array, name: string): string {
  try {
    // fatal: a zip or an image must not be half-decoded into something that parses as YAML.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw appError(
      'template-unreadable',
      `${name} is not a text file (it is not UTF-8), so it cannot be a CloudFormation template.`,
      'Pick the .json or .yaml template itself, not an archive or a document that contains it.',
    );
  }
}

function parse(text: string, name: string): Template {
  try {
    return parseTemplate(text);
  } catch (error) {
    if (!(error instanceof TemplateParseError)) throw error;
    // parseTemplate words syntax errors "not valid JSON: …" / "not valid YAML: …"; its other
    // errors are about the shape (no Resources), which means "not a template".
    if (error.message.startsWith('not valid ')) {
      throw appError(
        'template-unreadable',
        `${name} cannot be read: ${error.message}.`,
        'Check that the file is complete (a download cut short looks like this), or ask for it again.',
      );
    }
    return notATemplate(name, error.message);
  }
}

function checkResources(template: Template, name: string): void {
  const resources = template.Resources;
  if (typeof resources !== 'object' || resources === null || Array.isArray(resources)) {
    notATemplate(name, 'its Resources section is not a mapping of resources');
  }
  const entries = Object.entries(resources);
  if (entries.length === 0) notATemplate(name, 'its Resources section is empty');
  for (const [id, resource] of entries) {
    const type = (resource as { Type?: unknown } | null)?.Type;
    if (typeof type !== 'string') notATemplate(name, `its resource "${id}" has no Type`);
  }
}

/**
 * Reads an imported template: at most 1 MB, UTF-8, JSON or YAML (CloudFormation's short-form
 * tags included) with a non-empty Resources mapping. Throws an AppErrorException that says
 * what is wrong with the file and what to do; nothing is stored before this passes.
 */
export function readImportedTemplate(bytes: Uint8Array, name: string): ImportedTemplate {
  const size = templateSize(bytes);
  if (size.delivery === 'too-large') {
    throw appError(
      'template-too-large',
      `${name} is too large: ${size.message}`,
      "Check that this is the template itself; CloudFormation cannot deploy one this large. Ask Gitpod's account manager if it is.",
    );
  }
  if (bytes.byteLength === 0) notATemplate(name, 'the file is empty');
  const text = decodeText(bytes, name);
  const template = parse(text, name);
  checkResources(template, name);
  return {
    name,
    text,
    template,
    format: text.trimStart().startsWith('{') ? 'json' : 'yaml',
    sha256: sha256Hex(bytes),
    fingerprint: templateFingerprint(template),
    size,
    recognition: recogniseTemplate(template),
  };
}
