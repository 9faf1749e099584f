import { z } from 'zod';

/**
 * How a profile gets its credentials, decided in the same order as the SDK's `fromIni`:
 * role, static keys, web identity, credential_process, SSO.
 */
export const PROFILE_KINDS = [
  'sso',
  'sso-session',
  'assume-role',
  'process',
  'static',
  'web-identity',
  'unknown',
] as const;
export type ProfileKind = (typeof PROFILE_KINDS)[number];

/** What the UI may know about a profile: never a key, token or secret. */
export const profileSummarySchema = z
  .object({
    name: z.string().max(128),
    region: z.string().max(32).optional(),
    kind: z.enum(PROFILE_KINDS),
    ssoSession: z.string().max(128).optional(),
    sourceProfile: z.string().max(128).optional(),
  })
  .strict();
export type ProfileSummary = z.output<typeof profileSummarySchema>;

/** Everything the setup wizard needs to offer profiles and regions, with sensible defaults. */
export const awsSetupSchema = z
  .object({
    profiles: z.array(profileSummarySchema).max(500),
    /** AWS_PROFILE, else "default" when it exists. */
    defaultProfile: z.string().max(128).nullable(),
    /** AWS_REGION / AWS_DEFAULT_REGION, else the default profile's region. */
    defaultRegion: z.string().max(32).nullable(),
    regions: z.array(z.string().max(32)).max(100),
    /** Where the profiles were read from, so the admin knows which files to edit. */
    configFile: z.string().max(4096),
    credentialsFile: z.string().max(4096),
  })
  .strict();
export type AwsSetup = z.output<typeof awsSetupSchema>;
