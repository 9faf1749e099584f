import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import type { S3Client } from '@aws-sdk/client-s3';
import type { PreflightReport } from '../../../../shared/apply/preflight';
import type { ChangeSetReview } from '../../../../shared/apply/review';
import type { Cell } from '../../../../shared/cells/cell';
import type { StackKind } from '../../../../shared/cells/stack-report';
import type { Result } from '../../../../shared/errors';
import type { AwsClients } from '../../aws/clients';
import type { Logger } from '../../log/logger';
import type { TimerPort } from '../../refresh/timers';
import type { RunStore } from '../journal/run-journal';
import type { PreflightInput, PreflightOptions } from '../preflight/run-preflight';
import type { UploadedTemplate, UploadTemplateInput } from '../template-upload/upload-template';

/** The checks, template delivery and review (core/apply/preflight, template-upload, review). */
export interface ApplyPorts {
  runPreflight(
    clients: AwsClients,
    input: PreflightInput,
    options?: PreflightOptions,
  ): Promise<PreflightReport>;
  uploadTemplate(s3: S3Client, input: UploadTemplateInput): Promise<UploadedTemplate>;
  readChangeSetReview(
    cloudFormation: CloudFormationClient,
    input: {
      readonly stackName: string;
      readonly changeSetId: string;
      readonly deployedTemplate: string;
      readonly proposedTemplate: string | null;
      readonly profile?: string;
    },
  ): Promise<ChangeSetReview>;
}

/** Gitpod's two maintenance switches (core/app-status/maintenance-switch.ts, with the cell's token). */
export type MaintenanceSwitchName = 'notice' | 'mode';

/**
 * Maintenance around a run. Failures are values, with the next step: switching maintenance is
 * a courtesy to the cell's users and never stops the infrastructure update itself.
 */
export interface MaintenancePort {
  isOn(cell: Cell, which: MaintenanceSwitchName): Promise<Result<boolean>>;
  /** Sets the switch; `text` is the notice's, when it is switched on. */
  set(cell: Cell, which: MaintenanceSwitchName, on: boolean, text?: string): Promise<Result<void>>;
}

export interface CallerIdentityLike {
  readonly account: string;
  readonly arn: string;
}

export interface ApplyRunnerOptions {
  /** The runs folder's journal (RunJournal.open(runsDirBeside(settingsPath))). */
  readonly journal: RunStore;
  /**
   * AWS clients for a cell, with the cell's profile and region. The runner destroys them when it
   * pauses or finishes a run, and asks again on resume, so renewed credentials are picked up.
   */
  readonly clientsFor: (cell: Cell) => AwsClients;
  /** The text of an imported template (UpdateStore keeps them), by update and stack kind. */
  readonly readTemplate: (updateId: string, kind: StackKind) => Promise<string>;
  readonly logger: Logger;
  readonly timers?: TimerPort;
  /** Defaults: the real preflight, upload and review. */
  readonly ports?: Partial<ApplyPorts>;
  /** Who the clients act as; default sts:GetCallerIdentity. Checked again when a run resumes. */
  readonly identify?: (clients: AwsClients) => Promise<CallerIdentityLike>;
  /** Random hex for run ids (tests make it predictable). */
  readonly randomHex?: () => string;
  /** Gitpod maintenance around runs that ask for it; absent, such runs are refused. */
  readonly maintenance?: MaintenancePort;
  /** Run drift detection in the preflight of every run (slow on big stacks); a run may ask for it itself. */
  readonly detectDrift?: boolean;
}
