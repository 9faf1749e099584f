import type { StackKind } from './cell';
import type { StatusExplanation } from './stack-status';

export interface StackParameter {
  readonly key: string;
  /** '****' where the template marks the parameter NoEcho: CloudFormation never returns it. */
  readonly value: string;
  readonly masked: boolean;
}

export interface StackReport {
  readonly kind: StackKind;
  readonly name: string;
  /** False when the cell names a stack the account does not have (deleted, or a typo). */
  readonly found: boolean;
  readonly stackId?: string;
  readonly status: string;
  readonly explanation: StatusExplanation;
  readonly lastUpdatedTime?: string;
  readonly description?: string;
  readonly roleArn?: string;
  readonly terminationProtection: boolean;
  readonly parameters: StackParameter[];
  readonly outputs: Array<{ key: string; value: string; description?: string }>;
  readonly tags: Array<{ key: string; value: string }>;
}
