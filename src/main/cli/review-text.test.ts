import { describe, expect, it } from 'vitest';
import type { ChangeSetReview, ReviewChange } from '../../shared/apply/review';
import { MAX_LISTED_CHANGES, reviewToText } from './review-text';

function change(
  action: ReviewChange['action'],
  logicalId: string,
  extra: Partial<ReviewChange> = {},
): ReviewChange {
  return {
    action,
    logicalId,
    resourceType: 'AWS::SNS::Topic',
    scope: ['Properties'],
    details: [],
    detailsTruncated: false,
    ...extra,
  };
}

function review(overrides: Partial<ChangeSetReview> = {}): ChangeSetReview {
  const groups = {
    add: [change('Add', 'AuditTopic')],
    modify: [
      change('Modify', 'Cluster', {
        resourceType: 'AWS::EKS::Cluster',
        replacement: 'True',
        details: [{ attribute: 'Properties', name: 'Version', requiresRecreation: 'Always' }],
        risk: { kind: 'replacement', explanation: 'Cluster is deleted and created again: its data is lost.' },
      }),
    ],
    remove: [
      change('Remove', 'OldBucket', {
        resourceType: 'AWS::S3::Bucket',
        risk: { kind: 'removal', explanation: 'OldBucket is deleted.' },
      }),
    ],
    import: [],
    dynamic: [],
    sync: [],
  };
  return {
    stackName: 'gitpod-instance',
    changeSetId: 'arn:aws:cloudformation:eu-central-1:123456789012:changeSet/v38/1',
    changeSetName: 'v38',
    status: 'CREATE_COMPLETE',
    executionStatus: 'AVAILABLE',
    capabilities: ['CAPABILITY_NAMED_IAM'],
    parameters: [],
    generatedAt: '2026-03-02T09:00:00.000Z',
    summary: {
      total: 3,
      add: 1,
      modify: 1,
      remove: 1,
      import: 0,
      dynamic: 0,
      sync: 0,
      replacements: 1,
      conditionalReplacements: 0,
      removals: 1,
      risks: 2,
      iamChanges: 1,
      securityGroupChanges: 1,
      broadening: true,
    },
    groups,
    truncated: false,
    permissions: {
      source: 'cloudformation-diff',
      iamStatements: [
        {
          change: 'added',
          resource: '*',
          effect: 'Allow',
          action: 'kms:CreateGrant',
          principal: 'AWS:NodesRole',
          condition: '',
          broadening: true,
        },
      ],
      managedPolicies: [],
      securityGroupRules: [
        {
          change: 'removed',
          group: 'ClusterSg',
          direction: 'ingress',
          protocol: 'TCP 22',
          peer: 'Everyone (IPv4)',
          broadening: false,
        },
      ],
      broadened: true,
    },
    templateDiff: { available: false, entries: [] },
    ...overrides,
  };
}

describe('main/cli/review-text', () => {
  it('marks changes + ~ - by action, with what changes and the replacement, and counts them', () => {
    const lines = reviewToText(review()).split('\n');
    expect(lines[0]).toBe('Review of change set v38 on gitpod-instance:');
    expect(lines[1]).toBe('  3 changes: 1 to add, 1 to modify, 1 to remove; 2 risks');
    expect(lines).toContain('  + AuditTopic  AWS::SNS::Topic  (Properties)');
    expect(lines).toContain('  ~ Cluster  AWS::EKS::Cluster  (Version)  replacement: True  ⚠ replacement');
    expect(lines).toContain('  - OldBucket  AWS::S3::Bucket  (Properties)  ⚠ removal');
  });

  it('calls out broadening permissions, the risks in plain words, and the IAM and security-group changes', () => {
    const text = reviewToText(review());
    expect(text).toContain('⚠ This change set broadens permissions');
    expect(text).toContain(
      '  ⚠ replacement Cluster: Cluster is deleted and created again: its data is lost.',
    );
    expect(text).toContain(
      'IAM changes (1):\n  + Allow kms:CreateGrant on * for AWS:NodesRole  ⚠ broadening',
    );
    expect(text).toContain(
      'Security group changes (1):\n  - ingress TCP 22 from Everyone (IPv4) on ClusterSg',
    );
  });

  it('says when the permissions could not be analysed', () => {
    const text = reviewToText(
      review({
        permissions: {
          source: 'unavailable',
          iamStatements: [],
          managedPolicies: [],
          securityGroupRules: [],
          broadened: false,
          note: 'the vendor change set has no template at hand',
        },
      }),
    );
    expect(text).toContain(
      'IAM and security-group changes: not analysed (the vendor change set has no template at hand).',
    );
  });

  it(`lists the first ${MAX_LISTED_CHANGES} changes and counts the rest, pointing to the full review`, () => {
    const many = Array.from({ length: 2_000 }, (_, i) => change('Modify', `Resource${i}`));
    const base = review();
    const text = reviewToText({
      ...base,
      summary: { ...base.summary, total: 2_500, add: 0, modify: 2_500, remove: 0, risks: 0 },
      groups: { ...base.groups, add: [], modify: many, remove: [] },
      truncated: true,
    });
    const listed = text.split('\n').filter((line) => line.startsWith('  ~ Resource'));
    expect(listed).toHaveLength(MAX_LISTED_CHANGES);
    expect(text).toContain(
      `  … ${2_500 - MAX_LISTED_CHANGES} more changes not listed here: the app's Apply view shows the full review and exports it.`,
    );
  });
});
