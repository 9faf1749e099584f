import {
  type Capability,
  type CapabilityResource,
  MAX_CAPABILITY_RESOURCES,
} from '../../../../shared/apply/preflight';
import { type Template, templateResources } from '../../templates/parse-template';

/**
 * The IAM resource types that make CloudFormation ask for CAPABILITY_IAM, with the property
 * that gives each a custom name (which asks for CAPABILITY_NAMED_IAM instead). Source: the
 * `Capabilities` parameter of CreateStack/CreateChangeSet in the CloudFormation API reference.
 */
const IAM_NAME_PROPERTY: Readonly<Record<string, string | undefined>> = {
  'AWS::IAM::AccessKey': undefined,
  'AWS::IAM::Group': 'GroupName',
  'AWS::IAM::GroupPolicy': undefined,
  'AWS::IAM::InstanceProfile': 'InstanceProfileName',
  'AWS::IAM::ManagedPolicy': 'ManagedPolicyName',
  'AWS::IAM::Policy': undefined,
  'AWS::IAM::Role': 'RoleName',
  'AWS::IAM::RolePolicy': undefined,
  'AWS::IAM::User': 'UserName',
  'AWS::IAM::UserPolicy': undefined,
  'AWS::IAM::UserToGroupAddition': undefined,
};

/** The template's IAM resources, the ones the capability acknowledgement is about. */
export function capabilityResources(template: Template): CapabilityResource[] {
  const found: CapabilityResource[] = [];
  for (const [logicalId, resource] of Object.entries(templateResources(template))) {
    const type = typeof resource?.Type === 'string' ? resource.Type : '';
    if (!Object.hasOwn(IAM_NAME_PROPERTY, type)) continue;
    const nameProperty = IAM_NAME_PROPERTY[type];
    const named = nameProperty !== undefined && resource.Properties?.[nameProperty] !== undefined;
    found.push({ logicalId, type, named });
    if (found.length >= MAX_CAPABILITY_RESOURCES) break;
  }
  return found;
}

/**
 * The capabilities to acknowledge: what CloudFormation said (GetTemplateSummary), plus what the
 * template's own IAM resources need. CloudFormation's answer is the authority; the local
 * derivation only adds, so an emulator that leaves `Capabilities` out (moto does) or a
 * reply cut short never leads to a change set that fails with InsufficientCapabilities.
 * Acknowledging CAPABILITY_NAMED_IAM covers CAPABILITY_IAM, but sending both is what the
 * console does and is accepted.
 */
export function neededCapabilities(
  fromAws: readonly string[],
  resources: readonly CapabilityResource[],
): Capability[] {
  const needed = new Set<Capability>();
  for (const capability of fromAws) {
    if (capability === 'CAPABILITY_IAM' || capability === 'CAPABILITY_NAMED_IAM') needed.add(capability);
    if (capability === 'CAPABILITY_AUTO_EXPAND') needed.add(capability);
  }
  if (resources.length > 0) needed.add('CAPABILITY_IAM');
  if (resources.some((resource) => resource.named)) needed.add('CAPABILITY_NAMED_IAM');
  const order: readonly Capability[] = ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'];
  return order.filter((capability) => needed.has(capability));
}
