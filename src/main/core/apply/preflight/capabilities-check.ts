import type { Capability, CapabilityResource, PreflightCheck } from '../../../../shared/apply/preflight';
import { listSome, passed, warning } from './check';

/**
 * The acknowledgement the admin gives in the console ("I acknowledge that AWS CloudFormation
 * might create IAM resources with custom names"), named: which capabilities and which IAM
 * resources. A warning, because it asks for the admin's explicit consent; never blocking.
 */
export function capabilitiesCheck(
  capabilities: readonly Capability[],
  resources: readonly CapabilityResource[],
  reason: string | undefined,
  fromChangeSet: boolean,
): PreflightCheck {
  if (capabilities.length === 0) {
    return passed('capabilities', 'The template creates no IAM resources: nothing to acknowledge.');
  }
  const names = resources.map(
    (resource) => `${resource.logicalId} (${resource.type}${resource.named ? ', custom name' : ''})`,
  );
  const which = names.length > 0 ? ` IAM resources: ${listSome(names)}.` : '';
  const why = reason ? ` CloudFormation says: ${reason}` : '';
  const what = fromChangeSet
    ? `The change set was created with ${capabilities.join(' and ')}: executing it may create or change IAM resources.`
    : `The template needs ${capabilities.join(' and ')}: the update may create or change IAM resources${capabilities.includes('CAPABILITY_NAMED_IAM') ? ' with custom names' : ''}.`;
  return warning(
    'capabilities',
    `${what}${which}${why}`,
    'Acknowledge that CloudFormation may create these IAM resources before the change set is created or executed.',
  );
}
