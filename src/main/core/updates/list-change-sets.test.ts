import {
  type ChangeSetSummary,
  CloudFormationClient,
  DescribeStacksCommand,
  GetTemplateCommand,
  ListChangeSetsCommand,
  type ListChangeSetsCommandInput,
} from '@aws-sdk/client-cloudformation';
import { S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../../../../test/fixtures/templates/index';
import {
  CELL,
  changeSetArn,
  INSTANCE_STACK,
  ROLE_STACK,
  stackArn,
} from '../../../../test/support/update-fixtures';
import { CellChecker } from '../cells/cell-checker';
import { CellInspector } from '../cells/inspect-cell';
import { templateFingerprint } from '../templates/canonical';
import { parseTemplate } from '../templates/parse-template';
import { listChangeSets, MAX_CHANGE_SETS_PER_STACK } from './list-change-sets';

/*
 * Scripted SDK replies (aws-sdk-client-mock): pagination, a foreign stack's change sets in the
 * reply (as moto gives them), and a denied listing are things moto cannot show. The moto test
 * is test/integration/updates-pending.test.ts.
 */
const cfn = mockClient(CloudFormationClient);
const sts = mockClient(STSClient);
let client: CloudFormationClient;

function summary(name: string, stack: string, created: string, overrides: Partial<ChangeSetSummary> = {}) {
  return {
    StackId: stackArn(stack),
    StackName: stack,
    ChangeSetId: changeSetArn(name),
    ChangeSetName: name,
    Status: 'CREATE_COMPLETE',
    ExecutionStatus: 'AVAILABLE',
    CreationTime: new Date(created),
    ...overrides,
  } satisfies ChangeSetSummary;
}

beforeEach(() => {
  cfn.reset();
  sts.reset();
  client = new CloudFormationClient({ region: 'eu-central-1' });
});

afterEach(() => {
  client.destroy();
});

describe('main/core/updates/list-change-sets', () => {
  it('reads every page, keeps only the asked stack’s change sets, newest first', async () => {
    cfn
      .on(ListChangeSetsCommand, { StackName: stackArn(INSTANCE_STACK), NextToken: undefined })
      .resolves({
        Summaries: [
          summary('v36', INSTANCE_STACK, '2026-02-01T00:00:00Z'),
          summary('other', 'unrelated', '2026-03-03T00:00:00Z'),
        ],
        NextToken: 'page-2',
      })
      .on(ListChangeSetsCommand, { StackName: stackArn(INSTANCE_STACK), NextToken: 'page-2' })
      .resolves({ Summaries: [summary('v37', INSTANCE_STACK, '2026-03-01T00:00:00Z')] });
    const listed = await listChangeSets(client, stackArn(INSTANCE_STACK));
    expect(listed.changeSets.map((c) => c.ChangeSetName)).toEqual(['v37', 'v36']);
    expect(listed.complete).toBe(true);
    expect(cfn.commandCalls(ListChangeSetsCommand)).toHaveLength(2);
  });

  it('keeps the newest when a stack has very many, and says the list is not complete', async () => {
    const many = Array.from({ length: MAX_CHANGE_SETS_PER_STACK + 5 }, (_, i) =>
      summary(`cs-${i}`, INSTANCE_STACK, new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString()),
    );
    cfn.on(ListChangeSetsCommand).resolves({ Summaries: many });
    const listed = await listChangeSets(client, stackArn(INSTANCE_STACK));
    expect(listed.changeSets).toHaveLength(MAX_CHANGE_SETS_PER_STACK);
    expect(listed.changeSets[0]?.ChangeSetName).toBe(`cs-${MAX_CHANGE_SETS_PER_STACK + 4}`);
    expect(listed.complete).toBe(false);
  });

  describe('CellInspector.inspectCell', () => {
    beforeEach(() => {
      cfn.on(DescribeStacksCommand).resolves({
        Stacks: [ROLE_STACK, INSTANCE_STACK].map((name) => ({
          StackName: name,
          StackId: stackArn(name),
          StackStatus: 'UPDATE_COMPLETE',
          CreationTime: new Date('2025-01-01T00:00:00Z'),
        })),
      });
      cfn
        .on(GetTemplateCommand, { StackName: ROLE_STACK })
        .resolves({ TemplateBody: loadFixture('role.yaml') })
        .on(GetTemplateCommand, { StackName: INSTANCE_STACK })
        .resolves({ TemplateBody: '{ not json' });
    });

    it('lists each found stack’s change sets once per refresh and fingerprints the templates it already read', async () => {
      cfn.on(ListChangeSetsCommand).callsFake((input: ListChangeSetsCommandInput) =>
        Promise.resolve({
          Summaries:
            input.StackName === stackArn(INSTANCE_STACK)
              ? [
                  summary('v37', INSTANCE_STACK, '2026-03-01T00:00:00Z', {
                    Description: ' Infrastructure Update v37 ',
                  }),
                ]
              : [],
        }),
      );
      const inspector = new CellInspector(client);
      await inspector.inspectCell(CELL);
      const { stacks, updateSignals, changeSetErrors } = await inspector.inspectCell(CELL);

      expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(2);
      expect(cfn.commandCalls(ListChangeSetsCommand)).toHaveLength(4);
      expect(cfn.commandCalls(GetTemplateCommand)).toHaveLength(2);
      expect(stacks.map((s) => s.name)).toEqual([ROLE_STACK, INSTANCE_STACK]);
      expect(changeSetErrors).toEqual([]);
      expect(updateSignals).toEqual({
        changeSets: [
          {
            stackKind: 'instance',
            stackName: INSTANCE_STACK,
            changeSetId: changeSetArn('v37'),
            changeSetName: 'v37',
            status: 'CREATE_COMPLETE',
            executionStatus: 'AVAILABLE',
            creationTime: '2026-03-01T00:00:00.000Z',
            description: 'Infrastructure Update v37',
          },
        ],
        listedStacks: [ROLE_STACK, INSTANCE_STACK],
        // The instance template could not be parsed: no fingerprint, so imports stay pending.
        deployedTemplates: [
          {
            stackKind: 'role',
            stackName: ROLE_STACK,
            fingerprint: templateFingerprint(parseTemplate(loadFixture('role.json'))),
          },
        ],
      });
    });

    it('still reports the stacks when a listing is denied, and hands the error on', async () => {
      const denied = Object.assign(new Error('not authorized to perform: cloudformation:ListChangeSets'), {
        name: 'AccessDenied',
      });
      cfn
        .on(ListChangeSetsCommand, { StackName: stackArn(ROLE_STACK) })
        .rejects(denied)
        .on(ListChangeSetsCommand, { StackName: stackArn(INSTANCE_STACK) })
        .resolves({ Summaries: [] });
      const { stacks, updateSignals, changeSetErrors } = await new CellInspector(client).inspectCell(CELL);
      expect(stacks).toHaveLength(2);
      expect(changeSetErrors).toEqual([denied]);
      expect(updateSignals.listedStacks).toEqual([INSTANCE_STACK]);
    });

    it('makes a denied listing an error of the check that names the action, with the stacks still reported', async () => {
      sts.on(GetCallerIdentityCommand).resolves({
        Account: CELL.accountId,
        Arn: 'arn:aws:iam::123456789012:user/a',
        UserId: 'AIDAEXAMPLE',
      });
      const denied = Object.assign(
        new Error('User is not authorized to perform: cloudformation:ListChangeSets'),
        {
          name: 'AccessDenied',
          $metadata: { httpStatusCode: 403 },
        },
      );
      cfn.on(ListChangeSetsCommand).rejects(denied);
      const checker = new CellChecker(() => ({
        cloudFormation: client,
        sts: new STSClient({
          region: 'eu-central-1',
          credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'not-used' },
        }),
        s3: new S3Client({ region: 'eu-central-1' }),
        destroy: () => undefined,
      }));
      const check = await checker.check(CELL);
      expect(check.stacks.map((s) => s.status)).toEqual(['UPDATE_COMPLETE', 'UPDATE_COMPLETE']);
      // Both stacks denied the same way: one error.
      expect(check.errors).toHaveLength(1);
      expect(check.errors[0]?.message).toContain('cloudformation:ListChangeSets');
      expect(check.updateSignals?.listedStacks).toEqual([]);
    });
  });
});
