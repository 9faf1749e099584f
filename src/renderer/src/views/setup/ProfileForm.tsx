import { type FormEvent, type ReactElement, useState } from 'react';
import type { AwsSetup, ProfileSummary } from '../../../../shared/cells/profiles';
import { DEFAULT_CHAIN_LABEL, profileOptionLabel } from '../../cells/profile-labels';
import { SelectField, type SelectOption } from '../../components/FormField';
import type { Target } from './setup-types';
import { WizardButtons } from './WizardButtons';

/** The select's value for "no profile": a profile name is never empty. */
const DEFAULT_CHAIN = '';

export interface ProfileFormProps {
  readonly setup: AwsSetup;
  readonly initial: Target | null;
  readonly onNext: (target: Target) => void;
  readonly onCancel?: (() => void) | undefined;
  readonly onReload: () => void;
}

export function ProfileForm({ setup, initial, onNext, onCancel, onReload }: ProfileFormProps): ReactElement {
  const [profile, setProfile] = useState(() => initialProfile(setup, initial));
  const [region, setRegion] = useState(() => initial?.region ?? initialRegion(setup, profile));
  const [regionError, setRegionError] = useState<string | undefined>(undefined);

  const selected = setup.profiles.find((candidate) => candidate.name === profile);

  const onProfile = (name: string): void => {
    setProfile(name);
    // A profile that names its own region is almost always meant for that region.
    const own = setup.profiles.find((candidate) => candidate.name === name)?.region;
    if (own) {
      setRegion(own);
      setRegionError(undefined);
    }
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    if (region === '') {
      setRegionError('Choose the region the cell is in.');
      return;
    }
    onNext({ profile: profile === DEFAULT_CHAIN ? undefined : profile, region });
  };

  return (
    <form className="wizard__form" noValidate onSubmit={onSubmit}>
      {setup.profiles.length === 0 ? (
        <div className="callout">
          <p>
            No AWS profiles were found. Profiles are read from <code>{setup.configFile}</code> and{' '}
            <code>{setup.credentialsFile}</code>.
          </p>
          <p>
            Run <code>aws configure sso</code> in a terminal to create one for IAM Identity Center, then look
            again. Without a profile, the default credential chain is used.
          </p>
          <button type="button" className="button" onClick={onReload}>
            Look again
          </button>
        </div>
      ) : null}
      <SelectField
        label="AWS profile"
        value={profile}
        onChange={onProfile}
        options={profileOptions(setup)}
        hint={profileHint(selected)}
      />
      <SelectField
        label="Region"
        value={region}
        onChange={(value) => {
          setRegion(value);
          setRegionError(undefined);
        }}
        options={regionOptions(setup, region)}
        hint="Where the cell’s CloudFormation stacks are. Choosing a profile picks its own region, if it names one."
        error={regionError}
      />
      <WizardButtons next="Next" onCancel={onCancel} />
    </form>
  );
}

function initialProfile(setup: AwsSetup, initial: Target | null): string {
  const known = (name: string | null | undefined): name is string =>
    typeof name === 'string' && setup.profiles.some((profile) => profile.name === name);
  if (initial) return known(initial.profile) ? initial.profile : DEFAULT_CHAIN;
  return known(setup.defaultProfile) ? setup.defaultProfile : DEFAULT_CHAIN;
}

function initialRegion(setup: AwsSetup, profile: string): string {
  return setup.defaultRegion ?? setup.profiles.find((p) => p.name === profile)?.region ?? '';
}

function profileOptions(setup: AwsSetup): SelectOption[] {
  return [
    ...setup.profiles.map((profile) => ({ value: profile.name, label: profileOptionLabel(profile) })),
    { value: DEFAULT_CHAIN, label: DEFAULT_CHAIN_LABEL },
  ];
}

/** The known regions, plus any a default or a profile names that the list lacks. */
function regionOptions(setup: AwsSetup, current: string): SelectOption[] {
  const regions = [...setup.regions];
  for (const extra of [setup.defaultRegion, ...setup.profiles.map((p) => p.region), current]) {
    if (extra && !regions.includes(extra)) regions.push(extra);
  }
  const options = regions.map((region) => ({ value: region, label: region }));
  return current === '' ? [{ value: '', label: 'Choose a region' }, ...options] : options;
}

function profileHint(profile: ProfileSummary | undefined): string {
  if (!profile)
    return 'Credentials from the environment (AWS_ACCESS_KEY_ID and others), else the default profile.';
  switch (profile.kind) {
    case 'sso':
    case 'sso-session':
      return `Signs in with IAM Identity Center. If the session has expired, run “aws sso login --profile ${profile.name}” first.`;
    case 'assume-role':
      return profile.sourceProfile
        ? `Assumes a role, starting from the profile ${profile.sourceProfile}.`
        : 'Assumes a role.';
    case 'process':
      return 'Gets its credentials from an external program (credential_process).';
    case 'static':
      return 'Uses an access key stored in your AWS credentials file.';
    case 'web-identity':
      return 'Assumes a role with a web identity token.';
    default:
      return 'The app could not tell how this profile gets its credentials; it is tried as it is.';
  }
}
