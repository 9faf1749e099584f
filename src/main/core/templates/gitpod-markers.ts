import { GITPOD_ROLE_NAME } from '../../../shared/cells/cell';
import { type Template, templateResources } from './parse-template';

/**
 * The content that marks Gitpod Dedicated's two templates, shared by stack discovery and
 * template import so that both recognise a template by the same rules.
 */

/** Every instance resource's `aws:cdk:path` starts with this (the CDK stack is "gitpod-cell"). */
export const CDK_PATH_PREFIX = 'gitpod-cell/';

/** The role template creates the IAM role that the instance stack is deployed with. */
export function createsGitpodRole(template: Template): boolean {
  return Object.values(templateResources(template)).some(
    (resource) => resource?.Type === 'AWS::IAM::Role' && resource.Properties?.RoleName === GITPOD_ROLE_NAME,
  );
}

/** How many resources carry CDK metadata under `gitpod-cell/`, and how many there are. */
export function gitpodCdkMetadataCount(template: Template): { tagged: number; total: number } {
  const resources = Object.values(templateResources(template));
  const tagged = resources.filter((resource) => {
    const path = resource?.Metadata?.['aws:cdk:path'];
    return typeof path === 'string' && path.startsWith(CDK_PATH_PREFIX);
  }).length;
  return { tagged, total: resources.length };
}

/** The instance template is synthesised by CDK from the "gitpod-cell" stack. */
export function hasGitpodCdkMetadata(template: Template): boolean {
  return gitpodCdkMetadataCount(template).tagged > 0;
}
