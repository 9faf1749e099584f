/** The shape of a commercial, China or GovCloud region name, e.g. eu-west-1 or us-gov-west-1. */
export const REGION_PATTERN = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

/**
 * Regions the installed SDK knows (partitions aws, aws-cn, aws-us-gov and aws-eusc of
 * @aws-sdk/core util-endpoints partitions data, SDK 3.1169). Used only to word errors: an
 * unknown region is still tried, because AWS adds regions faster than this list changes.
 */
export const KNOWN_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'me-west-1',
  'mx-central-1',
  'sa-east-1',
  'sa-west-1',
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'cn-north-1',
  'cn-northwest-1',
  'us-gov-east-1',
  'us-gov-west-1',
  'eusc-de-east-1',
]);

/**
 * Regions launched before 20 March 2019 are enabled in every account; later ones are opt-in
 * ("Enable or disable AWS Regions in your account", AWS Account Management reference guide).
 */
const DEFAULT_ENABLED_REGIONS: ReadonlySet<string> = new Set([
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
]);

/** A commercial region that an account must enable before using it. */
export function isOptInRegion(region: string): boolean {
  return REGION_PATTERN.test(region) && !/^(cn|us-gov)-/.test(region) && !DEFAULT_ENABLED_REGIONS.has(region);
}

export function isKnownRegion(region: string): boolean {
  return KNOWN_REGIONS.has(region);
}
