/**
 * Where the app stages templates too large to send inline: one bucket per account and region,
 * named so the IAM policy in docs/iam can scope S3 access to `dedicated-admin-templates-*`,
 * and one object per template, keyed by its sha256 so the same template is stored once.
 */

export const TEMPLATE_BUCKET_PREFIX = 'dedicated-admin-templates-';

/** `dedicated-admin-templates-<account>-<region>`: 53 characters for the longest region names, within S3's 63. */
export function templateBucketName(accountId: string, region: string): string {
  return `${TEMPLATE_BUCKET_PREFIX}${accountId}-${region}`;
}

/** `templates/<sha256>.json` (or `.yaml`): the extension only helps a person browsing the bucket. */
export function templateObjectKey(sha256: string, body: string): string {
  return `templates/${sha256}.${isJson(body) ? 'json' : 'yaml'}`;
}

export function isJson(body: string): boolean {
  return body.trimStart().startsWith('{');
}

/** S3's DNS suffix per partition: China regions live under amazonaws.com.cn. */
function s3Suffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/**
 * The TemplateURL CloudFormation reads the object from: the virtual-hosted-style HTTPS address
 * `https://<bucket>.s3.<region>.amazonaws.com/<key>`. CloudFormation wants an S3 URL that
 * "must start with https://" (the CreateChangeSet reference; static-website URLs are not
 * accepted), and the regional host avoids a redirect for buckets outside us-east-1. The bucket
 * name has no dots, so the name is a valid TLS host label.
 *
 * moto accepts the same form: its get_stack_from_s3_url (moto/cloudformation/utils.py) takes
 * the first label of any host that does not start with "s3" as the bucket and the path as the
 * key, and reads the object from its own S3 store; no emulator-specific URL is needed.
 */
export function templateUrl(bucket: string, region: string, key: string): string {
  const path = key.split('/').map(encodeURIComponent).join('/');
  return `https://${bucket}.s3.${region}.${s3Suffix(region)}/${path}`;
}
