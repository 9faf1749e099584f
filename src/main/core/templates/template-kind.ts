import { GITPOD_ROLE_NAME } from '../../../shared/cells/cell';
import { appError } from '../errors/app-error';
import { CDK_PATH_PREFIX, createsGitpodRole, gitpodCdkMetadataCount } from './gitpod-markers';
import type { Template } from './parse-template';

export type TemplateKind = 'role' | 'instance';

export interface TemplateRecognition {
  readonly kind: TemplateKind | 'unknown';
  /** Why, in phrases that fit after "it": shown next to the imported file. */
  readonly evidence: readonly string[];
}

/**
 * Tells the role template from the instance template by content, with the same markers stack
 * discovery uses: the role template creates the IAM role GitpodSetupAndInitialEKSUserAdmin; the
 * instance template's resources carry CDK metadata under `gitpod-cell/`. A template with both
 * markers, or neither, is 'unknown': guessing would risk sending a template to the wrong stack.
 */
export function recogniseTemplate(template: Template): TemplateRecognition {
  const role = createsGitpodRole(template);
  const { tagged, total } = gitpodCdkMetadataCount(template);
  const roleEvidence = `creates the IAM role ${GITPOD_ROLE_NAME}`;
  const instanceEvidence = `has CDK metadata under ${CDK_PATH_PREFIX} on ${tagged} of ${total} resources`;
  if (role && tagged > 0) {
    return {
      kind: 'unknown',
      evidence: [roleEvidence, instanceEvidence, 'has the marks of both Gitpod templates'],
    };
  }
  if (role) return { kind: 'role', evidence: [roleEvidence] };
  if (tagged > 0) return { kind: 'instance', evidence: [instanceEvidence] };
  return {
    kind: 'unknown',
    evidence: [
      `does not create the IAM role ${GITPOD_ROLE_NAME}`,
      `has no CDK metadata under ${CDK_PATH_PREFIX}`,
    ],
  };
}

/**
 * Throws a user-facing error unless the template is of the expected kind: a role template
 * offered for the instance stack (or the reverse) must never reach a change set.
 */
export function expectTemplateKind(template: Template, expected: TemplateKind, name: string): void {
  const { kind, evidence } = recogniseTemplate(template);
  if (kind === expected) return;
  const because = evidence.join(', ');
  if (kind === 'unknown') {
    throw appError(
      'template-not-recognised',
      `${name} does not look like the Gitpod Dedicated ${expected} template: it ${because}.`,
      `Check that this is the file Gitpod's account manager sent for the ${expected} stack.`,
    );
  }
  throw appError(
    'template-wrong-stack',
    `${name} is the ${kind} template (it ${because}), but it was offered for the ${expected} stack.`,
    `Offer it as the ${kind} template, and pick the ${expected} template for the ${expected} stack.`,
  );
}

/** CloudFormation's limit for an inline `TemplateBody`. */
export const TEMPLATE_BODY_MAX_BYTES = 51_200;
/**
 * CloudFormation's limit for a template read from S3 (`TemplateURL`): "1 MB". The inline limit
 * of 51,200 bytes is 50 KiB, so MB here is read the same way, as MiB.
 */
export const TEMPLATE_URL_MAX_BYTES = 1_048_576;

export type TemplateDelivery = 'inline' | 's3' | 'too-large';

export interface TemplateSize {
  readonly delivery: TemplateDelivery;
  readonly bytes: number;
  readonly message: string;
}

function byteCount(content: number | string | Uint8Array): number {
  if (typeof content === 'number') return content;
  return typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
}

/** "48.8 KB (50,000 bytes)": KB and MB in 1024s, as CloudFormation's limits are. */
export function formatBytes(bytes: number): string {
  const exact = `${bytes.toLocaleString('en-US')} bytes`;
  if (bytes < 1024) return exact;
  const scaled =
    bytes < 1_048_576 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1_048_576).toFixed(2)} MB`;
  return `${scaled} (${exact})`;
}

/**
 * How a template of this size reaches CloudFormation: inline as `TemplateBody`, through S3 as
 * `TemplateURL`, or not at all. Sizes are UTF-8 bytes of the text as submitted, which is what
 * CloudFormation counts.
 */
export function templateSize(content: number | string | Uint8Array): TemplateSize {
  const bytes = byteCount(content);
  const size = formatBytes(bytes);
  if (bytes <= TEMPLATE_BODY_MAX_BYTES) {
    return { delivery: 'inline', bytes, message: `The template is ${size}; it can be sent inline.` };
  }
  if (bytes <= TEMPLATE_URL_MAX_BYTES) {
    return {
      delivery: 's3',
      bytes,
      message: `The template is ${size}, over CloudFormation's inline limit of ${formatBytes(TEMPLATE_BODY_MAX_BYTES)}, so it has to be uploaded to S3 and passed as a template URL.`,
    };
  }
  return {
    delivery: 'too-large',
    bytes,
    message: `The template is ${size}, over CloudFormation's limit of ${formatBytes(TEMPLATE_URL_MAX_BYTES)} for any template.`,
  };
}
