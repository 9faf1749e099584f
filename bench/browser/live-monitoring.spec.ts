import { POLL_INTERVAL_MS } from '../../src/main/core/apply/monitor/stack-monitor';
import { ROLE_STACK } from '../../test/e2e/dashboard/aws-fixtures';
import { changedRoleTemplate } from '../../test/fixtures/templates/index';
import { percentile, recordBench, round } from '../support/record';
import { expect, stackIdOf, test } from './support/bench-fixtures';
import { eventSchedule, type PlannedEvent, scheduledChanges } from './support/event-schedule';
import { type EventSighting, watchEventRows } from './support/page-probes';
import { confirmRun, openRunInDashboard, runToConfirmation, waitForRun } from './support/run-to-confirmation';
import type { EndpointCall, ScriptedCloudFormation } from './support/scripted-cloudformation';

/**
 * Issue 7, "Live monitoring": how long after CloudFormation records a stack event the admin sees
 * it in the wizard, and how often the app asks. A real apply run (the ApplyRunner behind the
 * bridge, its 2 s polling on real time) follows a stack whose events the scripted endpoint records
 * at random moments over 80 s; the page notes, by the same wall clock, when each event's row is
 * first painted in the list of recent events.
 */
const RESOURCES = 24;
const WINDOW = { startMs: 500, endMs: 80_000 } as const;
const LABEL = 'Infrastructure Update v43';

interface Playback {
  /** Wall-clock time each planned event was recorded, by "logicalId|status". */
  readonly recordedAt: Map<string, number>;
  executedAt: number;
  finishedAt: number;
  readonly finished: Promise<void>;
  stop(): void;
}

const keyOf = (event: Pick<PlannedEvent, 'logicalId' | 'status'>): string =>
  `${event.logicalId}|${event.status}`;

/**
 * Plays the update in the scripted stack from the moment the app executes the change set: the
 * planned resource events, then the stack's cleanup and UPDATE_COMPLETE shortly after the last.
 */
function playUpdate(
  cloudFormation: ScriptedCloudFormation,
  stack: { readonly name: string; readonly id: string },
  schedule: readonly PlannedEvent[],
): Playback {
  const timers: NodeJS.Timeout[] = [];
  let resolveFinished: () => void = () => {};
  const playback: Playback = {
    recordedAt: new Map(),
    executedAt: 0,
    finishedAt: 0,
    finished: new Promise<void>((resolve) => {
      resolveFinished = resolve;
    }),
    stop: () => {
      for (const timer of timers) clearTimeout(timer);
    },
  };
  const stackEvent = (status: string, token: string | undefined): void => {
    cloudFormation.setStackStatus(status);
    cloudFormation.recordEvent({
      logicalId: stack.name,
      physicalId: stack.id,
      resourceType: 'AWS::CloudFormation::Stack',
      status,
      ...(token === undefined ? {} : { clientRequestToken: token }),
    });
  };
  cloudFormation.script({
    stackName: stack.name,
    stackId: stack.id,
    changes: scheduledChanges(RESOURCES),
    onExecute: ({ clientRequestToken }) => {
      playback.executedAt = Date.now();
      const token = clientRequestToken === undefined ? {} : { clientRequestToken };
      for (const planned of schedule) {
        timers.push(
          setTimeout(() => {
            const event = cloudFormation.recordEvent({
              logicalId: planned.logicalId,
              physicalId: planned.physicalId,
              resourceType: planned.resourceType,
              status: planned.status,
              ...token,
            });
            playback.recordedAt.set(keyOf(planned), event.timestamp.getTime());
          }, planned.atMs),
        );
      }
      timers.push(
        setTimeout(
          () => stackEvent('UPDATE_COMPLETE_CLEANUP_IN_PROGRESS', clientRequestToken),
          WINDOW.endMs + 1_000,
        ),
        setTimeout(() => {
          stackEvent('UPDATE_COMPLETE', clientRequestToken);
          playback.finishedAt = Date.now();
          resolveFinished();
        }, WINDOW.endMs + 2_500),
      );
    },
  });
  return playback;
}

/** The most calls that fell within any 60 s, and the mean rate over the whole monitoring. */
function callsPerMinute(calls: readonly EndpointCall[]): { maxInAnyMinute: number; meanPerMinute: number } {
  const times = calls.map((call) => call.at).sort((a, b) => a - b);
  let maxInAnyMinute = 0;
  for (const [index, start] of times.entries()) {
    const within = times.slice(index).filter((at) => at < start + 60_000).length;
    maxInAnyMinute = Math.max(maxInAnyMinute, within);
  }
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? 0;
  const meanPerMinute = times.length > 1 ? ((times.length - 1) / (last - first)) * 60_000 : 0;
  return { maxInAnyMinute, meanPerMinute };
}

