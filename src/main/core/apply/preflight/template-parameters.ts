import type { ParameterDeclaration } from '@aws-sdk/client-cloudformation';
import type { Template } from '../../templates/parse-template';

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  // YAML and JSON may give a Default as a number or boolean; CloudFormation reads it as text.
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** NoEcho may be written `true` or `"true"`. */
function isTrue(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.toLowerCase() === 'true');
}

/**
 * The template's Parameters section in GetTemplateSummary's shape, read locally: the fallback
 * when CloudFormation's summary is not at hand (the template was rejected, or it came with a
 * change set), and the source of NoEcho flags for a change set's parameters.
 */
export function declaredParameters(template: Template): ParameterDeclaration[] {
  const section = template.Parameters;
  if (typeof section !== 'object' || section === null || Array.isArray(section)) return [];
  return Object.entries(section as Record<string, unknown>).flatMap(([key, raw]) => {
    if (typeof raw !== 'object' || raw === null) return [];
    const declaration = raw as Record<string, unknown>;
    const allowed = Array.isArray(declaration.AllowedValues)
      ? declaration.AllowedValues.map(text).filter((value): value is string => value !== undefined)
      : undefined;
    const defaultValue = text(declaration.Default);
    const description = text(declaration.Description);
    const type = text(declaration.Type);
    return [
      {
        ParameterKey: key,
        NoEcho: isTrue(declaration.NoEcho),
        ...(defaultValue === undefined ? {} : { DefaultValue: defaultValue }),
        ...(description === undefined ? {} : { Description: description }),
        ...(type === undefined ? {} : { ParameterType: type }),
        ...(allowed === undefined ? {} : { ParameterConstraints: { AllowedValues: allowed } }),
      },
    ];
  });
}
