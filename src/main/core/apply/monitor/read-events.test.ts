import {
  CloudFormationClient,
  DescribeStackEventsCommand,
  type StackEvent,
} from '@aws-sdk/client-cloudformation';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newestEventId, readEventsAfter } from './read-events';

const cfn = mockClient(CloudFormationClient);
let client: CloudFormationClient;

function event(id: string, at: string, token?: string): StackEvent {
  return {
    StackId: 'arn:stack',
    StackName: 'gitpod-role',
    EventId: id,
    LogicalResourceId: 'Bucket',
    ResourceType: 'AWS::S3::Bucket',
    ResourceStatus: 'UPDATE_IN_PROGRESS',
    Timestamp: new Date(at),
    ...(token ? { ClientRequestToken: token } : {}),
  };
}

beforeEach(() => {
  cfn.reset();
  client = new CloudFormationClient({ region: 'eu-central-1' });
});

afterEach(() => client.destroy());

describe('core/apply/monitor/read-events', () => {
  it('reads pages until the last event already seen, and returns the new ones oldest first', async () => {
    cfn
      .on(DescribeStackEventsCommand, { StackName: 'arn:stack', NextToken: undefined })
      .resolves({
        StackEvents: [event('e5', '2026-03-02T09:00:05Z'), event('e4', '2026-03-02T09:00:04Z')],
        NextToken: 'p2',
      })
      .on(DescribeStackEventsCommand, { StackName: 'arn:stack', NextToken: 'p2' })
      .resolves({
        StackEvents: [event('e3', '2026-03-02T09:00:03Z'), event('e2', '2026-03-02T09:00:02Z')],
        NextToken: 'p3',
      });
    const read = await readEventsAfter(client, { stack: 'arn:stack', after: 'e2' });
    expect(read.events.map((e) => e.id)).toEqual(['e3', 'e4', 'e5']);
    expect(read.newestId).toBe('e5');
    expect(read.complete).toBe(true);
    expect(read.calls).toBe(2);
  });

  it('reads one page when nothing is new', async () => {
    cfn
      .on(DescribeStackEventsCommand)
      .resolves({ StackEvents: [event('e5', '2026-03-02T09:00:05Z')], NextToken: 'p2' });
    const read = await readEventsAfter(client, { stack: 'arn:stack', after: 'e5' });
    expect(read).toEqual({ events: [], newestId: 'e5', complete: true, calls: 1 });
  });

  it("leaves out another operation's events (another token), keeps those without a token", async () => {
    cfn.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        event('e4', '2026-03-02T09:00:04Z', 'ours'),
        event('e3', '2026-03-02T09:00:03Z', 'Console-UpdateStack-xyz'),
        event('e2', '2026-03-02T09:00:02Z'),
        event('e1', '2026-03-02T09:00:01Z'),
      ],
    });
    const read = await readEventsAfter(client, {
      stack: 'arn:stack',
      after: 'e1',
      clientRequestToken: 'ours',
    });
    expect(read.events.map((e) => e.id)).toEqual(['e2', 'e4']);
    expect(read.newestId).toBe('e4');
  });

  it('without a baseline, keeps events since the given instant only', async () => {
    cfn.on(DescribeStackEventsCommand).resolves({
      StackEvents: [
        event('e3', '2026-03-02T09:00:03Z'),
        event('e2', '2026-03-02T09:00:02Z'),
        event('e1', '2026-03-01T00:00:00Z'),
      ],
      NextToken: 'more',
    });
    const read = await readEventsAfter(client, {
      stack: 'arn:stack',
      since: new Date('2026-03-02T09:00:00Z'),
    });
    expect(read.events.map((e) => e.id)).toEqual(['e2', 'e3']);
    expect(read.calls).toBe(1);
  });

  it('stops at the page limit and says the read is incomplete', async () => {
    cfn
      .on(DescribeStackEventsCommand)
      .resolves({ StackEvents: [event('x', '2026-03-02T09:00:00Z')], NextToken: 'again' });
    const read = await readEventsAfter(client, { stack: 'arn:stack', after: 'never' }, 3);
    expect(read.calls).toBe(3);
    expect(read.complete).toBe(false);
  });

  it('names the newest event as the baseline before a call', async () => {
    cfn
      .on(DescribeStackEventsCommand)
      .resolves({ StackEvents: [event('e9', '2026-03-02T09:00:09Z'), event('e8', '2026-03-02T09:00:08Z')] });
    expect(await newestEventId(client, 'arn:stack')).toBe('e9');
  });
});
