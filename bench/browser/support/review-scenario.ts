/**
 * A role-stack update of 2,000 changes that hang together: the deployed template, the proposed
 * one and the change set describe the same resources, so the review the app builds from them (the
 * changes, the risks, the IAM and security-group tables, the template diff) is what a real update
 * of that size would give, not 2,000 rows of filler. Deterministic: every run measures the same.
 */
import { loadFixture } from '../../../test/fixtures/templates/index';
import type { ScriptedChange, ScriptedChangeDetail } from './query-xml';

type Properties = Record<string, unknown>;

interface Slot {
  readonly index: number;
  readonly action: ScriptedChange['action'];
  readonly logicalId: string;
  readonly resourceType: string;
  readonly physicalId: string;
  readonly before: Properties;
  readonly after: Properties;
  /** The properties that differ, each with how CloudFormation treats its change. */
  readonly changed: ReadonlyArray<Omit<ScriptedChangeDetail, 'beforeValue' | 'afterValue'>>;
  readonly replacement: NonNullable<ScriptedChange['replacement']>;
}

export interface ReviewScenario {
  /** What GetTemplate of the stack answers: the role template plus the resources modified or removed. */
  readonly deployedTemplate: string;
  /** The imported update: the role template plus the resources modified or added. */
  readonly proposedTemplate: string;
  /** The change set, in CloudFormation's order. */
  readonly changes: readonly ScriptedChange[];
  readonly counts: { readonly add: number; readonly modify: number; readonly remove: number };
  /**
   * CloudFormation declares at most 500 resources per template, so no single stack's change set
   * lists 2,000 changes: the benchmark is a stress beyond that. The template checks (moto runs
   * cfn-lint, which enforces the quota) see the role template alone, with the same parameters and
   * capabilities; everything else (the change set, both templates, the diff) is the full size.
   */
  readonly standInTemplate: string;
}

const COMPONENTS = [
  'Workspace',
  'IdeProxy',
  'Registry',
  'Dashboard',
  'Server',
  'Usage',
  'Supervisor',
  'ImageBuilder',
  'Content',
  'Blobserve',
  'WsManager',
  'Proxy',
];
const ACCOUNT = '123456789012';
const REGION = 'eu-central-1';

/** An 8-hex-digit suffix like the ones CDK appends to logical ids. */
function hash(index: number): string {
  return (Math.imul(index + 1, 2654435761) >>> 0).toString(16).padStart(8, '0').toUpperCase();
}

function actionOf(index: number): ScriptedChange['action'] {
  const bucket = index % 10;
  return bucket < 7 ? 'Modify' : bucket < 9 ? 'Add' : 'Remove';
}

