/**
 * The vendor's side of an update: Gitpod creates a change set on the cell's instance stack. It
 * talks to moto directly, so its calls are not counted at the proxy with the app's.
 */
import {
  CloudFormationClient,
  CreateChangeSetCommand,
  DeleteChangeSetCommand,
} from '@aws-sdk/client-cloudformation';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { loadFixture } from '../../../test/fixtures/templates/index';
import { motoClientConfig } from '../../../test/support/moto-server';
import type { BenchCell } from './seeded-cells';

export class Vendor {
  private readonly cloudFormation: CloudFormationClient;
  private readonly s3: S3Client;
  private templateUrl: string | null = null;

  constructor(
    motoEndpoint: string,
    private readonly cell: BenchCell,
  ) {
    const config = { ...motoClientConfig(motoEndpoint, cell.draft.region), credentials: cell.credentials };
    this.cloudFormation = new CloudFormationClient(config);
    this.s3 = new S3Client({ ...config, forcePathStyle: true });
  }

  /** Creates a change set on the instance stack (CREATE_COMPLETE at once in moto); returns its id. */
  async createChangeSet(name: string): Promise<string> {
    const { seeded, draft } = this.cell;
    const created = await this.cloudFormation.send(
      new CreateChangeSetCommand({
        StackName: draft.instanceStack,
        ChangeSetName: name,
        // moto defaults to CREATE, which would be refused for an existing stack.
        ChangeSetType: 'UPDATE',
        Description: `Infrastructure Update ${name}`,
        TemplateURL: await this.nextTemplateUrl(),
        Parameters: [
          { ParameterKey: 'DomainName', ParameterValue: 'gitpod.acme-corp.example.com' },
          { ParameterKey: 'CellId', ParameterValue: draft.name.replace('-', '') },
        ],
        RoleARN: seeded.roleArn,
        Capabilities: ['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM'],
      }),
    );
    if (!created.Id) throw new Error(`CreateChangeSet ${name} returned no Id`);
    return created.Id;
  }

  async deleteChangeSet(id: string): Promise<void> {
    await this.cloudFormation.send(new DeleteChangeSetCommand({ ChangeSetName: id }));
  }

  destroy(): void {
    this.cloudFormation.destroy();
    this.s3.destroy();
  }

  /**
   * The next release's instance template: the seeded one with another description (a change
   * set needs a change), beside the seeded one in S3 since it is over 51,200 bytes.
   */
  private async nextTemplateUrl(): Promise<string> {
    if (this.templateUrl) return this.templateUrl;
    const seededUrl = this.cell.seeded.instanceTemplateUrl;
    if (!seededUrl) throw new Error('the seeded instance template was expected to go through S3');
    const template = JSON.parse(loadFixture('instance.json')) as Record<string, unknown>;
    template.Description = `${String(template.Description ?? '')} (next release)`;
    const url = new URL(seededUrl);
    const [, bucket = '', ...key] = url.pathname.split('/');
    const nextKey = [...key.slice(0, -1), 'instance-next.json'].join('/');
    await this.s3.send(
      new PutObjectCommand({ Bucket: bucket, Key: nextKey, Body: JSON.stringify(template) }),
    );
    this.templateUrl = `${url.origin}/${bucket}/${nextKey}`;
    return this.templateUrl;
  }
}
