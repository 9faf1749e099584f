import { fullDiff } from '@aws-cdk/cloudformation-diff';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../../../../../test/fixtures/templates/index';
import type { Template } from '../../templates/parse-template';
import { permissionChanges, permissionSubset } from './permission-changes';

/** A reference as cloudformation-diff renders it: "${Logical.Attribute}". */
function cfnRef(reference: string): string {
  return `$\{${reference}}`;
}

type Resources = Record<
  string,
  { Type: string; Properties: Record<string, unknown>; [key: string]: unknown }
>;

function instance(): Template & { Resources: Resources } {
  return JSON.parse(loadFixture('instance.json')) as Template & { Resources: Resources };
}

/** The Gitpod instance template with permission changes of every kind, and replacements around them. */
function changedInstance(): Template {
  const next = instance();
  const resources = next.Resources;
  const policy = resources.workspacesroleDefaultPolicyB12E5B88?.Properties.PolicyDocument as {
    Statement: unknown[];
  };
  policy.Statement.push({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
  const ingress = resources.databasesgfromgitpodcellnodessgtcp330604F32CCE?.Properties as Record<
    string,
    unknown
  >;
  delete ingress.SourceSecurityGroupId;
  ingress.CidrIp = '0.0.0.0/0';
  delete resources.certmanagerDefaultPolicy951D9614;
  (resources.nodesrole4C162DBE?.Properties as Record<string, unknown>).ManagedPolicyArns = [
    'arn:aws:iam::aws:policy/AdministratorAccess',
  ];
  resources.DebugGroup = {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: {
      GroupDescription: 'debug',
      VpcId: 'vpc-1',
      SecurityGroupIngress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }],
    },
  };
  // Replacements elsewhere: the cut must not change what the tables say about permissions.
  for (const resource of Object.values(resources)) {
    if (resource.Type === 'AWS::S3::Bucket' || resource.Type === 'AWS::EC2::Subnet') {
      resource.Properties = { ...resource.Properties, Tags: [{ Key: 'v', Value: '38' }] };
    }
    if (resource.Type === 'AWS::IAM::Role') {
      resource.Properties = { ...resource.Properties, Description: 'renamed in v38' };
    }
  }
  return next;
}

/** Rows as the tables render them, order-free. */
function rows(diff: ReturnType<typeof fullDiff>) {
  const sort = (items: string[]) => items.sort();
  return {
    added: sort(diff.iamChanges.statements.additions.map((s) => JSON.stringify(s.render()))),
    removed: sort(diff.iamChanges.statements.removals.map((s) => JSON.stringify(s.render()))),
    managed: sort(
      diff.iamChanges.managedPolicies.additions.map((p) => `${p.identityArn} ${p.managedPolicyArn}`),
    ),
    ingress: sort(
      diff.securityGroupChanges.ingress.additions.map(
        (r) => `${r.groupId} ${r.describeProtocol()} ${r.describePeer()}`,
      ),
    ),
    ingressRemoved: sort(
      diff.securityGroupChanges.ingress.removals.map(
        (r) => `${r.groupId} ${r.describeProtocol()} ${r.describePeer()}`,
      ),
    ),
    broadened: diff.permissionsBroadened,
  };
}

describe('core/apply/review/permission-changes', () => {
  it('keeps only the differing, permission-bearing part of the templates', () => {
    const subset = permissionSubset(instance(), changedInstance());
    expect([...subset.logicalIds].sort()).toEqual(
      [
        'DebugGroup',
        'certmanagerDefaultPolicy951D9614',
        'databasesgfromgitpodcellnodessgtcp330604F32CCE',
        'nodesrole4C162DBE',
        'workspacesroleDefaultPolicyB12E5B88',
      ].sort(),
    );
    // A Role is read through its policy properties only; its Description change is left out.
    const role = (subset.newTemplate.Resources as Resources).nodesrole4C162DBE;
    expect(Object.keys(role?.Properties ?? {}).sort()).toEqual(
      ['AssumeRolePolicyDocument', 'ManagedPolicyArns', 'Policies'].filter((key) =>
        Object.hasOwn(role?.Properties ?? {}, key),
      ),
    );
    expect(role?.Properties).not.toHaveProperty('Description');
  });

  it('gives the same IAM and security-group tables as fullDiff on the whole templates', () => {
    const before = instance();
    const after = changedInstance();
    const whole = rows(fullDiff(before, after));
    const subset = permissionSubset(before, after);
    const cut = rows(fullDiff(subset.oldTemplate, subset.newTemplate));
    expect(cut).toEqual(whole);
    expect(whole.added.length).toBeGreaterThan(0);
    expect(whole.managed).toEqual([
      `${cfnRef('nodesrole4C162DBE')} arn:aws:iam::aws:policy/AdministratorAccess`,
    ]);
    expect(whole.ingress).toContain(`${cfnRef('DebugGroup.GroupId')} TCP 22 Everyone (IPv4)`);
    expect(whole.broadened).toBe(true);
  });

  it('turns the diff into table rows with broadening marked', () => {
    const result = permissionChanges(instance(), changedInstance(), { Changes: [] });
    expect(result.source).toBe('cloudformation-diff');
    expect(result.broadened).toBe(true);
    // ManagedPolicyArns was replaced: one policy attached (broadening), four detached (not).
    expect(result.managedPolicies.filter((row) => row.change === 'added')).toEqual([
      {
        change: 'added',
        identity: cfnRef('nodesrole4C162DBE'),
        policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        broadening: true,
      },
    ]);
    const detached = result.managedPolicies.filter((row) => row.change === 'removed');
    expect(detached).toHaveLength(4);
    expect(detached.every((row) => !row.broadening)).toBe(true);
    expect(result.iamStatements).toContainEqual(
      expect.objectContaining({ change: 'added', action: 's3:*', effect: 'Allow', broadening: true }),
    );
    // The removed certmanager policy's statements narrow permissions.
    expect(
      result.iamStatements.filter((row) => row.change === 'removed').every((row) => !row.broadening),
    ).toBe(true);
    expect(result.securityGroupRules).toContainEqual({
      change: 'added',
      group: cfnRef('databasesgEA3F05C1.GroupId'),
      direction: 'ingress',
      protocol: 'TCP 3306',
      peer: 'Everyone (IPv4)',
      broadening: true,
    });
  });
});