function valueText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The resource in slot `index`: its type, both versions of its properties, and what changes. */
function slotOf(index: number): Slot {
  const action = actionOf(index);
  const component = COMPONENTS[index % COMPONENTS.length] ?? 'Cell';
  const suffix = hash(index);
  const name = `${component.toLowerCase()}-${index}`;
  const never = (property: string): Slot['changed'][number] => ({
    name: property,
    requiresRecreation: 'Never',
    evaluation: 'Static',
    changeSource: 'DirectModification',
  });
  const base = { index, action };

  if (index % 40 === 3) {
    const policy = (actions: string[]): Properties => ({
      PolicyName: `gitpod-cell-${name}`,
      Roles: [{ Ref: 'GitpodSetupAndInitialEKSUserAdmin' }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: actions, Resource: `arn:aws:s3:::gitpod-cell-${name}/*` }],
      },
    });
    return {
      ...base,
      logicalId: `${component}AccessPolicy${suffix}`,
      resourceType: 'AWS::IAM::Policy',
      physicalId: `gitpo-${component.slice(0, 5)}-${suffix}`,
      before: policy(['s3:GetObject']),
      after: policy(['s3:GetObject', 's3:PutObject']),
      changed: [never('PolicyDocument')],
      replacement: 'False',
    };
  }
  if (index % 40 === 23) {
    const ingress = (cidr: string): Properties => ({
      GroupId: 'sg-0a1b2c3d4e5f60718',
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
      CidrIp: cidr,
      Description: `HTTPS to ${component}`,
    });
    return {
      ...base,
      logicalId: `${component}HttpsIngress${suffix}`,
      resourceType: 'AWS::EC2::SecurityGroupIngress',
      physicalId: `sgr-0${suffix.toLowerCase()}12345678`,
      before: ingress('10.64.0.0/16'),
      after: ingress('10.0.0.0/8'),
      changed: [{ ...never('CidrIp'), requiresRecreation: 'Always' }],
      replacement: 'True',
    };
  }
  switch (index % 4) {
    case 0: {
      const parameter = (release: string): Properties => ({
        Name: `/gitpod/cell/${name}`,
        Type: 'String',
        Value: `${release}-${index}`,
        Description: `Gitpod cell setting ${index} of ${component}`,
      });
      return {
        ...base,
        logicalId: `${component}Setting${suffix}`,
        resourceType: 'AWS::SSM::Parameter',
        physicalId: `/gitpod/cell/${name}`,
        before: parameter('release-2026.41'),
        after: parameter('release-2026.42'),
        changed: [never('Value')],
        replacement: 'False',
      };
    }
    case 1:
      return {
        ...base,
        logicalId: `${component}Logs${suffix}`,
        resourceType: 'AWS::Logs::LogGroup',
        physicalId: `/gitpod/cell/${name}`,
        before: { LogGroupName: `/gitpod/cell/${name}`, RetentionInDays: 30 },
        after: { LogGroupName: `/gitpod/cell/${name}`, RetentionInDays: 90 },
        changed: [never('RetentionInDays')],
        replacement: 'False',
      };
    case 2: {
      // Now and then a queue is renamed: CloudFormation must replace it.
      const renamed = index % 70 === 2;
      const queue = (version: 'before' | 'after'): Properties => ({
        QueueName: `gitpod-cell-${name}${renamed && version === 'after' ? '-v2' : ''}`,
        VisibilityTimeout: version === 'before' ? 30 : 60,
        MessageRetentionPeriod: 345_600,
      });
      return {
        ...base,
        logicalId: `${component}Queue${suffix}`,
        resourceType: 'AWS::SQS::Queue',
        physicalId: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/gitpod-cell-${name}`,
        before: queue('before'),
        after: queue('after'),
        changed: renamed
          ? [never('VisibilityTimeout'), { ...never('QueueName'), requiresRecreation: 'Always' }]
          : [never('VisibilityTimeout')],
        replacement: renamed ? 'True' : 'False',
      };
    }
    default: {
      // Now and then a topic's name comes from the stack name: replaced or not, CloudFormation
      // can only tell during the update.
      const fromStack = Math.floor(index / 4) % 12 === 0;
      return {
        ...base,
        logicalId: `${component}Topic${suffix}`,
        resourceType: 'AWS::SNS::Topic',
        physicalId: `arn:aws:sns:${REGION}:${ACCOUNT}:gitpod-cell-${name}`,
        before: { TopicName: `gitpod-cell-${name}`, DisplayName: `Gitpod ${component} ${index}` },
        after: {
          TopicName: fromStack ? { 'Fn::Sub': `\${AWS::StackName}-${name}` } : `gitpod-cell-${name}`,
          DisplayName: `Gitpod cell ${component} ${index}`,
        },
        changed: fromStack
          ? [
              never('DisplayName'),
              {
                name: 'TopicName',
                requiresRecreation: 'Conditionally',
                evaluation: 'Dynamic',
                changeSource: 'DirectModification',
              },
            ]
          : [never('DisplayName')],
        replacement: fromStack ? 'Conditional' : 'False',
      };
    }
  }
}

function changeOf(slot: Slot): ScriptedChange {
  const common = { logicalId: slot.logicalId, resourceType: slot.resourceType };
  if (slot.action === 'Add') {
    return {
      ...common,
      action: 'Add',
      details: [],
      afterContext: JSON.stringify({ Properties: slot.after }),
    };
  }
  if (slot.action === 'Remove') {
    return {
      ...common,
      action: 'Remove',
      physicalId: slot.physicalId,
      policyAction: 'Delete',
      details: [],
      beforeContext: JSON.stringify({ Properties: slot.before }),
    };
  }
  const details = slot.changed.map((detail): ScriptedChangeDetail => {
    const beforeValue = valueText(slot.before[detail.name]);
    const afterValue = valueText(slot.after[detail.name]);
    return {
      ...detail,
      ...(beforeValue === undefined ? {} : { beforeValue }),
      ...(afterValue === undefined ? {} : { afterValue }),
    };
  });
  return {
    ...common,
    action: 'Modify',
    physicalId: slot.physicalId,
    replacement: slot.replacement,
    ...(slot.replacement === 'True' ? { policyAction: 'ReplaceAndDelete' } : {}),
    details,
    beforeContext: JSON.stringify({ Properties: slot.before }),
    afterContext: JSON.stringify({ Properties: slot.after }),
  };
}

/** `total` changes: 70 % modified, 20 % added, 10 % removed, interleaved. */
export function reviewScenario(total = 2_000): ReviewScenario {
  const roleText = loadFixture('role.json');
  const role = JSON.parse(roleText) as { Resources: Record<string, unknown> };
  const deployed = structuredClone(role);
  const proposed = structuredClone(role);
  const changes: ScriptedChange[] = [];
  const counts = { add: 0, modify: 0, remove: 0 };
  for (let index = 0; index < total; index++) {
    const slot = slotOf(index);
    const resource = (properties: Properties) => ({
      Type: slot.resourceType,
      Properties: properties,
      Metadata: { 'gitpod:component': slot.logicalId.replace(/[A-Z0-9]{8}$/, '') },
    });
    if (slot.action !== 'Add') deployed.Resources[slot.logicalId] = resource(slot.before);
    if (slot.action !== 'Remove') proposed.Resources[slot.logicalId] = resource(slot.after);
    changes.push(changeOf(slot));
    if (slot.action === 'Add') counts.add++;
    else if (slot.action === 'Modify') counts.modify++;
    else counts.remove++;
  }
  return {
    deployedTemplate: JSON.stringify(deployed, null, 1),
    proposedTemplate: JSON.stringify(proposed, null, 1),
    changes,
    counts,
    standInTemplate: roleText,
  };
}
