import type { AwsSetup } from '../../../shared/cells/profiles';
import { defaultProfileName, defaultRegion, listProfiles, sharedFilePaths } from './profiles';
import { KNOWN_REGIONS } from './regions';

type Env = NodeJS.ProcessEnv;

/**
 * What the setup wizard offers: the profiles (names and kinds, never a secret), the regions,
 * and the defaults the AWS CLI would use. Read afresh on every call, so a profile created in a
 * terminal a moment ago is there.
 */
export async function readAwsSetup(env: Env = process.env): Promise<AwsSetup> {
  const profiles = await listProfiles({ env });
  const wanted = defaultProfileName(env);
  const defaultProfile = profiles.some((profile) => profile.name === wanted) ? wanted : null;
  const region = defaultRegion(env, profiles, wanted) ?? null;
  const regions = new Set(KNOWN_REGIONS);
  // A region from the config that this SDK does not know yet is still offered.
  if (region) regions.add(region);
  for (const profile of profiles) if (profile.region) regions.add(profile.region);
  const { configFile, credentialsFile } = sharedFilePaths(env);
  return {
    profiles,
    defaultProfile,
    defaultRegion: region,
    regions: [...regions].sort(),
    configFile,
    credentialsFile,
  };
}
