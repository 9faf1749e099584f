import {
  type CloudFormationClient,
  GetTemplateSummaryCommand,
  type ParameterDeclaration,
  ValidateTemplateCommand,
} from '@aws-sdk/client-cloudformation';
import type { S3Client } from '@aws-sdk/client-s3';
import type { PreflightCheck } from '../../../../shared/apply/preflight';
import type { StackKind } from '../../../../shared/cells/stack-report';
import { errorFacts } from '../../aws/error-facts';
import { detail } from '../../aws/error-text';
import { type AwsErrorContext, translateAwsError } from '../../aws/errors';
import { AppErrorException } from '../../errors/app-error';
import { sha256Hex } from '../../templates/canonical';
import { parseTemplate, type Template, TemplateParseError } from '../../templates/parse-template';
import { expectTemplateKind, templateSize } from '../../templates/template-kind';
import { type UploadedTemplate, uploadTemplate } from '../template-upload/upload-template';
import { blocking, fromAppError, passed } from './check';
import { declaredParameters } from './template-parameters';

export interface TemplateSummary {
  readonly parameters: readonly ParameterDeclaration[];
  readonly capabilities: readonly string[];
  readonly capabilitiesReason?: string;
}

export interface TemplateSourceResult {
  readonly checks: PreflightCheck[];
  /** The parsed template, when it parses. */
  readonly template?: Template;
  /** From GetTemplateSummary, when CloudFormation accepted the template. */
  readonly summary?: TemplateSummary;
  readonly delivery: 'inline' | 's3';
  readonly templateBytes: number;
  readonly templateUrl?: string;
}

export interface TemplateSourceInput {
  readonly body: string;
  readonly sha256: string;
  readonly kind: StackKind;
  readonly accountId: string;
  readonly region: string;
  readonly profile?: string;
}

export type TemplateUploader = (
  s3: S3Client,
  input: { accountId: string; region: string; body: string; sha256: string; profile?: string },
) => Promise<UploadedTemplate>;

/** What CloudFormation said is wrong with the template, or the translated AWS failure. */
function rejection(error: unknown, context: AwsErrorContext): PreflightCheck {
  const facts = errorFacts(error);
  if (facts.codes.has('ValidationError')) {
    return blocking(
      'template-valid',
      `CloudFormation rejects the template: ${detail(facts.message)}`,
      "Check that this is the file Gitpod's account manager sent, unchanged. If it is, send them this message.",
    );
  }
  return fromAppError('template-valid', 'blocking', translateAwsError(error, context));
}

function kindCheck(template: Template, kind: StackKind): PreflightCheck {
  try {
    expectTemplateKind(template, kind, 'The template');
    return passed(
      'template-kind',
      `It is the Gitpod Dedicated ${kind} template, as this ${kind} stack needs.`,
    );
  } catch (error) {
    if (error instanceof AppErrorException) return fromAppError('template-kind', 'blocking', error.appError);
    throw error;
  }
}

/**
 * The checks on an imported template: it is what was imported (sha256), fits a size limit,
 * parses, is the right kind for the stack, and CloudFormation accepts it (ValidateTemplate,
 * then GetTemplateSummary for its parameters and capabilities). A template between 51,200
 * bytes and 1 MB is uploaded to S3 first, since both calls then need a TemplateURL; the URL is
 * returned so that the change set is created from the same object. Nothing is uploaded for a
 * template that is the wrong kind or does not parse.
 */
export async function checkTemplateSource(
  cloudFormation: CloudFormationClient,
  s3: S3Client,
  input: TemplateSourceInput,
  contextFor: (action: string) => AwsErrorContext,
  upload: TemplateUploader = uploadTemplate,
): Promise<TemplateSourceResult> {
  const checks: PreflightCheck[] = [];
  const size = templateSize(input.body);
  const base = { templateBytes: size.bytes, delivery: size.delivery === 'inline' ? 'inline' : 's3' } as const;

  if (sha256Hex(input.body) !== input.sha256) {
    checks.push(
      blocking(
        'template-valid',
        'The template text does not match the sha256 it was imported with: it changed since.',
        'Import the template again.',
      ),
    );
    return { checks, ...base };
  }

  let template: Template | undefined;
  try {
    template = parseTemplate(input.body);
  } catch (error) {
    if (!(error instanceof TemplateParseError)) throw error;
    checks.push(
      blocking(
        'template-valid',
        `The template does not parse: ${error.message}.`,
        "Check that this is the file Gitpod's account manager sent, unchanged.",
      ),
    );
  }
  if (template) checks.push(kindCheck(template, input.kind));

  if (size.delivery === 'too-large') {
    checks.push(
      blocking(
        'template-size',
        size.message,
        "CloudFormation cannot take it. Check that this is the template Gitpod's account manager sent.",
      ),
    );
    return { checks, ...base, ...(template ? { template } : {}) };
  }
  if (!template || checks.some((check) => check.outcome === 'blocking')) {
    checks.push(passed('template-size', size.message));
    return { checks, ...base, ...(template ? { template } : {}) };
  }

  let templateUrl: string | undefined;
  if (size.delivery === 's3') {
    try {
      const uploaded = await upload(s3, {
        accountId: input.accountId,
        region: input.region,
        body: input.body,
        sha256: input.sha256,
        ...(input.profile === undefined ? {} : { profile: input.profile }),
      });
      templateUrl = uploaded.templateUrl;
      checks.push(
        passed(
          'template-size',
          `${size.message} It was uploaded to s3://${uploaded.bucket}/${uploaded.key}.`,
        ),
      );
    } catch (error) {
      const appError =
        error instanceof AppErrorException
          ? error.appError
          : translateAwsError(error, contextFor('s3:PutObject'));
      checks.push(fromAppError('template-size', 'blocking', appError, `${size.message} The upload failed: `));
      return { checks, ...base, template };
    }
  } else {
    checks.push(passed('template-size', size.message));
  }

  const source = templateUrl === undefined ? { TemplateBody: input.body } : { TemplateURL: templateUrl };
  const withUrl = templateUrl === undefined ? {} : { templateUrl };
  try {
    await cloudFormation.send(new ValidateTemplateCommand(source));
  } catch (error) {
    checks.push(rejection(error, contextFor('cloudformation:ValidateTemplate')));
    return { checks, ...base, ...withUrl, template };
  }
  try {
    const reply = await cloudFormation.send(new GetTemplateSummaryCommand(source));
    checks.push(passed('template-valid', 'CloudFormation validated the template.'));
    return {
      checks,
      ...base,
      ...withUrl,
      template,
      summary: {
        // moto's GetTemplateSummary reply lists parameters too, but a reply without them
        // would otherwise turn every parameter into "not declared": fall back to the template.
        parameters: reply.Parameters ?? declaredParameters(template),
        capabilities: reply.Capabilities ?? [],
        ...(reply.CapabilitiesReason ? { capabilitiesReason: reply.CapabilitiesReason } : {}),
      },
    };
  } catch (error) {
    checks.push(rejection(error, contextFor('cloudformation:GetTemplateSummary')));
    return { checks, ...base, ...withUrl, template };
  }
}