test.describe('bench: live monitoring', () => {
  test.setTimeout(240_000);

  test('stack events reach the wizard within a poll, at one DescribeStackEvents call per 2 s', async ({
    dashboard,
    bridge,
    moto,
    cloudFormation,
  }) => {
    const stack = { name: ROLE_STACK, id: await stackIdOf(moto.endpoint, ROLE_STACK) };
    // A new draw every run: where events fall between the polls is what is measured.
    const seed = Math.floor(Math.random() * 2 ** 31);
    const schedule = eventSchedule(RESOURCES, WINDOW, seed);
    const playback = playUpdate(cloudFormation, stack, schedule);
    try {
      const run = await runToConfirmation(bridge, { label: LABEL, roleTemplate: changedRoleTemplate('v43') });
      await dashboard.reload();
      await openRunInDashboard(dashboard, run);
      await expect(
        dashboard.locator('.apply-step__heading', { hasText: 'Review the changes' }),
      ).toBeVisible();
      await dashboard.evaluate(watchEventRows);

      await confirmRun(bridge, run.runId);
      await expect(dashboard.locator('.apply-step__heading', { hasText: 'Follow the update' })).toBeVisible({
        timeout: 20_000,
      });
      await playback.finished;
      const final = await waitForRun(
        bridge,
        run.runId,
        'its end',
        (view) => view.status === 'finished',
        60_000,
      );
      expect(final.outcome).toBe('updated');

      const sightings = await dashboard.evaluate(
        () => (window as unknown as { __bench: { events: Record<string, EventSighting> } }).__bench.events,
      );
      const seen = schedule.map((planned) => {
        const recordedAt = playback.recordedAt.get(keyOf(planned));
        const paintedAt = sightings[keyOf(planned)]?.paintedAt;
        if (recordedAt === undefined || paintedAt === undefined) {
          throw new Error(
            `${keyOf(planned)} was ${recordedAt === undefined ? 'never recorded' : 'never on screen'}`,
          );
        }
        return { recordedAt, paintedAt };
      });
      const delays = seen.map(({ recordedAt, paintedAt }) => paintedAt - recordedAt);
      expect(delays).toHaveLength(RESOURCES * 2);
      // An event is never on screen before it was recorded (the clocks are the same machine's).
      expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);

      const polls = cloudFormation.calls.filter(
        (call) =>
          call.action === 'DescribeStackEvents' &&
          cloudFormation.isScriptedStack(call.stack) &&
          call.at >= playback.executedAt &&
          call.at <= playback.finishedAt,
      );
      const statusReads = cloudFormation.calls.filter(
        (call) =>
          call.action === 'DescribeStacks' &&
          cloudFormation.isScriptedStack(call.stack) &&
          call.at >= playback.executedAt &&
          call.at <= playback.finishedAt,
      ).length;
      const rate = callsPerMinute(polls);
      // The app's own share of each delay: from the poll that read the event to its row painted.
      const appShares = seen.map(({ recordedAt, paintedAt }) => {
        const poll = polls.find((call) => call.at >= recordedAt);
        return poll === undefined ? Number.NaN : paintedAt - poll.at;
      });
      expect(appShares.every(Number.isFinite)).toBe(true);
      const p50 = percentile(delays, 50);
      const p95 = percentile(delays, 95);
      const monitoredMinutes = (playback.finishedAt - playback.executedAt) / 60_000;

      recordBench({
        group: 'live-monitoring',
        figures: {
          eventToScreenP50Ms: Math.round(p50),
          eventToScreenP95Ms: Math.round(p95),
          describeStackEventsPerMinute: rate.maxInAnyMinute,
        },
        rows: [
          {
            name: `Stack event to screen, p50 (${delays.length} events)`,
            value: Math.round(p50),
            unit: 'ms',
            // A uniformly random event waits half a poll period on average, with no other cost.
            baseline: POLL_INTERVAL_MS / 2,
          },
          {
            name: `Stack event to screen, p95 (${delays.length} events)`,
            value: Math.round(p95),
            unit: 'ms',
            baseline: POLL_INTERVAL_MS * 0.95,
            goal: '< 2500',
            met: p95 < 2_500,
          },
          { name: 'Stack event to screen, worst', value: Math.round(Math.max(...delays)), unit: 'ms' },
          {
            name: "Of which the app's own time, poll to paint (p95)",
            value: Math.round(percentile(appShares, 95)),
            unit: 'ms',
          },
          {
            name: 'Polling period (theoretical bound on the wait)',
            value: POLL_INTERVAL_MS,
            unit: 'ms',
          },
          {
            name: 'DescribeStackEvents calls per stack, most in any minute',
            value: rate.maxInAnyMinute,
            unit: 'calls/min',
            baseline: 60_000 / POLL_INTERVAL_MS,
            goal: '≤ 30',
            met: rate.maxInAnyMinute <= 30,
          },
          {
            name: 'DescribeStackEvents calls per stack, mean rate',
            value: round(rate.meanPerMinute, 1),
            unit: 'calls/min',
          },
        ],
        method:
          `A real apply run on the bridge (ApplyRunner, 2 s polling on real time) follows a scripted CloudFormation endpoint in front of moto that records ${delays.length} stack events at random moments over ${WINDOW.endMs / 1000} s (seed ${seed}); ` +
          `each delay is from the event's recording (Date.now() in Node) to the first frame Chromium painted with its row in the wizard's recent events (MutationObserver, then requestAnimationFrame + a posted message, Date.now() in the page). ` +
          `Calls counted at the endpoint over ${round(monitoredMinutes, 1)} min of monitoring (${polls.length} DescribeStackEvents, ${statusReads} DescribeStacks). Baselines: the wait polling alone imposes on a uniformly random event (½ and 0.95 of the 2 s period); the rest is the app's own time (call, emit, IPC, render, paint).`,
      });
    } finally {
      playback.stop();
    }
  });
});
