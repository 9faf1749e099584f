import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../../test/fixtures/templates';
import { createsGitpodRole, gitpodCdkMetadataCount, hasGitpodCdkMetadata } from './gitpod-markers';
import { parseTemplate, type Template } from './parse-template';

describe('main/core/templates/gitpod-markers', () => {
  it('finds the Gitpod setup role in the role template only', () => {
    expect(createsGitpodRole(parseTemplate(loadFixture('role.yaml')))).toBe(true);
    expect(createsGitpodRole(parseTemplate(loadFixture('instance.yaml')))).toBe(false);
  });

  it('finds gitpod-cell CDK metadata in the instance template only', () => {
    expect(hasGitpodCdkMetadata(parseTemplate(loadFixture('instance.json')))).toBe(true);
    expect(hasGitpodCdkMetadata(parseTemplate(loadFixture('role.json')))).toBe(false);
  });

  it('counts the resources that carry the metadata', () => {
    const template: Template = {
      Resources: {
        Vpc: { Type: 'AWS::EC2::VPC', Metadata: { 'aws:cdk:path': 'gitpod-cell/vpc/Resource' } },
        Other: { Type: 'AWS::S3::Bucket', Metadata: { 'aws:cdk:path': 'gitpod-cellar/b/Resource' } },
        Plain: { Type: 'AWS::SNS::Topic' },
      },
    };
    expect(gitpodCdkMetadataCount(template)).toEqual({ tagged: 1, total: 3 });
  });

  it('does not trip over a resource that is null', () => {
    const template: Template = { Resources: { Broken: null } };
    expect(createsGitpodRole(template)).toBe(false);
    expect(hasGitpodCdkMetadata(template)).toBe(false);
  });
});
