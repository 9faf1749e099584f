import {
  type CloudFormationClient,
  DescribeStackDriftDetectionStatusCommand,
  type DescribeStackDriftDetectionStatusCommandOutput,
  DetectStackDriftCommand,
  paginateDescribeStackResourceDrifts,
  type StackResourceDrift,
} from '@aws-sdk/client-cloudformation';
import {
  type DriftedResource,
  MAX_DRIFTED_RESOURCES,
  type PreflightCheck,
} from '../../../../shared/apply/preflight';
import { type AwsErrorContext, translateAwsError } from '../../aws/errors';
import type { TimerPort } from '../../refresh/timers';
import { listSome, passed, warning } from './check';

export interface DriftOptions {
  readonly timers: TimerPort;
  /** Between two DescribeStackDriftDetectionStatus calls. */
  readonly pollIntervalMs?: number;
  /** Give up waiting (with a warning) after this long. */
  readonly maxWaitMs?: number;
}

export interface DriftResult {
  readonly check: PreflightCheck;
  /** Undefined when detection did not produce results. */
  readonly drifted?: DriftedResource[];
}

/** Drift detection takes tens of seconds for a large stack; a few seconds between polls is plenty. */
export const DRIFT_POLL_INTERVAL_MS = 3_000;
export const DRIFT_MAX_WAIT_MS = 5 * 60_000;
const MAX_DIFFERENCES = 20;

function sleep(timers: TimerPort, ms: number): Promise<void> {
  return new Promise((resolve) => {
    timers.setTimeout(resolve, ms);
  });
}

function toDrifted(drift: StackResourceDrift): DriftedResource | undefined {
  const status = drift.StackResourceDriftStatus;
  if (status !== 'MODIFIED' && status !== 'DELETED') return undefined;
  return {
    logicalId: drift.LogicalResourceId ?? '',
    ...(drift.PhysicalResourceId ? { physicalId: drift.PhysicalResourceId } : {}),
    type: drift.ResourceType ?? '',
    status,
    differences: (drift.PropertyDifferences ?? [])
      .slice(0, MAX_DIFFERENCES)
      .map((difference) => `${difference.PropertyPath ?? ''} (${difference.DifferenceType ?? 'changed'})`),
  };
}

async function waitForDetection(
  cloudFormation: CloudFormationClient,
  detectionId: string,
  options: DriftOptions,
): Promise<DescribeStackDriftDetectionStatusCommandOutput | 'timeout'> {
  const interval = options.pollIntervalMs ?? DRIFT_POLL_INTERVAL_MS;
  const deadline = options.timers.now() + (options.maxWaitMs ?? DRIFT_MAX_WAIT_MS);
  for (;;) {
    await sleep(options.timers, interval);
    const status = await cloudFormation.send(
      new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: detectionId }),
    );
    if (status.DetectionStatus !== 'DETECTION_IN_PROGRESS') return status;
    if (options.timers.now() >= deadline) return 'timeout';
  }
}

/**
 * Optional drift detection: resources changed outside CloudFormation (MODIFIED) or deleted
 * (DELETED) are listed, because the update sets them back to what the template says. Never
 * blocking: drift is something to know before the update, not a reason to refuse it.
 * DETECTION_FAILED still carries results for the resources that could be checked, so they are
 * read and shown with the failure noted.
 */
export async function checkDrift(
  cloudFormation: CloudFormationClient,
  stackName: string,
  options: DriftOptions,
  contextFor: (action: string) => AwsErrorContext,
): Promise<DriftResult> {
  let action = 'cloudformation:DetectStackDrift';
  try {
    const started = await cloudFormation.send(new DetectStackDriftCommand({ StackName: stackName }));
    const detectionId = started.StackDriftDetectionId ?? '';
    action = 'cloudformation:DescribeStackDriftDetectionStatus';
    const status = await waitForDetection(cloudFormation, detectionId, options);
    if (status === 'timeout') {
      return {
        check: warning(
          'drift',
          'Drift detection did not finish in time, so it is not known whether resources were changed outside CloudFormation.',
          'You can go on without it, or run the checks again later.',
        ),
      };
    }
    action = 'cloudformation:DescribeStackResourceDrifts';
    const drifted: DriftedResource[] = [];
    const pages = paginateDescribeStackResourceDrifts(
      { client: cloudFormation },
      { StackName: stackName, StackResourceDriftStatusFilters: ['MODIFIED', 'DELETED'] },
    );
    for await (const page of pages) {
      for (const drift of page.StackResourceDrifts ?? []) {
        const resource = toDrifted(drift);
        if (resource && drifted.length < MAX_DRIFTED_RESOURCES) drifted.push(resource);
      }
    }
    const partly =
      status.DetectionStatus === 'DETECTION_FAILED'
        ? ` Drift could not be checked for every resource${status.DetectionStatusReason ? ` (${status.DetectionStatusReason})` : ''}.`
        : '';
    if (drifted.length === 0) {
      const reason = `No resource was changed outside CloudFormation.${partly}`;
      return { check: partly ? warning('drift', reason) : passed('drift', reason), drifted };
    }
    const names = drifted.map((resource) => `${resource.logicalId} (${resource.status.toLowerCase()})`);
    return {
      check: warning(
        'drift',
        `${drifted.length} resource${drifted.length === 1 ? ' was' : 's were'} changed outside CloudFormation: ${listSome(names)}. The update will overwrite these changes with what the template says.${partly}`,
        'If a change made by hand must stay, tell Gitpod support before applying; otherwise go on.',
      ),
      drifted,
    };
  } catch (error) {
    const translated = translateAwsError(error, contextFor(action));
    return {
      check: warning(
        'drift',
        `Drift detection could not run: ${translated.message}`,
        translated.nextStep ?? 'You can go on without it.',
      ),
    };
  }
}
